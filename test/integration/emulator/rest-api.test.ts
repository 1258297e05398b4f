import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LineError } from '../../../src/errors.js';
import { startEmulator } from '../../../src/emulator/start-emulator.js';
import type { Emulator } from '../../../src/emulator/emulator-types.js';

const SINGLE = '138311608800106203';
const MULTIPLE = '140177271400161403';
const LINK = '137299299800026303';

let emu: Emulator;
let sally: string;
let brown: string;

beforeEach(async () => {
  emu = await startEmulator();
  sally = emu.user('Sally').mid;
  brown = emu.user('Brown').mid;
});
afterEach(async () => {
  await emu.close();
});

function headers(extra: Record<string, string> = {}): Record<string, string> {
  return { 'Content-Type': 'application/json; charset=UTF-8', 'X-Line-ChannelToken': emu.channelToken, ...extra };
}

async function send(body: unknown, init: { headers?: Record<string, string>; raw?: string } = {}) {
  const response = await fetch(`${emu.url}/v1/events`, {
    method: 'POST',
    headers: init.headers ?? headers(),
    body: init.raw ?? JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

const text = (value: string, toType = 1) => ({ contentType: 1, toType, text: value });
const single = (to: string[], content: unknown) => ({ to, toChannel: 1383378250, eventType: SINGLE, content });

describe('POST /v1/events: accepted sends', () => {
  it('answers {failed, messageId, timestamp, version} and records the message in the conversation', async () => {
    const before = Date.now();
    const result = await send(single([sally], text('hello')));
    expect(result.status).toBe(200);
    expect(result.type).toBe('application/json; charset=UTF-8');
    expect(Object.keys(result.body ?? {})).toEqual(['failed', 'messageId', 'timestamp', 'version']);
    expect(result.body?.failed).toEqual([]);
    expect(result.body?.version).toBe(1);
    expect(result.body?.messageId).toMatch(/^[0-9]+$/);
    expect(result.body?.timestamp).toBeGreaterThanOrEqual(before);
    const entries = emu.conversation('Sally')?.entries ?? [];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ from: 'bot', userMid: sally, kind: 'message', content: text('hello'), messageId: result.body?.messageId, delivered: true });
  });

  it('accepts every content shape of spec §3', async () => {
    const markup = {
      canvas: { width: 1040, height: 1040, initialScene: 'scene1' },
      images: { image1: { x: 0, y: 0, w: 1040, h: 1040 } },
      actions: { open: { type: 'web', text: 'Open', params: { linkUri: 'https://example.com/' } } },
      scenes: { scene1: { draws: [{ image: 'image1', x: 0, y: 0, w: 1040, h: 1040 }], listeners: [{ type: 'touch', params: [0, 0, 1040, 1040], action: 'open' }] } },
    };
    const contents = [
      text('hi'),
      { contentType: 2, toType: 1, originalContentUrl: 'https://example.com/a.jpg', previewImageUrl: 'https://example.com/p.jpg' },
      { contentType: 3, toType: 1, originalContentUrl: 'https://example.com/a.mp4', previewImageUrl: 'https://example.com/p.jpg' },
      { contentType: 4, toType: 1, originalContentUrl: 'https://example.com/a.m4a', contentMetadata: { AUDLEN: '240000' } },
      { contentType: 7, toType: 1, text: 'Tower', location: { title: 'Tower', address: 'Tokyo', latitude: 35.6, longitude: 139.7 } },
      { contentType: 8, toType: 1, contentMetadata: { STKID: '3', STKPKGID: '332', STKVER: '100' } },
      { contentType: 12, toType: 1, contentMetadata: { SPEC_REV: '1', DOWNLOAD_URL: 'https://example.com/rich/a', ALT_TEXT: 'alt', MARKUP_JSON: JSON.stringify(markup) } },
    ];
    for (const content of contents) expect((await send(single([sally], content))).status).toBe(200);
    const multiple = await send({ to: [sally, brown], toChannel: 1383378250, eventType: MULTIPLE, content: { messageNotified: 1, messages: [text('a'), text('b')] } });
    expect(multiple.status).toBe(200);
    const link = await send({ to: [sally], toChannel: 1341301715, eventType: LINK, content: { templateId: 'welcome', textParams: { name: 'Sally' } } });
    expect(link.status).toBe(200);
    expect(emu.conversation('Sally')?.entries.map((e) => e.content)).toEqual([...contents, text('a'), text('b'), { templateId: 'welcome', textParams: { name: 'Sally' } }]);
    expect(emu.conversation('Brown')?.entries.map((e) => e.content)).toEqual([text('a'), text('b')]);
  });

  it('sends to a group with toType 3 after an invite', async () => {
    const group = await emu.inviteToGroup('Sally');
    expect((await send(single([group.mid], text('hello group', 3)))).status).toBe(200);
    expect(emu.conversation(group.mid)?.entries.at(-1)).toMatchObject({ from: 'bot', content: text('hello group', 3) });
    const wrongType = await send(single([group.mid], text('hello', 1)));
    expect(wrongType).toMatchObject({ status: 400, body: { statusCode: '400', statusMessage: 'content.toType must be 3 (the recipients are groups), got 1.' } });
  });

  it('answers success to a user who blocked the bot but records the message as not delivered', async () => {
    await emu.block('Brown');
    const result = await send(single([brown], text('are you there?')));
    expect(result.status).toBe(200);
    expect(result.body?.failed).toEqual([]);
    expect(emu.conversation('Brown')?.entries.at(-1)).toMatchObject({ from: 'bot', delivered: false, content: text('are you there?') });
  });
});

describe('POST /v1/events: rejected like a strict LINE', () => {
  const cases: [string, () => Promise<{ status: number; body: unknown }>, number, string, string | RegExp][] = [
    ['missing token', () => send(single([sally], text('x')), { headers: { 'Content-Type': 'application/json' } }), 401, '401', 'Authentication failed: the X-Line-ChannelToken header is missing.'],
    ['wrong token', () => send(single([sally], text('x')), { headers: headers({ 'X-Line-ChannelToken': 'nope' }) }), 401, '401', 'Authentication failed: the channel access token is invalid or was replaced by a reissue.'],
    ['no JSON content type', () => send(single([sally], text('x')), { headers: headers({ 'Content-Type': 'text/plain' }) }), 415, '415', 'Unsupported Media Type: send Content-Type: application/json; charset=UTF-8.'],
    ['invalid JSON', () => send(undefined, { raw: '{"to":[' }), 400, '400', 'The request body is not valid UTF-8 JSON.'],
    ['a JSON array', () => send([1]), 400, '400', /^The request body must be a JSON object/],
    ['unknown eventType', () => send({ ...single([sally], text('x')), eventType: '123' }), 400, '423', /^eventType is invalid: "123"\./],
    ['eventType as a number', () => send({ ...single([sally], text('x')), eventType: 138311608800106200 }), 400, '423', /^eventType is invalid: 138311608800106200\./],
    ['wrong toChannel', () => send({ ...single([sally], text('x')), toChannel: 1341301715 }), 400, '400', 'toChannel must be the number 1383378250 for eventType 138311608800106203, got 1341301715.'],
    ['link message with the message channel', () => send({ to: [sally], toChannel: 1383378250, eventType: LINK, content: { templateId: 't' } }), 400, '400', 'toChannel must be the number 1341301715 for eventType 137299299800026303, got 1383378250.'],
    ['unknown envelope key', () => send({ ...single([sally], text('x')), toType: 1 }), 400, '400', 'Unknown field "toType" in the request body; allowed: to, toChannel, eventType, content.'],
    ['missing content', () => send({ to: [sally], toChannel: 1383378250, eventType: SINGLE }), 400, '400', 'The request body has no "content".'],
    ['empty to', () => send(single([], text('x'))), 400, '400', 'to is empty: give 1 to 150 MIDs.'],
    ['151 recipients', () => send(single(Array.from({ length: 151 }, () => sally), text('x'))), 400, '400', 'to has 151 MIDs; at most 150 recipients are allowed per request.'],
    ['unknown recipient', () => send(single([sally, 'u00000000000000000000000000000000'], text('x'))), 400, '422', 'invalid users: u00000000000000000000000000000000 (not a user, group or room known to this channel).'],
    ['non-https image URL', () => send(single([sally], { contentType: 2, toType: 1, originalContentUrl: 'http://example.com/a.jpg', previewImageUrl: 'https://example.com/p.jpg' })), 400, '400', 'Invalid content.originalContentUrl: must be an https: URL (the LINE app downloads it from your server over HTTPS), got http:.'],
    ['empty text', () => send(single([sally], text(''))), 400, '400', 'Invalid content.text: must not be empty.'],
    ['unknown contentType', () => send(single([sally], { contentType: 99, toType: 1 })), 400, '400', /^Invalid content\.contentType: cannot be sent: the number 99\./],
    ['link message content as a single message', () => send(single([sally], { templateId: 't' })), 400, '400', /^content has no contentType: a link message needs eventType "137299299800026303"/],
    ['messageNotified out of range', () => send({ to: [sally], toChannel: 1383378250, eventType: MULTIPLE, content: { messageNotified: 2, messages: [text('a'), text('b')] } }), 400, '400', 'content.messageNotified must be the index of one of the 2 messages (0 to 1), got 2.'],
    ['invalid message inside multiple', () => send({ to: [sally], toChannel: 1383378250, eventType: MULTIPLE, content: { messageNotified: 0, messages: [text('a'), { contentType: 8, toType: 1, contentMetadata: { STKID: 'x', STKPKGID: '1' } }] } }), 400, '400', /^Invalid content\.messages\[1\]\.contentMetadata\.STKID: /],
  ];
  for (const [name, request, status, statusCode, statusMessage] of cases) {
    it(`rejects ${name} with HTTP ${status} and LINE code ${statusCode}`, async () => {
      const result = await request();
      expect(result.status).toBe(status);
      expect(Object.keys(result.body as object)).toEqual(['statusCode', 'statusMessage']);
      expect((result.body as { statusCode: string }).statusCode).toBe(statusCode);
      const message = (result.body as { statusMessage: string }).statusMessage;
      if (typeof statusMessage === 'string') expect(message).toBe(statusMessage);
      else expect(message).toMatch(statusMessage);
      // Never accepted: nothing reaches a conversation.
      expect(emu.conversations().flatMap((c) => c.entries)).toEqual([]);
      expect(emu.requests().at(-1)).toMatchObject({ method: 'POST', path: '/v1/events', status, statusCode });
    });
  }

  it('rejects a body of 8192 bytes with 413 and accepts 8191 bytes', async () => {
    const envelope = (filler: string) => JSON.stringify(single([sally], text(filler)));
    const fixed = envelope('').length;
    const at = envelope('a'.repeat(8192 - fixed));
    const under = envelope('a'.repeat(8191 - fixed));
    expect(Buffer.byteLength(at)).toBe(8192);
    expect(Buffer.byteLength(under)).toBe(8191);
    expect(await send(undefined, { raw: at })).toEqual({
      status: 413,
      type: 'application/json; charset=UTF-8',
      body: { statusCode: '413', statusMessage: 'Request Entity Too Large: the body is 8192 bytes; it must be under 8192 bytes. Send fewer recipients or a shorter message per request.' },
    });
    expect((await send(undefined, { raw: under })).status).toBe(200);
  });

  it('survives a 2 MiB body without buffering it', async () => {
    const result = await send(undefined, { raw: 'x'.repeat(2 * 1024 * 1024) }).catch((error: unknown) => ({ status: 0, body: String(error) }));
    // Either the 413 answer arrives, or the connection is cut after it: never a crash.
    expect([0, 413]).toContain(result.status);
    expect((await send(single([sally], text('still alive')))).status).toBe(200);
  });
});

describe('other endpoints', () => {
  it('GET on /v1/events is 405 and an unknown path is a LINE-style 404', async () => {
    const wrongMethod = await fetch(`${emu.url}/v1/events`, { headers: headers() });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toEqual({ statusCode: '405', statusMessage: 'Method Not Allowed: use POST.' });
    for (const path of ['/v1/nope', '/v2/events', '/nothing']) {
      const response = await fetch(`${emu.url}${path}`, { headers: headers() });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ statusCode: '404', statusMessage: 'Not Found: no such API endpoint. See node_modules/line-business-connect/docs/emulator.md for the endpoints the emulator serves.' });
    }
  });

  it('GET /v1/profiles returns the known users, statusMessage only when set', async () => {
    const response = await fetch(`${emu.url}/v1/profiles?mids=${sally},${emu.user('Cony').mid},u00000000000000000000000000000000`, { headers: headers() });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      contacts: [
        { displayName: 'Sally', mid: sally, pictureUrl: `${emu.url}/_emulator/users/${sally}/picture`, statusMessage: 'Out for a walk' },
        { displayName: 'Cony', mid: emu.user('Cony').mid, pictureUrl: `${emu.url}/_emulator/users/${emu.user('Cony').mid}/picture` },
      ],
      count: 2,
      display: 2,
      start: 1,
      total: 2,
    });
    const picture = await fetch(`${emu.url}/_emulator/users/${sally}/picture`);
    expect(picture.headers.get('content-type')).toBe('image/svg+xml');
    const missing = await fetch(`${emu.url}/v1/profiles`, { headers: headers() });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ statusCode: '400', statusMessage: 'The mids query parameter is missing: GET /v1/profiles?mids=mid1,mid2.' });
    expect((await fetch(`${emu.url}/v1/profiles?mids=${sally}`)).status).toBe(401);
  });

  it('serves real JPEG, MP4 and M4A bytes for media users sent, with previews', async () => {
    const image = await emu.sendAs('Sally', { type: 'image' });
    const video = await emu.sendAs('Sally', { type: 'video' });
    const audio = await emu.sendAs('Sally', { type: 'audio', durationMs: 2400 });
    const get = (id: string | undefined, suffix = '') => fetch(`${emu.url}/v1/bot/message/${id ?? ''}/content${suffix}`, { headers: headers() });

    const jpeg = await get(image.messageId);
    expect(jpeg.status).toBe(200);
    expect(jpeg.headers.get('content-type')).toBe('image/jpeg');
    expect(jpeg.headers.get('content-disposition')).toBe(`attachment; filename="${image.messageId}.jpg"`);
    const jpegBytes = new Uint8Array(await jpeg.arrayBuffer());
    expect([...jpegBytes.slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect([...jpegBytes.slice(-2)]).toEqual([0xff, 0xd9]);
    expect(Number(jpeg.headers.get('content-length'))).toBe(jpegBytes.byteLength);

    const preview = await get(image.messageId, '/preview');
    expect(preview.headers.get('content-disposition')).toBe(`attachment; filename="${image.messageId}-preview.jpg"`);
    expect([...new Uint8Array(await preview.arrayBuffer()).slice(0, 2)]).toEqual([0xff, 0xd8]);

    const mp4 = await get(video.messageId);
    expect(mp4.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await mp4.arrayBuffer()).subarray(4, 12).toString('latin1')).toBe('ftypisom');
    expect((await get(video.messageId, '/preview')).headers.get('content-type')).toBe('image/jpeg');

    const m4a = await get(audio.messageId);
    expect(m4a.headers.get('content-type')).toBe('audio/mp4');
    expect(Buffer.from(await m4a.arrayBuffer()).subarray(4, 12).toString('latin1')).toBe('ftypM4A ');
    const noPreview = await get(audio.messageId, '/preview');
    expect(noPreview.status).toBe(404);
    expect(await noPreview.json()).toMatchObject({ statusCode: '404' });

    const text = await emu.sendAs('Sally', 'no media');
    expect((await get(text.messageId)).status).toBe(404);
    expect((await fetch(`${emu.url}/v1/bot/message/${image.messageId ?? ''}/content`)).status).toBe(401);
  });

  it('reissues the token: the old one stops working at once', async () => {
    const oldToken = emu.channelToken;
    const reissue = (form: string, token = emu.channelToken) =>
      fetch(`${emu.url}/v1/oauth/accessToken`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Line-ChannelToken': token }, body: form });

    const wrong = await reissue('refreshToken=nope&channelSecret=emulator-channel-secret');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ statusCode: '411', statusMessage: 'TOKEN_INVALID_TOKEN: the refresh token or channel secret is wrong.' });
    const missing = await reissue('refreshToken=emulator-refresh-token');
    expect(await missing.json()).toEqual({ statusCode: '400', statusMessage: 'The form needs refreshToken and channelSecret.' });

    const before = Date.now();
    const ok = await reissue('refreshToken=emulator-refresh-token&channelSecret=emulator-channel-secret');
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { accessToken: string; refreshToken: string; expire: number };
    expect(Object.keys(body)).toEqual(['accessToken', 'refreshToken', 'expire']);
    expect(body.accessToken).not.toBe(oldToken);
    expect(body.accessToken).toBe(emu.channelToken);
    expect(body.refreshToken).toBe(emu.refreshToken);
    expect(body.expire).toBeGreaterThanOrEqual(before + 86_400_000);

    const withOld = await send(single([sally], text('x')), { headers: headers({ 'X-Line-ChannelToken': oldToken }) });
    expect(withOld).toMatchObject({ status: 401, body: { statusCode: '401', statusMessage: 'Authentication failed: the channel access token is invalid or was replaced by a reissue.' } });
    expect((await send(single([sally], text('x')), { headers: headers({ 'X-Line-ChannelToken': body.accessToken }) })).status).toBe(200);
    // The old refresh token is spent too.
    expect((await reissue('refreshToken=emulator-refresh-token&channelSecret=emulator-channel-secret')).status).toBe(401);
  });

  it('leaves a group and a room once; a second leave is 400 "422"', async () => {
    const group = await emu.inviteToGroup('Sally', { name: 'Team' });
    const room = await emu.addToRoom('Brown');
    expect(group.mid).toMatch(/^c[0-9a-f]{32}$/);
    expect(room.mid).toMatch(/^r[0-9a-f]{32}$/);
    const leave = (kind: string, mid: string) => fetch(`${emu.url}/v1/bot/${kind}/leave/${mid}`, { method: 'DELETE', headers: headers() });
    expect((await leave('group', group.mid)).status).toBe(200);
    expect((await leave('room', room.mid)).status).toBe(200);
    const again = await leave('group', group.mid);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ statusCode: '422', statusMessage: `invalid group: the bot is not in group ${group.mid}.` });
    expect(emu.conversation(group.mid)?.active).toBe(false);
    // After leaving, the group is no longer a valid recipient.
    expect((await send(single([group.mid], text('x', 3)))).body).toMatchObject({ statusCode: '422' });
  });
});

describe('Trial mode', () => {
  it('wants the three Trial headers and refuses BC-only features', async () => {
    const trial = await startEmulator({ trial: true, channelId: '1234567', channelSecret: 'trial-secret', channelMid: 'u11111111111111111111111111111111' });
    try {
      const to = trial.user('Sally').mid;
      const trialHeaders = {
        'Content-Type': 'application/json',
        'X-Line-ChannelID': '1234567',
        'X-Line-ChannelSecret': 'trial-secret',
        'X-Line-Trusted-User-With-ACL': 'u11111111111111111111111111111111',
      };
      const post = (body: unknown, h: Record<string, string>) => fetch(`${trial.url}/v1/events`, { method: 'POST', headers: h, body: JSON.stringify(body) });
      expect((await post(single([to], text('hi')), trialHeaders)).status).toBe(200);
      const token = await post(single([to], text('hi')), { 'Content-Type': 'application/json', 'X-Line-ChannelToken': trial.channelToken });
      expect(token.status).toBe(401);
      expect(await token.json()).toEqual({
        statusCode: '401',
        statusMessage: 'Authentication failed: the BOT API Trial needs the X-Line-ChannelID, X-Line-ChannelSecret and X-Line-Trusted-User-With-ACL headers.',
      });
      const wrongSecret = await post(single([to], text('hi')), { ...trialHeaders, 'X-Line-ChannelSecret': 'nope' });
      expect(await wrongSecret.json()).toEqual({ statusCode: '401', statusMessage: 'Authentication failed: the channel id, channel secret or channel MID is wrong.' });
      const link = await post({ to: [to], toChannel: 1341301715, eventType: LINK, content: { templateId: 't' } }, trialHeaders);
      expect(await link.json()).toEqual({ statusCode: '423', statusMessage: 'eventType is invalid: the BOT API Trial has no link messages.' });
      expect((await fetch(`${trial.url}/v1/oauth/accessToken`, { method: 'POST', headers: trialHeaders })).status).toBe(404);
      await expect(trial.inviteToGroup('Sally')).rejects.toThrow('Group and room invites are a Business Connect feature');
    } finally {
      await trial.close();
    }
  });

  it('caps texts at 1024 characters by default (Trial docs, spec §3/§5) with a LINE-style 400; BC has no cap unless set', async () => {
    const trial = await startEmulator({ trial: true, channelId: '1234567', channelSecret: 'trial-secret', channelMid: 'u11111111111111111111111111111111' });
    const capped = await startEmulator({ maxTextChars: 5 });
    try {
      const to = trial.user('Sally').mid;
      const trialHeaders = {
        'Content-Type': 'application/json',
        'X-Line-ChannelID': '1234567',
        'X-Line-ChannelSecret': 'trial-secret',
        'X-Line-Trusted-User-With-ACL': 'u11111111111111111111111111111111',
      };
      const post = (url: string, body: unknown, h: Record<string, string>) => fetch(`${url}/v1/events`, { method: 'POST', headers: h, body: JSON.stringify(body) });
      // 1024 code points (astral characters count once) pass; 1025 are refused.
      expect((await post(trial.url, single([to], text('😀'.repeat(1024))), trialHeaders)).status).toBe(200);
      const tooLong = await post(trial.url, single([to], text('a'.repeat(1025))), trialHeaders);
      expect(tooLong.status).toBe(400);
      expect(tooLong.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await tooLong.json()).toEqual({
        statusCode: '400',
        statusMessage: 'Invalid content.text: has 1025 characters, more than maxTextChars (1024). Shorten it or split it into several messages.',
      });
      expect(trial.conversation('Sally')?.entries.filter((entry) => entry.from === 'bot')).toHaveLength(1);

      // Business Connect: no cap by default (emu from beforeEach), an explicit one applies.
      expect((await send(single([sally], text('a'.repeat(2000))))).status).toBe(200);
      const capTo = capped.user('Sally').mid;
      const bcHeaders = { 'Content-Type': 'application/json', 'X-Line-ChannelToken': capped.channelToken };
      expect((await post(capped.url, single([capTo], text('abcde')), bcHeaders)).status).toBe(200);
      const over = await post(capped.url, single([capTo], text('abcdef')), bcHeaders);
      expect(over.status).toBe(400);
      expect(await over.json()).toEqual({
        statusCode: '400',
        statusMessage: 'Invalid content.text: has 6 characters, more than maxTextChars (5). Shorten it or split it into several messages.',
      });
    } finally {
      await trial.close();
      await capped.close();
    }
  });
});

describe('startEmulator option checks', () => {
  it('refuses maxEventsPerBatch above LINE\'s 100 (or below 1) and a bad maxTextChars with a LineError', async () => {
    const tooMany = await startEmulator({ maxEventsPerBatch: 101 }).catch((error: unknown) => error);
    expect(tooMany).toBeInstanceOf(LineError);
    expect((tooMany as Error).message).toBe(
      'Invalid emulator option: maxEventsPerBatch must be an integer from 1 to 100 (LINE delivers at most 100 events per request), got 101.',
    );
    await expect(startEmulator({ maxEventsPerBatch: 0 })).rejects.toThrow('maxEventsPerBatch must be an integer from 1 to 100');
    await expect(startEmulator({ maxEventsPerBatch: 2.5 })).rejects.toThrow('maxEventsPerBatch must be an integer from 1 to 100');
    await expect(startEmulator({ maxTextChars: 0 })).rejects.toThrow(new LineError('Invalid emulator option: maxTextChars must be an integer 1 or more, got 0.'));
    const ok = await startEmulator({ maxEventsPerBatch: 100 });
    await ok.close();
  });
});
