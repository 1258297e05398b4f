import { EmulatorInputError } from '../../../src/emulator/emulator-input-error.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifySignature } from '../../../src/signature/verify-signature.js';
import { signBody } from '../../../src/signature/sign-body.js';
import { startEmulator } from '../../../src/emulator/start-emulator.js';
import type { Emulator } from '../../../src/emulator/emulator-types.js';
import { startLibraryBot, startRecorderBot, type TestServer } from './library-bot.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function emulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  const emu = await startEmulator(options);
  cleanups.push(() => emu.close());
  return emu;
}
function track<T extends TestServer>(server: T): T {
  cleanups.push(() => server.close());
  return server;
}

describe('deliveries to the bot', () => {
  it('POSTs a signed {"result":[…]} body with the wire shape of spec §2', async () => {
    const bot = track(await startRecorderBot());
    const emu = await emulator({ webhookUrl: bot.url, channelSecret: 'test-secret', channelId: '1234567' });
    const entry = await emu.sendAs('Sally', 'hello');
    expect(bot.requests).toHaveLength(1);
    const request = bot.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json; charset=UTF-8');
    const signature = request.headers['x-line-channelsignature'] as string;
    expect(signature).toBe(await signBody(request.body, 'test-secret'));
    expect(await verifySignature(request.body, signature, 'test-secret')).toBe(true);
    expect(await verifySignature(request.body, signature, 'other-secret')).toBe(false);
    const sally = emu.user('Sally').mid;
    const payload = JSON.parse(request.body) as { result: Record<string, unknown>[] };
    expect(payload.result).toHaveLength(1);
    const event = payload.result[0]!;
    expect(event).toEqual({
      from: 'u206d25c2ea6bd87c17655609a1c37cb8',
      fromChannel: 1341301815,
      to: [emu.channelMid],
      toChannel: 1234567,
      eventType: '138311609000106303',
      id: entry.eventId,
      createdTime: entry.time,
      content: { id: entry.messageId, contentType: 1, from: sally, createdTime: entry.time, to: [emu.channelMid], toType: 1, contentMetadata: null, text: 'hello', location: null },
    });
    expect(entry).toMatchObject({ from: 'user', delivered: true, deliveryId: 'd1' });
    const [delivery] = emu.deliveries();
    expect(delivery).toMatchObject({ id: 'd1', url: bot.url, status: 200, ok: true, error: undefined, responseBody: 'OK', redeliveryOf: undefined });
    expect(delivery?.events).toEqual(payload.result);
    expect(delivery?.latencyMs).toBeGreaterThan(0);
  });

  it('builds every message kind and operation of spec §2.2/§2.3', async () => {
    const bot = track(await startRecorderBot());
    const emu = await emulator({ webhookUrl: bot.url });
    const brown = emu.user('Brown');
    await emu.sendAs('Sally', { type: 'image' });
    await emu.sendAs('Sally', { type: 'video' });
    await emu.sendAs('Sally', { type: 'audio', durationMs: 2400 });
    await emu.sendAs('Sally', { type: 'location', title: 'Tower', address: 'Tokyo', latitude: 35.6, longitude: 139.7 });
    await emu.sendAs('Sally', { type: 'sticker', packageId: '332', stickerId: '3', text: 'hi' });
    await emu.sendAs('Sally', { type: 'contact', mid: brown.mid, displayName: 'Brown' });
    await emu.block('Sally');
    await emu.addAsFriend('Sally');
    const group = await emu.inviteToGroup('Sally');
    const room = await emu.addToRoom('Sally');
    await emu.sendAs('Sally', 'in the group', { chatMid: group.mid });
    const events = bot.requests.flatMap((r) => (JSON.parse(r.body) as { result: Record<string, Record<string, unknown>>[] }).result);
    const contents = events.map((e) => e.content!);
    expect(contents.slice(0, 6).map((c) => [c.contentType, c.contentMetadata, c.text, c.location])).toEqual([
      [2, null, null, null],
      [3, null, null, null],
      [4, { AUDLEN: '2400' }, null, null],
      [7, null, 'Tower', { title: 'Tower', address: 'Tokyo', latitude: 35.6, longitude: 139.7, phone: null }],
      [8, { STKPKGID: '332', STKID: '3', STKVER: '100', STKTXT: 'hi' }, null, null],
      [10, { mid: brown.mid, displayName: 'Brown' }, null, null],
    ]);
    const sally = emu.user('Sally').mid;
    expect(events.slice(6, 10).map((e) => e.eventType)).toEqual(Array(4).fill('138311609100106403'));
    expect(contents.slice(6, 10)).toEqual([
      { revision: 1, opType: 8, params: [sally, null, null] },
      { revision: 2, opType: 4, params: [sally, null, null] },
      { revision: 3, opType: 5, params: [sally, group.mid, null] },
      { revision: 4, opType: 7, params: [sally, room.mid, null] },
    ]);
    expect(contents[10]).toMatchObject({ contentType: 1, toType: 3, to: [group.mid], from: sally, text: 'in the group' });
  });

  it('batches events queued together into one request (up to maxEventsPerBatch)', async () => {
    const bot = track(await startRecorderBot());
    const emu = await emulator({ webhookUrl: bot.url, batchWindowMs: 30, maxEventsPerBatch: 3 });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((text, i) => emu.sendAs(['Sally', 'Brown', 'Cony'][i % 3]!, text)));
    const batches = bot.requests.map((r) => (JSON.parse(r.body) as { result: { content: { text: string } }[] }).result.map((e) => e.content.text));
    expect(batches).toEqual([['a', 'b', 'c'], ['d', 'e']]);
    expect(emu.deliveries().map((d) => d.events.length)).toEqual([3, 2]);
    // Each batch is signed as a whole.
    for (const r of bot.requests) expect(await verifySignature(r.body, r.headers['x-line-channelsignature'] as string, 'emulator-channel-secret')).toBe(true);
  });

  it('packs up to 100 events by default', async () => {
    const bot = track(await startRecorderBot());
    const emu = await emulator({ webhookUrl: bot.url, batchWindowMs: 20 });
    await Promise.all(Array.from({ length: 150 }, (_, i) => emu.sendAs('Cony', `m${i}`)));
    expect(emu.deliveries().map((d) => d.events.length)).toEqual([100, 50]);
  });

  it('records failed deliveries (HTTP error, unreachable, timeout, no URL) and never retries on its own', async () => {
    const failing = track(await startRecorderBot({ status: 500 }));
    const emu = await emulator({ webhookUrl: failing.url, deliveryTimeoutMs: 200 });
    const entry = await emu.sendAs('Sally', 'one');
    expect(entry.delivered).toBe(false);
    expect(emu.deliveries()).toHaveLength(1);
    expect(emu.deliveries()[0]).toMatchObject({ status: 500, ok: false, error: 'The bot answered HTTP 500.', responseBody: 'nope' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(failing.requests).toHaveLength(1);

    const slow = track(await startRecorderBot({ delayMs: 1000 }));
    emu.setWebhookUrl(slow.url);
    await emu.sendAs('Sally', 'two');
    expect(emu.deliveries()[1]).toMatchObject({ status: undefined, ok: false, error: 'The bot did not answer: timed out after 200 ms.' });

    const gone = await startRecorderBot();
    await gone.close();
    emu.setWebhookUrl(gone.url);
    await emu.sendAs('Sally', 'three');
    expect(emu.deliveries()[2]?.error).toMatch(/^Could not reach the bot: fetch failed.*ECONNREFUSED/);

    emu.setWebhookUrl(undefined);
    await emu.sendAs('Sally', 'four');
    expect(emu.deliveries()[3]).toMatchObject({ url: undefined, ok: false, error: expect.stringMatching(/^No webhook URL is set/) });

    const ok = track(await startRecorderBot());
    emu.setWebhookUrl(ok.url);
    const again = await emu.redeliver('d1');
    expect(again).toMatchObject({ id: 'd5', ok: true, status: 200, redeliveryOf: 'd1' });
    expect(ok.requests).toHaveLength(1);
    expect(JSON.parse(ok.requests[0]!.body)).toEqual({ result: emu.deliveries()[0]!.events });
    await expect(emu.redeliver('d99')).rejects.toThrow(new EmulatorInputError('redeliver: no delivery "d99" in the delivery log.'));
  });
});

describe('round trip with a bot built on the library', () => {
  it('delivers, lets the bot reply through the REST side, and waitFor returns the reply', async () => {
    const emu = await emulator();
    const bot = track(await startLibraryBot(emu));
    emu.setWebhookUrl(bot.url);
    await emu.sendAs('Sally', 'hello');
    const [reply] = await emu.waitFor({ chat: 'Sally' });
    expect(reply).toMatchObject({ from: 'bot', kind: 'message', content: { contentType: 1, toType: 1, text: 'echo: hello' }, delivered: true });
    await emu.sendAs('Brown', { type: 'sticker', packageId: '1', stickerId: '2' });
    expect((await emu.waitFor({ chat: emu.user('Brown') }))[0]?.content).toEqual({ contentType: 1, toType: 1, text: 'got sticker' });
    expect(bot.events.map((e) => e.type)).toEqual(['message', 'message']);
    expect(emu.requests().map((r) => [r.method, r.path, r.status])).toEqual([
      ['POST', '/v1/events', 200],
      ['POST', '/v1/events', 200],
    ]);
  });

  it('a bot with the wrong channel secret answers 401, and the delivery log shows it', async () => {
    const emu = await emulator({ channelSecret: 'the-real-secret' });
    const bot = track(await startLibraryBot({ ...emu, channelSecret: 'another-secret', channelToken: emu.channelToken, url: emu.url } as typeof emu));
    emu.setWebhookUrl(bot.url);
    const entry = await emu.sendAs('Sally', 'hello');
    expect(entry.delivered).toBe(false);
    expect(emu.deliveries()[0]).toMatchObject({ status: 401, ok: false, error: 'The bot answered HTTP 401.' });
    await expect(emu.waitFor({ chat: 'Sally', timeoutMs: 100 })).rejects.toThrow(
      /^waitFor: expected 1 entry from the bot in chat u[0-9a-f]{32} after #1 within 100 ms, got 0\. The last webhook delivery failed: The bot answered HTTP 401\.$/,
    );
  });

  it('a user who blocked the bot receives nothing', async () => {
    const emu = await emulator();
    const bot = track(await startLibraryBot(emu));
    emu.setWebhookUrl(bot.url);
    await emu.block('Cony');
    expect(emu.user('Cony')).toMatchObject({ blocked: true, friend: false });
    await expect(emu.sendAs('Cony', 'hi')).rejects.toThrow('Cony has blocked the bot and cannot message it; call addAsFriend first.');
    const response = await fetch(`${emu.url}/v1/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Line-ChannelToken': emu.channelToken },
      body: JSON.stringify({ to: [emu.user('Cony').mid, emu.user('Sally').mid], toChannel: 1383378250, eventType: '138311608800106203', content: { contentType: 1, toType: 1, text: 'news' } }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()) as object).toMatchObject({ failed: [] });
    const last = (name: string) => emu.conversation(name)?.entries.at(-1);
    expect(last('Cony')).toMatchObject({ from: 'bot', delivered: false });
    expect(last('Sally')).toMatchObject({ from: 'bot', delivered: true });
    expect(bot.events.map((e) => (e.type === 'operation' ? e.operation.type : e.type))).toEqual(['blocked']);
  });
});

describe('close', () => {
  it('settles sends in flight and queued, and refuses connections afterwards', async () => {
    const slow = track(await startRecorderBot({ delayMs: 2000 }));
    const emu = await startEmulator({ webhookUrl: slow.url });
    const first = emu.sendAs('Sally', 'in flight');
    // "In flight" means the bot has the request: poll for it (bounded) instead of sleeping 100 ms.
    await vi.waitFor(() => expect(slow.requests).toHaveLength(1), { timeout: 5_000, interval: 10 });
    const second = emu.sendAs('Brown', 'queued');
    const started = Date.now();
    await emu.close();
    expect((await first).delivered).toBe(false);
    expect((await second).delivered).toBe(false);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(emu.deliveries()[0]?.error).toBe('The bot did not answer: the emulator was closed.');
    expect((await emu.sendAs('Cony', 'after close')).delivered).toBe(false);
    await expect(fetch(`${emu.url}/`)).rejects.toThrow();
  });
});

describe('reset', () => {
  it('forgets everything but the webhook URL and restores users and tokens', async () => {
    const bot = track(await startRecorderBot());
    const emu = await emulator({ webhookUrl: bot.url });
    await emu.block('Sally');
    emu.addUser({ displayName: 'James' });
    await fetch(`${emu.url}/v1/oauth/accessToken`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Line-ChannelToken': emu.channelToken },
      body: 'refreshToken=emulator-refresh-token&channelSecret=emulator-channel-secret',
    });
    expect(emu.channelToken).not.toBe('emulator-channel-token');
    expect((await fetch(`${emu.url}/_emulator/reset`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect(emu.users.map((u) => u.displayName)).toContain('James');
    const reset = await fetch(`${emu.url}/_emulator/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
    expect(reset.status).toBe(200);
    expect(emu.users.map((u) => [u.displayName, u.blocked])).toEqual([['Sally', false], ['Brown', false], ['Cony', false]]);
    expect(emu.conversations().flatMap((c) => c.entries)).toEqual([]);
    expect(emu.deliveries()).toEqual([]);
    expect(emu.requests()).toEqual([]);
    expect(emu.channelToken).toBe('emulator-channel-token');
    expect(emu.webhookUrl).toBe(bot.url);
    const entry = await emu.sendAs('Sally', 'after reset');
    expect(entry).toMatchObject({ delivered: true, deliveryId: 'd2' });
  });
});

describe('JSON API', () => {
  it('drives users over HTTP and lists conversations and deliveries', async () => {
    const bot = track(await startRecorderBot());
    const emu = await emulator({ webhookUrl: bot.url });
    const sally = emu.user('Sally').mid;
    const post = (path: string, body: unknown) =>
      fetch(`${emu.url}/_emulator${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const sent = await post(`/users/${sally}/messages`, { type: 'text', text: 'from http' });
    expect(sent.status).toBe(202);
    expect(await sent.json()).toMatchObject({ from: 'user', userMid: sally, content: { text: 'from http' } });
    expect((await post(`/users/${sally}/block`, {})).status).toBe(202);
    const bad = await post(`/users/${sally}/messages`, { type: 'text', text: 'blocked now' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'Sally has blocked the bot and cannot message it; call addAsFriend first.' });
    expect((await post(`/users/${sally}/add-as-friend`, {})).status).toBe(202);
    expect((await post('/users/nobody/messages', { type: 'text', text: 'x' })).status).toBe(400);
    expect((await post(`/users/${sally}/messages`, { type: 'nope' })).status).toBe(400);
    const created = await post('/users', { displayName: 'James', statusMessage: 'hi' });
    expect(created.status).toBe(201);
    await emu.flush();
    const users = (await (await fetch(`${emu.url}/_emulator/users`)).json()) as { displayName: string }[];
    expect(users.map((u) => u.displayName)).toEqual(['Sally', 'Brown', 'Cony', 'James']);
    const conversations = (await (await fetch(`${emu.url}/_emulator/conversations`)).json()) as { title: string; entries: { kind: string }[] }[];
    expect(conversations.find((c) => c.title === 'Sally')?.entries.map((e) => e.kind)).toEqual(['message', 'operation', 'operation']);
    const deliveries = (await (await fetch(`${emu.url}/_emulator/deliveries`)).json()) as { ok: boolean }[];
    expect(deliveries.every((d) => d.ok)).toBe(true);
    const webhook = await fetch(`${emu.url}/_emulator/webhook`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ url: 'not a url' }) });
    expect(webhook.status).toBe(400);
    const state = await fetch(`${emu.url}/_emulator/state`);
    const { version } = (await state.json()) as { version: number };
    expect((await fetch(`${emu.url}/_emulator/state?since=${version}`)).status).toBe(204);
    const page = await fetch(`${emu.url}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(await page.text()).toContain('<title>LINE Business Connect emulator</title>');
  });
});
