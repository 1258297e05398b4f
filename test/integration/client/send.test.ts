import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { LineError, MessageValidationError, SendError } from '../../../src/errors.js';
import type { SendRequestResult } from '../../../src/client/send-result.js';
import { audio } from '../../../src/messages/audio.js';
import { image } from '../../../src/messages/image.js';
import { linkMessage } from '../../../src/messages/link-message.js';
import { location } from '../../../src/messages/location.js';
import { richMessage } from '../../../src/messages/rich-message.js';
import { sticker } from '../../../src/messages/sticker.js';
import { text } from '../../../src/messages/text.js';
import { video } from '../../../src/messages/video.js';
import { eventsOk, lineError, recipientsOf, see, type SeenRequest } from './line-api-fake.js';

const server = setupServer();
const seen: SeenRequest[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

function acceptEvents(base = 'https://api.line.me') {
  server.use(
    http.post(`${base}/v1/events`, async ({ request }) => {
      seen.push(await see(request));
      return eventsOk();
    }),
  );
}

const U1 = 'u0a556cffd4da0dd89c94fb36e36e1cdc';
const U2 = 'u2ddf2eb3c959e561f6c9fa2ea732e7eb';
const envelope = (to: string[], content: string, eventType = '138311608800106203', toChannel = 1383378250) =>
  `{"to":${JSON.stringify(to)},"toChannel":${toChannel},"eventType":"${eventType}","content":${content}}`;

describe('send: one request per message type (spec §3)', () => {
  const rich = richMessage({ baseUrl: 'https://example.com/rich/abc', altText: 'Sale', height: 1040, areas: [{ x: 0, y: 0, width: 1040, height: 1040, link: 'https://example.com/sale' }] });
  const cases: [string, Parameters<ReturnType<typeof createClient>['send']>[1], string][] = [
    ['text', text('hello'), '{"contentType":1,"toType":1,"text":"hello"}'],
    [
      'image',
      image({ originalContentUrl: 'https://example.com/a.jpg', previewImageUrl: 'https://example.com/a-240.jpg' }),
      '{"contentType":2,"toType":1,"originalContentUrl":"https://example.com/a.jpg","previewImageUrl":"https://example.com/a-240.jpg"}',
    ],
    [
      'video',
      video({ originalContentUrl: 'https://example.com/v.mp4', previewImageUrl: 'https://example.com/v.jpg' }),
      '{"contentType":3,"toType":1,"originalContentUrl":"https://example.com/v.mp4","previewImageUrl":"https://example.com/v.jpg"}',
    ],
    [
      'audio',
      audio({ originalContentUrl: 'https://example.com/a.m4a', durationMs: 240000 }),
      '{"contentType":4,"toType":1,"originalContentUrl":"https://example.com/a.m4a","contentMetadata":{"AUDLEN":"240000"}}',
    ],
    [
      'location',
      location({ title: 'Tokyo Tower', address: 'Minato', latitude: 35.6586, longitude: 139.7454 }),
      '{"contentType":7,"toType":1,"text":"Tokyo Tower","location":{"title":"Tokyo Tower","address":"Minato","latitude":35.6586,"longitude":139.7454}}',
    ],
    ['sticker', sticker({ packageId: '332', stickerId: '3', version: '100' }), '{"contentType":8,"toType":1,"contentMetadata":{"STKID":"3","STKPKGID":"332","STKVER":"100"}}'],
    ['rich message', rich, `{"contentType":12,"toType":1,"contentMetadata":${JSON.stringify(rich.contentMetadata)}}`],
  ];

  it.each(cases)('%s', async (_name, message, content) => {
    acceptEvents();
    const client = createClient({ channelToken: 'TOKEN-1' });
    const requests: SendRequestResult[] = [];
    const result = await client.send([U1, U2], message, { onRequest: (request) => void requests.push(request) });
    expect(seen).toHaveLength(1);
    const request = seen[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/events');
    expect(request.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(request.headers['x-line-channeltoken']).toBe('TOKEN-1');
    expect(request.body).toBe(envelope([U1, U2], content));
    expect(result).toEqual({ ok: true, recipients: 2, sent: 2, failed: 0, requests: 1, possibleDuplicates: 0, failures: [] });
    expect(requests).toEqual([
      // The fake's counter: LINE's messageId passed through.
      { recipients: [U1, U2], ok: true, messageId: expect.stringMatching(/^[1-9]\d*$/), failed: [], timestamp: 1347940533207, maybeDuplicated: false },
    ]);
  });

  it('rich message MARKUP_JSON is JSON text inside the body', async () => {
    acceptEvents();
    await createClient({ channelToken: 'T' }).send(U1, rich);
    const body = JSON.parse(seen[0]!.body) as { content: { contentMetadata: { MARKUP_JSON: string; DOWNLOAD_URL: string } } };
    expect(typeof body.content.contentMetadata.MARKUP_JSON).toBe('string');
    expect(JSON.parse(body.content.contentMetadata.MARKUP_JSON).canvas).toEqual({ width: 1040, height: 1040, initialScene: 'scene1' });
    expect(body.content.contentMetadata.DOWNLOAD_URL).toBe('https://example.com/rich/abc');
  });

  it('multiple messages: eventType 140177271400161403, messageNotified, toType in each (group)', async () => {
    acceptEvents();
    await createClient({ channelToken: 'T' }).send('g1', [text('a'), sticker({ packageId: 332, stickerId: 3 })], { toType: 'group', messageNotified: 1 });
    expect(seen[0]!.body).toBe(
      envelope(
        ['g1'],
        '{"messageNotified":1,"messages":[{"contentType":1,"toType":3,"text":"a"},{"contentType":8,"toType":3,"contentMetadata":{"STKID":"3","STKPKGID":"332"}}]}',
        '140177271400161403',
      ),
    );
  });

  it('multiple messages default messageNotified to 0; room toType is 2', async () => {
    acceptEvents();
    await createClient({ channelToken: 'T' }).send('r1', [text('a')], { toType: 'room' });
    expect(seen[0]!.body).toBe(envelope(['r1'], '{"messageNotified":0,"messages":[{"contentType":1,"toType":2,"text":"a"}]}', '140177271400161403'));
  });

  it('link message: toChannel 1341301715, eventType 137299299800026303, content as built', async () => {
    acceptEvents();
    const message = linkMessage({ templateId: 'tpl_1', previewUrl: 'https://example.com/p.jpg', textParams: { name: 'Ann' }, linkUriParams: { id: '42' } });
    await createClient({ channelToken: 'T' }).send(U1, message);
    expect(seen[0]!.body).toBe(
      envelope([U1], '{"templateId":"tpl_1","previewUrl":"https://example.com/p.jpg","textParams":{"name":"Ann"},"linkUriParams":{"id":"42"}}', '137299299800026303', 1341301715),
    );
  });

  it('accepts a hand-written message and sends the validated copy', async () => {
    acceptEvents();
    await createClient({ channelToken: 'T' }).send(U1, { contentType: 8, contentMetadata: { STKPKGID: '332', STKID: '3' } });
    expect(seen[0]!.body).toBe(envelope([U1], '{"contentType":8,"toType":1,"contentMetadata":{"STKID":"3","STKPKGID":"332"}}'));
  });

  it('de-duplicates across requests: repeats anywhere are dropped, requests stay full', async () => {
    acceptEvents();
    await createClient({ channelToken: 'T', maxRecipientsPerRequest: 3, concurrency: 1 }).send(['a', 'b', 'a', 'c', 'd', 'b', 'e', 'a', 'f', 'g'], text('x'));
    expect(seen.map((r) => recipientsOf(r.body))).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
  });

  it('de-duplicates recipients keeping first-seen order', async () => {
    acceptEvents();
    await createClient({ channelToken: 'T' }).send([U2, U1, U2, U1, 'u3'], text('x'));
    expect(recipientsOf(seen[0]!.body)).toEqual([U2, U1, 'u3']);
  });

  it('uses baseUrl (with a path prefix) and the injected fetch', async () => {
    const calls: string[] = [];
    const client = createClient({
      channelToken: 'T',
      baseUrl: 'http://localhost:9000/line/',
      fetch: (input, init) => {
        calls.push(String(input));
        return globalThis.fetch(input, init);
      },
    });
    acceptEvents('http://localhost:9000/line');
    await client.send(U1, text('x'));
    expect(calls).toEqual(['http://localhost:9000/line/v1/events']);
    expect(seen[0]!.path).toBe('/line/v1/events');
  });
});

describe('send: trial mode (spec §7)', () => {
  const trial = { channelId: '1441301333', channelSecret: 'TRIAL-SECRET', channelMid: 'u' + 'f'.repeat(32) };

  it('sends the three trial headers to trialbot-api.line.me and no channel token', async () => {
    acceptEvents('https://trialbot-api.line.me');
    const result = await createClient({ trial }).send(U1, text('hi'));
    expect(result.ok).toBe(true);
    const headers = seen[0]!.headers;
    expect(headers['x-line-channelid']).toBe('1441301333');
    expect(headers['x-line-channelsecret']).toBe('TRIAL-SECRET');
    expect(headers['x-line-trusted-user-with-acl']).toBe(trial.channelMid);
    expect(headers['x-line-channeltoken']).toBeUndefined();
    expect(seen[0]!.body).toBe(envelope([U1], '{"contentType":1,"toType":1,"text":"hi"}'));
  });

  it('rejects link messages, rooms and groups before any request', async () => {
    acceptEvents('https://trialbot-api.line.me');
    const client = createClient({ trial });
    await expect(client.send(U1, linkMessage({ templateId: 't' }))).rejects.toThrow(MessageValidationError);
    await expect(client.send('g1', text('x'), { toType: 'group' })).rejects.toThrow(MessageValidationError);
    await expect(client.leaveGroup('g1')).rejects.toThrow(/Business Connect/);
    await expect(client.leaveRoom('r1')).rejects.toThrow(/Business Connect/);
    expect(seen).toHaveLength(0);
  });
});

describe('send: splitting recipients by count and bytes', () => {
  it('400 recipients with a long text: every request ≤ 150 MIDs and < 8192 bytes, each delivered once, in order', async () => {
    const delivered: string[] = [];
    const sizes: number[] = [];
    server.use(
      http.post('https://api.line.me/v1/events', async ({ request }) => {
        const bytes = new Uint8Array(await request.arrayBuffer());
        sizes.push(bytes.byteLength);
        const body = new TextDecoder().decode(bytes);
        const to = recipientsOf(body);
        expect(to.length).toBeLessThanOrEqual(150);
        expect(bytes.byteLength).toBeLessThan(8192);
        delivered.push(...to);
        return eventsOk();
      }),
    );
    const recipients = Array.from({ length: 400 }, (_, i) => `u${i.toString(16).padStart(32, '0')}`);
    const requests: SendRequestResult[] = [];
    const result = await createClient({ channelToken: 'T', concurrency: 1 }).send(recipients, text('ラ'.repeat(2000)), { onRequest: (r) => void requests.push(r) });
    expect(result).toEqual({ ok: true, recipients: 400, sent: 400, failed: 0, requests: 8, possibleDuplicates: 0, failures: [] });
    // 6000 bytes of text leave room for 57 MIDs per request: the byte limit, not the count, cuts it.
    expect(requests.map((r) => r.recipients.length)).toEqual([57, 57, 57, 57, 57, 57, 57, 1]);
    expect(requests.flatMap((r) => r.recipients)).toEqual(recipients);
    expect(delivered).toEqual(recipients);
    expect(new Set(requests.map((r) => (r.ok ? r.messageId : ''))).size).toBe(8);
    expect(Math.max(...sizes)).toBeLessThan(8192);
  });

  it('a short text: 400 recipients go in 150 + 150 + 100', async () => {
    acceptEvents();
    const recipients = Array.from({ length: 400 }, (_, i) => `u${i}`);
    const result = await createClient({ channelToken: 'T', concurrency: 1 }).send(recipients, text('hi'));
    expect(seen.map((r) => recipientsOf(r.body).length)).toEqual([150, 150, 100]);
    expect(seen.flatMap((r) => recipientsOf(r.body))).toEqual(recipients);
    expect(result).toMatchObject({ ok: true, recipients: 400, sent: 400, requests: 3 });
  });

  it('honours maxRecipientsPerRequest and maxBodyBytes', async () => {
    acceptEvents();
    const client = createClient({ channelToken: 'T', maxRecipientsPerRequest: 2, concurrency: 1 });
    await client.send(['a', 'b', 'c', 'd', 'e'], text('x'));
    expect(seen.map((r) => recipientsOf(r.body))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    seen.length = 0;
    // Base body for text('x') is 115 bytes; each 1-char MID adds 3 bytes (4 with the comma): 118, 122.
    const small = createClient({ channelToken: 'T', maxBodyBytes: 123, concurrency: 1 });
    await small.send(['a', 'b', 'c'], text('x'));
    expect(seen.map((r) => new TextEncoder().encode(r.body).byteLength)).toEqual([122, 118]);
  });

  it('runs at most `concurrency` requests at once', async () => {
    let running = 0;
    let peak = 0;
    server.use(
      http.post('https://api.line.me/v1/events', async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return eventsOk();
      }),
    );
    const result = await createClient({ channelToken: 'T', maxRecipientsPerRequest: 1, concurrency: 3 }).send(['a', 'b', 'c', 'd', 'e', 'f', 'g'], text('x'));
    expect(result.requests).toBe(7);
    expect(peak).toBe(3);
  });

  it('a failing middle request rejects with SendError: the whole report, successes included', async () => {
    let n = 0;
    server.use(
      http.post('https://api.line.me/v1/events', async ({ request }) => {
        const to = recipientsOf(await request.text());
        n++;
        if (to[0] === 'c') return lineError(400, '422', 'invalid users');
        return HttpResponse.json({ failed: to[0] === 'e' ? ['f', 'f', 'zz'] : [], messageId: `m-${to[0]}`, timestamp: 1, version: 1 });
      }),
    );
    const client = createClient({ channelToken: 'T', maxRecipientsPerRequest: 2, concurrency: 1 });
    const requests: SendRequestResult[] = [];
    const error = await client.send(['a', 'b', 'c', 'd', 'e', 'f'], text('x'), { onRequest: (r) => void requests.push(r) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(n).toBe(3);
    expect(error).toBeInstanceOf(SendError);
    expect(error).toBeInstanceOf(LineError);
    const sendError = error as SendError;
    expect(sendError.message).toBe(
      'POST /v1/events: 3 of 6 recipients sent, 3 not sent (first: POST /v1/events failed with 400 (LINE statusCode 422: invalid users)). See error.result.failures and error.cause.',
    );
    const { failures, ...counts } = sendError.result;
    expect(counts).toEqual({ ok: false, recipients: 6, sent: 3, failed: 3, requests: 3, possibleDuplicates: 0 });
    expect(failures.map((f) => [f.recipients, f.error.name, f.maybeDelivered])).toEqual([
      [['c', 'd'], 'ApiError', false],
      [['f'], 'LineError', false],
    ]);
    expect(failures[0]!.error).toMatchObject({ status: 400, statusCode: '422', statusMessage: 'invalid users', endpoint: 'POST /v1/events' });
    expect(failures[1]!.error.message).toBe('POST /v1/events: LINE accepted the request (messageId m-e) but listed 1 of its recipients as failed.');
    expect(sendError.cause).toBe(failures[0]!.error);
    // Every messageId reached onRequest.
    expect(requests.map((r) => (r.ok ? r.messageId : r.error.name))).toEqual(['m-a', 'ApiError', 'm-e']);
    expect(requests[2]).toEqual({ recipients: ['e', 'f'], ok: true, messageId: 'm-e', failed: ['f', 'f', 'zz'], timestamp: 1, maybeDuplicated: false });
  });
});

describe('send: invalid input is rejected before any request', () => {
  it.each([
    ['empty to', () => createClient({ channelToken: 'T' }).send([], text('x')), 'to'],
    ['empty MID', () => createClient({ channelToken: 'T' }).send(['u1', ''], text('x')), 'to[1]'],
    ['non-string MID', () => createClient({ channelToken: 'T' }).send(['u1', 5 as unknown as string], text('x')), 'to[1]'],
    ['invalid message', () => createClient({ channelToken: 'T' }).send('u1', { contentType: 1, text: '' }), 'text'],
    ['invalid message in an array', () => createClient({ channelToken: 'T' }).send('u1', [text('a'), { contentType: 2 } as never]), 'messages[1].originalContentUrl'],
    ['link message in an array', () => createClient({ channelToken: 'T' }).send('u1', [text('a'), linkMessage({ templateId: 't' })]), 'messages[1]'],
    ['link message with toType group', () => createClient({ channelToken: 'T' }).send('c1', linkMessage({ templateId: 't' }), { toType: 'group' }), 'toType'],
    ['link message with toType room', () => createClient({ channelToken: 'T' }).send('r1', linkMessage({ templateId: 't' }), { toType: 'room' }), 'toType'],
    ['messageNotified out of range', () => createClient({ channelToken: 'T' }).send('u1', [text('a')], { messageNotified: 3 }), 'messageNotified'],
    ['a recipient that cannot fit alone', () => createClient({ channelToken: 'T' }).send(['u1', 'u'.repeat(8200)], text('x')), 'message'],
    ['a text too long for any body', () => createClient({ channelToken: 'T' }).send('u1', text('x'.repeat(8100))), 'message'],
  ])('%s', async (_name, run, field) => {
    acceptEvents();
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MessageValidationError);
    expect((error as MessageValidationError).field).toBe(field);
    expect(seen).toHaveLength(0);
  });
});

describe('createClient: options', () => {
  it.each([
    ['no credentials', {}, /channelToken .* or trial/],
    ['both credentials', { channelToken: 'T', trial: { channelId: '1', channelSecret: 's', channelMid: 'u' } }, /not both/],
    ['empty token', { channelToken: ' ' }, /empty/],
    ['trial without secret', { trial: { channelId: '1', channelSecret: '', channelMid: 'u' } }, /trial.channelSecret/],
    ['bad baseUrl', { channelToken: 'T', baseUrl: 'api.line.me' }, /baseUrl/],
    ['bad concurrency', { channelToken: 'T', concurrency: 0 }, /concurrency/],
    ['bad timeout', { channelToken: 'T', timeoutMs: -1 }, /timeoutMs/],
    ['bad retry', { channelToken: 'T', retry: { maxAttempts: 0 } }, /maxAttempts/],
  ])('%s throws a clear LineError', (_name, options, message) => {
    expect(() => createClient(options as never)).toThrow(message);
  });
});
