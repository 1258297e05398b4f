import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { ApiError, SendError } from '../../../src/errors.js';
import { sticker } from '../../../src/messages/sticker.js';
import { text } from '../../../src/messages/text.js';
import type { SendResult } from '../../../src/client/send-result.js';
import { businessConnectHandlers } from '../../../src/testing/business-connect-handlers.js';

/** The error of the first failed request of a send (undefined when it succeeded). */
const firstError = (send: Promise<SendResult>) =>
  send.then(
    () => undefined,
    (error: unknown) => (error instanceof SendError ? error.result.failures[0]?.error : error),
  );

const bc = await businessConnectHandlers({
  channelToken: 'token-1',
  refreshToken: 'refresh-1',
  channelSecret: 'secret-1',
  now: () => 1_700_000_000_000,
  profiles: { uSally: { displayName: 'Sally', statusMessage: 'Hi!' }, uBrown: { displayName: 'Brown', pictureUrl: 'https://example.com/b.jpg' } },
  content: {
    m1: { body: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), contentType: 'image/jpeg', fileName: 'photo.jpg', preview: { body: 'P', contentType: 'image/jpeg' } },
  },
});
const trial = await businessConnectHandlers({
  baseUrl: 'https://trial.test',
  trial: { channelId: '1', channelSecret: 's', channelMid: 'uBot' },
  now: () => 5,
});
const server = setupServer(...bc.handlers, ...trial.handlers);
const client = createClient({ channelToken: 'token-1', retry: false });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  bc.reset();
  trial.reset();
});

async function post(body: string, token = 'token-1'): Promise<{ status: number; json: unknown }> {
  const response = await fetch('https://api.line.me/v1/events', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=UTF-8', 'X-Line-ChannelToken': token },
    body,
  });
  return { status: response.status, json: await response.json() };
}

describe('businessConnectHandlers with the real client', () => {
  it('records the exact envelope and answers LINE-like success bodies', async () => {
    const result = await client.send(['uSally', 'uBrown'], text('hello'));
    await client.send('uSally', [text('a'), sticker({ packageId: '1', stickerId: '2' })]);
    expect(result).toEqual({ ok: true, recipients: 2, sent: 2, failed: 0, requests: 1, possibleDuplicates: 0, failures: [] });
    expect(bc.sent).toEqual([
      { to: ['uSally', 'uBrown'], toChannel: 1383378250, eventType: '138311608800106203', content: { contentType: 1, toType: 1, text: 'hello' } },
      {
        to: ['uSally'],
        toChannel: 1383378250,
        eventType: '140177271400161403',
        content: {
          messageNotified: 0,
          messages: [
            { contentType: 1, toType: 1, text: 'a' },
            { contentType: 8, toType: 1, contentMetadata: { STKPKGID: '1', STKID: '2' } },
          ],
        },
      },
    ]);
    expect(bc.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/events',
      status: 200,
      response: { failed: [], messageId: '1000000000001', timestamp: 1_700_000_000_000, version: 1 },
    });
    expect(bc.requests[0]?.headers['x-line-channeltoken']).toBe('token-1');
    expect(bc.requests[0]?.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(JSON.parse(bc.requests[0]?.body ?? '')).toEqual(bc.sent[0]);
  });

  it('answers 401 with a LINE error body for a wrong or missing token, and records nothing as sent', async () => {
    const wrong = createClient({ channelToken: 'nope', retry: false });
    const error = await firstError(wrong.send('uSally', text('x')));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, statusCode: '401' });
    expect(bc.sent).toEqual([]);
    const response = await fetch('https://api.line.me/v1/events', { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ statusCode: '401', statusMessage: 'Authentication failed: the X-Line-ChannelToken header is missing.' });
  });

  it('rejects bad requests like a strict LINE (the same checks as the emulator)', async () => {
    const envelope = { to: ['u1'], toChannel: 1383378250, eventType: '138311608800106203', content: { contentType: 1, toType: 1, text: 'x' } };
    const bad = (statusCode: string, statusMessage: string) => ({ status: 400, json: { statusCode, statusMessage } });
    expect(await post('not json')).toEqual(bad('400', 'The request body is not valid UTF-8 JSON.'));
    expect(await post(JSON.stringify({ ...envelope, to: [] }))).toEqual(bad('400', 'to is empty: give 1 to 150 MIDs.'));
    const many = Array.from({ length: 151 }, (_, i) => `u${i}`);
    expect(await post(JSON.stringify({ ...envelope, to: many }))).toEqual(bad('400', 'to has 151 MIDs; at most 150 recipients are allowed per request.'));
    expect((await post(JSON.stringify({ ...envelope, eventType: '1' }))).json).toMatchObject({ statusCode: '423', statusMessage: expect.stringMatching(/^eventType is invalid: "1"\./) });
    expect(await post(JSON.stringify({ ...envelope, toChannel: 1 }))).toEqual(bad('400', 'toChannel must be the number 1383378250 for eventType 138311608800106203, got 1.'));
    expect(await post(JSON.stringify({ ...envelope, content: 'x' }))).toEqual(bad('400', 'content must be a JSON object.'));
    expect(await post(JSON.stringify({ ...envelope, content: { contentType: 1, toType: 'one', text: 'x' } }))).toEqual(bad('400', 'content.toType must be 1 (the recipients are users), got "one".'));
    expect((await post(JSON.stringify({ ...envelope, content: { contentType: 2, toType: 1, originalContentUrl: 'http://insecure/a.jpg', previewImageUrl: 'https://x/p.jpg' } }))).json).toMatchObject({
      statusCode: '400',
      statusMessage: expect.stringContaining('originalContentUrl'),
    });
    const big = JSON.stringify({ ...envelope, content: { contentType: 1, toType: 1, text: 'x'.repeat(8192) } });
    expect(await post(big)).toEqual({
      status: 413,
      json: {
        statusCode: '413',
        statusMessage: `Request Entity Too Large: the body is ${big.length} bytes; it must be under 8192 bytes. Send fewer recipients or a shorter message per request.`,
      },
    });
    const wrongType = await fetch('https://api.line.me/v1/events', { method: 'POST', headers: { 'X-Line-ChannelToken': 'token-1', 'Content-Type': 'text/plain' }, body: '{}' });
    expect(wrongType.status).toBe(415);
    expect(bc.sent).toEqual([]);
    expect(bc.requests.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 413, 415]);
  });

  it('accepts group and room sends with the matching toType', async () => {
    await client.send('cGroup', text('hi all'), { toType: 'group' });
    expect(bc.sent[0]?.content).toEqual({ contentType: 1, toType: 3, text: 'hi all' });
    expect((await post(JSON.stringify({ to: ['r1'], toChannel: 1383378250, eventType: '138311608800106203', content: { contentType: 1, toType: 2, text: 'x' } }))).status).toBe(200);
  });

  it('serves profiles in request order, leaving unknown MIDs out and statusMessage out when empty', async () => {
    const profiles = await client.getProfiles(['uBrown', 'uNobody', 'uSally']);
    expect(profiles).toEqual([
      { mid: 'uBrown', displayName: 'Brown', pictureUrl: 'https://example.com/b.jpg' },
      { mid: 'uSally', displayName: 'Sally', pictureUrl: 'https://profile.line-scdn.net/uSally', statusMessage: 'Hi!' },
    ]);
    expect(bc.requests[0]).toMatchObject({ method: 'GET', path: '/v1/profiles?mids=uBrown,uNobody,uSally', status: 200 });
  });

  it('serves content and preview bytes; unknown ids get 404', async () => {
    const content = await client.getMessageContent('m1');
    expect(content.contentType).toBe('image/jpeg');
    expect(content.contentLength).toBe(4);
    expect(content.fileName).toBe('photo.jpg');
    expect(new Uint8Array(await new Response(content.body).arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
    const preview = await client.getMessageContent('m1', { preview: true });
    expect(await new Response(preview.body).text()).toBe('P');
    await expect(client.getMessageContent('m2')).rejects.toMatchObject({ status: 404, statusCode: '404' });
    expect(bc.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /v1/bot/message/m1/content 200',
      'GET /v1/bot/message/m1/content/preview 200',
      'GET /v1/bot/message/m2/content 404',
    ]);
  });

  it('reissues the token: the old one stops working at once', async () => {
    const form = 'refreshToken=refresh-1&channelSecret=secret-1';
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Line-ChannelToken': 'token-1' };
    const response = await fetch('https://api.line.me/v1/oauth/accessToken', { method: 'POST', headers, body: form });
    expect(await response.json()).toEqual({ accessToken: 'mock-access-token-1', refreshToken: 'mock-refresh-token-1', expire: 1_700_086_400_000 });
    expect(bc.channelToken).toBe('mock-access-token-1');
    expect((await post('{}', 'token-1')).status).toBe(401);
    const again = await fetch('https://api.line.me/v1/oauth/accessToken', { method: 'POST', headers, body: form });
    // The same answer as the emulator: the old token no longer authenticates, not even a reissue.
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({ statusCode: '401', statusMessage: 'Authentication failed: the channel access token is invalid or was replaced by a reissue.' });
    bc.reset();
    expect(bc.channelToken).toBe('token-1');
  });

  it('records group/room leaves, and failNext queues error answers with Retry-After', async () => {
    await client.leaveGroup('cGroup');
    await client.leaveRoom('rRoom');
    expect(bc.left).toEqual([
      { kind: 'group', mid: 'cGroup' },
      { kind: 'room', mid: 'rRoom' },
    ]);
    bc.failNext({ status: 429, retryAfterSeconds: 2 });
    expect(await firstError(client.send('uSally', text('x')))).toMatchObject({ status: 429, statusCode: '429', statusMessage: 'Simulated failure', retryAfterMs: 2000 });
    expect((await client.send('uSally', text('y'))).ok).toBe(true);
    expect(bc.sent.map((s) => s.content.text)).toEqual(['y']);
  });

  it('failNext drives the client through its retries: 503, then 429 with Retry-After, then success', async () => {
    const waits: number[] = [];
    const retrying = createClient({ channelToken: 'token-1', retry: { maxAttempts: 3, random: () => 0, sleep: async (ms) => void waits.push(ms) } });
    bc.failNext({ status: 503 }, { status: 429, retryAfterSeconds: 2 });
    const result = await retrying.send('uSally', text('z'));
    expect(result).toMatchObject({ ok: true, sent: 1, requests: 1 });
    expect(bc.requests.map((r) => r.status)).toEqual([503, 429, 200]);
    expect(bc.requests[1]?.response).toEqual({ statusCode: '429', statusMessage: 'Simulated failure' });
    // random 0: no backoff after the 503; the 429's Retry-After: 2 is the minimum wait.
    expect(waits).toEqual([0, 2000]);
    expect(bc.sent).toHaveLength(1);
  });

  it('checks the three Trial headers when trial credentials are given', async () => {
    const ok = createClient({ baseUrl: 'https://trial.test', trial: { channelId: '1', channelSecret: 's', channelMid: 'uBot' }, retry: false });
    expect((await ok.send('u1', text('t'))).ok).toBe(true);
    expect(trial.sent).toEqual([{ to: ['u1'], toChannel: 1383378250, eventType: '138311608800106203', content: { contentType: 1, toType: 1, text: 't' } }]);
    expect(trial.requests[0]?.response).toEqual({ failed: [], messageId: '1000000000001', timestamp: 5, version: 1 });
    const bad = createClient({ baseUrl: 'https://trial.test', trial: { channelId: '1', channelSecret: 'x', channelMid: 'uBot' }, retry: false });
    expect(await firstError(bad.send('u1', text('t')))).toMatchObject({ status: 401 });
  });
});
