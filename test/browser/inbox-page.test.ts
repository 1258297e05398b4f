// Drives the inbox page in a real headless Chromium (CHROMIUM_PATH, or one on PATH: scripts/install-chromium.mjs,
// which `npm run test:setup` runs): send as a user from the page, see the library bot's reply, render every message kind.
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumFlags, findChromium, howToGetChromium } from '../../scripts/install-chromium.mjs';
import { startEmulator } from '../../src/emulator/start-emulator.js';
import type { Emulator } from '../../src/emulator/emulator-types.js';
import type { LineEvent } from '../../src/events/line-event.js';
import { startLibraryBot, type TestServer } from '../integration/emulator/library-bot.js';

let browser: Browser;
let emu: Emulator;
let bot: TestServer & { events: LineEvent[] };
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  const found = findChromium();
  if (!found) throw new Error(howToGetChromium);
  browser = await chromium.launch({ executablePath: found.path, headless: true, args: chromiumFlags.filter((flag) => flag !== '--headless') });
  emu = await startEmulator();
  bot = await startLibraryBot(emu);
  emu.setWebhookUrl(bot.url);
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // Images of the bot's example.invalid URLs fail to load on purpose; anything else is a bug in the page.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await bot?.close();
  await emu?.close();
});

const SCREENSHOT = '.reports/inbox.png';

/** `[operation type, opType, user MID]` of the operation events the library bot decoded after the first `from` events. */
function operationsSince(from: number): [string, number, string][] {
  return bot.events.slice(from).flatMap((event) => (event.type === 'operation' ? [[event.operation.type, event.operation.opType, event.operation.mid] as [string, number, string]] : []));
}

async function botSend(content: unknown, eventType = '138311608800106203', toChannel = 1383378250): Promise<void> {
  const response = await fetch(`${emu.url}/v1/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Line-ChannelToken': emu.channelToken },
    body: JSON.stringify({ to: [emu.user('Sally').mid], toChannel, eventType, content }),
  });
  expect(response.status).toBe(200);
}

describe('inbox page in headless Chromium', () => {
  it('sends as a user from the composer and shows the bot reply and the delivery', async () => {
    await page.goto(emu.inboxUrl);
    await page.locator('[data-testid=chat-item]', { hasText: 'Sally' }).click();
    await page.fill('#composer-input', 'hello from the page');
    await page.click('#send');
    const reply = page.locator('[data-testid=bot-message]', { hasText: 'echo: hello from the page' });
    await reply.waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid=user-message]').allTextContents()).toEqual(['hello from the page']);
    const delivery = page.locator('[data-testid=delivery]').first();
    await expect.poll(() => delivery.textContent()).toMatch(/^d1.*1HTTP 200[0-9.]+ msredeliver$/);
    expect(await page.locator('[data-testid=request]').first().textContent()).toBe('POST /v1/events200');
    // The emulator's own record agrees with the page.
    expect(emu.conversation('Sally')?.entries.map((e) => [e.from, (e.content as { text?: string } | undefined)?.text])).toEqual([
      ['user', 'hello from the page'],
      ['bot', 'echo: hello from the page'],
    ]);
  });

  it('renders media, stickers, locations, rich messages with tap areas and link messages', async () => {
    await page.click('[data-kind=image]');
    await page.locator('[data-testid=bot-message]', { hasText: 'got image' }).waitFor();
    // The sample JPEG really decodes in Chromium.
    const size = await page.locator('[data-testid=user-message] img.media').first().evaluate((img: HTMLImageElement) => img.decode().then(() => [img.naturalWidth, img.naturalHeight]));
    expect(size).toEqual([64, 48]);
    await page.click('[data-kind=sticker]');
    await page.click('[data-kind=location]');
    await page.locator('[data-testid=bot-message]', { hasText: 'got location' }).waitFor();

    const markup = {
      canvas: { width: 1040, height: 520, initialScene: 'scene1' },
      images: { image1: { x: 0, y: 0, w: 1040, h: 520 } },
      actions: {
        shop: { type: 'web', text: 'Open shop', params: { linkUri: 'https://example.com/shop' } },
        hello: { type: 'sendMessage', text: 'Say hello', params: { text: 'hello rich' } },
      },
      scenes: {
        scene1: {
          draws: [{ image: 'image1', x: 0, y: 0, w: 1040, h: 520 }],
          listeners: [
            { type: 'touch', params: [0, 0, 520, 520], action: 'shop' },
            { type: 'touch', params: [520, 0, 520, 520], action: 'hello' },
          ],
        },
      },
    };
    await botSend({ contentType: 12, toType: 1, contentMetadata: { SPEC_REV: '1', DOWNLOAD_URL: 'https://example.invalid/rich', ALT_TEXT: 'Spring sale', MARKUP_JSON: JSON.stringify(markup) } });
    await botSend({ contentType: 7, toType: 1, text: 'Our shop', location: { title: 'Our shop', address: 'Shibuya, Tokyo', latitude: 35.66, longitude: 139.7 } });
    await botSend({ contentType: 8, toType: 1, contentMetadata: { STKID: '13', STKPKGID: '1', STKVER: '100' } });
    await botSend({ templateId: 'coupon', textParams: { name: 'Sally' }, linkTextParams: { label: 'Get coupon' }, linkUriParams: { url: 'https://example.com/c' } }, '137299299800026303', 1341301715);

    const areas = page.locator('[data-testid=rich-area]');
    await areas.first().waitFor();
    expect(await areas.allTextContents()).toEqual(['Open shop', 'Say hello']);
    const [left, right] = [await areas.nth(0).boundingBox(), await areas.nth(1).boundingBox()];
    expect(left && right && Math.abs(left.width - right.width) < 2 && right.x > left.x).toBe(true);
    await expect.poll(() => page.locator('[data-testid=link-message]').textContent()).toContain('Link message · template coupon');

    // Tapping a sendMessage area sends its text as the user, and the bot answers.
    await areas.nth(1).click();
    await page.locator('[data-testid=bot-message]', { hasText: 'echo: hello rich' }).waitFor();

    await page.locator('[data-testid=bot-message]', { hasText: 'echo: hello rich' }).scrollIntoViewIfNeeded();
    mkdirSync('.reports', { recursive: true });
    rmSync(SCREENSHOT, { force: true });
    await page.locator('[data-testid=rich]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT });
    // A real PNG (8-byte signature, then the IHDR chunk with the viewport size), not an empty or tiny file.
    const png = readFileSync(SCREENSHOT);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1360, 900]);
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(20_000);
  });

  it('blocks from the page: the user is marked blocked and the bot gets opType 8', async () => {
    const before = bot.events.length;
    await page.click('#block');
    await page.locator('[data-testid=chat-item]', { hasText: 'blocked' }).waitFor();
    await page.locator('[data-testid=operation]', { hasText: 'Sally blocked the bot' }).waitFor();
    await emu.flush();
    const last = emu.deliveries().at(-1);
    expect(last?.ok).toBe(true);
    expect((last?.events.at(-1)?.content as { opType: number }).opType).toBe(8);
    // The bot itself decoded it, and the emulator's conversation shows it.
    expect(operationsSince(before)).toEqual([['blocked', 8, emu.user('Sally').mid]]);
    expect(emu.conversation('Sally')?.entries.at(-1)).toMatchObject({ from: 'user', kind: 'operation', opType: 8, delivered: true });
    expect(emu.user('Sally').blocked).toBe(true);
  });

  it('adds the bot as a friend again from the page: the bot gets opType 4 and the chat shows it', async () => {
    const before = bot.events.length;
    await page.click('#add-as-friend');
    await page.locator('[data-testid=operation]', { hasText: 'Sally added the bot as a friend' }).waitFor();
    await expect.poll(() => page.locator('[data-testid=chat-item]', { hasText: 'Sally' }).textContent()).not.toContain('blocked');
    await emu.flush();
    expect(operationsSince(before)).toEqual([['addedAsFriend', 4, emu.user('Sally').mid]]);
    expect(emu.conversation('Sally')?.entries.at(-1)).toMatchObject({ from: 'user', kind: 'operation', opType: 4, delivered: true });
    expect(emu.user('Sally').blocked).toBe(false);
    // A friend again: a message from the page gets the bot's answer.
    await page.fill('#composer-input', 'back again');
    await page.click('#send');
    await page.locator('[data-testid=bot-message]', { hasText: 'echo: back again' }).waitFor({ timeout: 10_000 });
  });

  it('shows the warnings of a request LINE accepted in a form a careful client would not send', async () => {
    // Perl's audio: AUDLEN as a number and "text": null (spec §3.1), with the PHP SDK's string toChannel.
    const response = await fetch(`${emu.url}/v1/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Line-ChannelToken': emu.channelToken },
      body: JSON.stringify({
        to: [emu.user('Sally').mid],
        toChannel: '1383378250',
        eventType: '138311608800106203',
        content: { contentType: 4, toType: 1, originalContentUrl: 'https://example.invalid/a.m4a', contentMetadata: { AUDLEN: 240000 }, text: null },
      }),
    });
    expect(response.status).toBe(200);
    const warnings = page.locator('[data-testid=request-warning]');
    await expect.poll(() => warnings.allTextContents()).toEqual([
      '⚠ toChannel is the string "1383378250"; LINE accepted it, but the documented form is the number 1383378250.',
      '⚠ content.text is null; LINE treated it as absent, but a careful client leaves the field out.',
      '⚠ content.contentMetadata.AUDLEN is the number 240000; LINE accepted it, but the documented form is the string "240000".',
    ]);
    await expect.poll(() => page.locator('[data-testid=request]').first().textContent()).toBe('POST /v1/events200 ⚠ 3');
  });

  it('creates a group from the page, a member speaks in it, and the bot answers in the group (screenshot)', async () => {
    await page.goto(emu.inboxUrl);
    await page.fill('#new-chat-name', 'Picnic');
    for (const name of ['Brown', 'Sally', 'Cony']) await page.locator('#new-chat-members label', { hasText: name }).locator('input').check();
    await page.click('#new-group');
    // The group is selected once created; the first member in page order (Sally) invites the bot (opType 5).
    await page.locator('#conv-title', { hasText: 'Picnic (group, ' }).waitFor();
    const group = emu.conversations().find((chat) => chat.title === 'Picnic')!;
    expect(group).toMatchObject({ kind: 'group', active: true, members: [emu.user('Sally').mid, emu.user('Brown').mid, emu.user('Cony').mid] });
    await page.locator('[data-testid=operation]', { hasText: 'Sally invited the bot to a group' }).waitFor();
    await page.selectOption('#sender', emu.user('Cony').mid);
    await page.fill('#composer-input', 'who brings the drinks?');
    await page.click('#send');
    await page.locator('[data-testid=bot-message]', { hasText: 'echo: who brings the drinks?' }).waitFor({ timeout: 10_000 });
    await page.locator('[data-testid=user-message]', { hasText: 'who brings the drinks?' }).waitFor();
    const last = bot.events.at(-1);
    expect(last?.type === 'message' ? [last.message.from, last.message.chat, last.message.toType] : undefined).toEqual([
      emu.user('Cony').mid,
      { type: 'group', mid: group.mid },
      'group',
    ]);
    expect(emu.conversation(group.mid)?.entries.at(-1)).toMatchObject({ from: 'bot', content: { contentType: 1, toType: 3, text: 'echo: who brings the drinks?' } });
    mkdirSync('.reports', { recursive: true });
    await page.screenshot({ path: '.reports/inbox-group.png', fullPage: true });
    expect(statSync('.reports/inbox-group.png').size).toBeGreaterThan(10_000);
  });

  it('opens on the chat with the latest activity and follows new activity until a chat is picked', async () => {
    const title = page.locator('#conv-title');
    await emu.sendAs('Cony', 'the latest conversation');
    await page.goto(emu.inboxUrl);
    await expect.poll(() => title.textContent()).toBe('Cony');
    await emu.sendAs('Brown', 'now me');
    await expect.poll(() => title.textContent()).toBe('Brown');
    // Once the user picks a chat, activity elsewhere no longer moves the page.
    await page.locator('[data-testid=chat-item]', { hasText: 'Sally' }).click();
    await emu.sendAs('Cony', 'still there?');
    await page.locator('[data-testid=chat-item]', { hasText: 'still there?' }).waitFor();
    expect(await title.textContent()).toBe('Sally');
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
