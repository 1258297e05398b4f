// createFakeLine: the fake LINE as a plain fetch handler, no port. The client talks to `fake.fetch`, and
// the fake delivers to the bot through its `fetch` option.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { EmulatorInputError } from '../../../src/emulator/emulator-input-error.js';
import { createFakeLine } from '../../../src/emulator/fake-line.js';
import { handleJsonApi } from '../../../src/emulator/json-api.js';
import { Platform } from '../../../src/emulator/platform.js';
import type { ConversationEntry, DeliveryOutcome, FakeLine } from '../../../src/emulator/emulator-types.js';
import type { UserActions } from '../../../src/emulator/user-actions.js';
import { text } from '../../../src/messages/text.js';
import { createWebhookHandler } from '../../../src/webhook/create-webhook-handler.js';

const json = { 'Content-Type': 'application/json; charset=UTF-8' };

describe('createFakeLine', () => {
  it('is a fetch handler a client can use directly: no port, no msw', async () => {
    const fake = createFakeLine();
    const client = createClient({ channelToken: fake.channelToken, fetch: fake.fetch, retry: false });
    const messageIds: string[] = [];
    const result = await client.send(fake.user('Sally').mid, text('hello'), { onRequest: (request) => void (request.ok && messageIds.push(request.messageId)) });
    expect(result).toMatchObject({ ok: true, sent: 1, requests: 1 });
    expect(messageIds).toEqual([expect.stringMatching(/^[0-9]+$/)]);
    expect(fake.conversation('Sally')?.entries.map((entry) => [entry.from, entry.content, entry.messageId])).toEqual([
      ['bot', { contentType: 1, toType: 1, text: 'hello' }, messageIds[0]],
    ]);
    expect(fake.url).toBe('https://api.line.me');
    expect(fake.requests().map((request) => [request.method, request.path, request.status, request.warnings])).toEqual([['POST', '/v1/events', 200, []]]);
  });

  it('a bot that answers and then breaks off its body: a 500 stays a refusal, a 200 a success', async () => {
    const breaking = (status: number) => async () =>
      new Response(new ReadableStream({ pull: (controller) => controller.error(new Error('socket hang up')) }), { status });
    for (const [status, ok, errorKind] of [[500, false, 'refused'], [200, true, undefined]] as const) {
      const fake = createFakeLine({ webhookUrl: 'https://bot.example/callback', fetch: breaking(status) });
      await fake.sendAs('Brown', 'hi');
      const [delivery] = fake.deliveries();
      expect(delivery).toMatchObject({ status, ok, errorKind, error: `The bot answered HTTP ${status}, but its answer body could not be read: socket hang up.` });
    }
  });

  it('delivers to the bot through its fetch option, and the bot answers through fake.fetch', async () => {
    let fake: FakeLine;
    const client = () => createClient({ channelToken: fake.channelToken, fetch: fake.fetch, retry: false });
    const bot = createWebhookHandler({
      channelSecret: 'emulator-channel-secret',
      respond: 'after-processing',
      onMessage: async (event) => {
        if (event.message.type === 'text') await client().send(event.message.from, text(`echo: ${event.message.text}`));
      },
    });
    fake = createFakeLine({ webhookUrl: 'https://bot.example/callback', fetch: (request) => bot(request) });
    const entry = await fake.sendAs('Brown', 'hi');
    expect(entry).toMatchObject({ from: 'user', delivered: true, deliveryId: 'd1' });
    const [reply] = await fake.waitFor({ chat: 'Brown' });
    expect(reply?.content).toEqual({ contentType: 1, toType: 1, text: 'echo: hi' });
    const [delivery] = fake.deliveries();
    expect(delivery).toMatchObject({ id: 'd1', url: 'https://bot.example/callback', status: 200, ok: true, responseBody: '' });
    expect(delivery?.events[0]?.id).toMatch(/^WB1519-[0-9]{10}$/);
  });

  it('refuses bad options with a LineError that names the option', () => {
    expect(() => createFakeLine({ deliveriesInFlight: 0 })).toThrow('Invalid emulator option: deliveriesInFlight must be an integer from 1 to 1000, got 0.');
    expect(() => createFakeLine({ historyLimit: 1.5 })).toThrow('Invalid emulator option: historyLimit must be an integer 1 or more, got 1.5.');
    expect(() => createFakeLine({ url: 'ftp://x' })).toThrow('Invalid emulator option: url must be an absolute http: or https: URL, got "ftp://x".');
    expect(() => createFakeLine({ fetch: 'no' as never })).toThrow('Invalid emulator option: fetch must be a function (request) => Promise<Response>.');
    expect(() => createFakeLine({ webhookUrl: 'ftp://x' })).toThrow(new EmulatorInputError('webhookUrl must be an http: or https: URL, got ftp:'));
  });
});

describe('token expiry (enforced, as LINE does)', () => {
  it('answers 401 after expire; the expired token can still reissue, and the new one works', async () => {
    let clock = 1_700_000_000_000;
    const fake = createFakeLine({ tokenLifetimeMs: 1_000, now: () => clock });
    expect(fake.channelTokenExpiresAt).toBe(1_700_000_001_000);
    const sally = fake.user('Sally').mid;
    const send = (token: string) =>
      fake.fetch('https://api.line.me/v1/events', {
        method: 'POST',
        headers: { ...json, 'X-Line-ChannelToken': token },
        body: JSON.stringify({ to: [sally], toChannel: 1383378250, eventType: '138311608800106203', content: { contentType: 1, toType: 1, text: 'x' } }),
      });
    expect((await send(fake.channelToken)).status).toBe(200);
    clock += 1_000;
    const expired = await send(fake.channelToken);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({
      statusCode: '401',
      statusMessage: 'Authentication failed: the channel access token expired at 2023-11-14T22:13:21.000Z; reissue it with POST /v1/oauth/accessToken.',
    });
    const reissue = await fake.fetch('https://api.line.me/v1/oauth/accessToken', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Line-ChannelToken': fake.channelToken },
      body: 'refreshToken=emulator-refresh-token&channelSecret=emulator-channel-secret',
    });
    const issued = (await reissue.json()) as { accessToken: string; refreshToken: string; expire: number };
    expect(reissue.status).toBe(200);
    expect(issued.expire).toBe(clock + 1_000);
    expect(fake.channelTokenExpiresAt).toBe(clock + 1_000);
    expect([fake.channelToken, fake.refreshToken]).toEqual([issued.accessToken, issued.refreshToken]);
    expect((await send(issued.accessToken)).status).toBe(200);
    await fake.reset();
    expect(fake.channelToken).toBe('emulator-channel-token');
    expect(fake.channelTokenExpiresAt).toBe(clock + 1_000);
  });
});

describe('allowedHosts (DNS rebinding)', () => {
  it('answers only the listed host names; "*" answers any', async () => {
    const fake = createFakeLine({ allowedHosts: ['127.0.0.1', '::1', 'Emulator.Local'] });
    for (const url of ['http://127.0.0.1:8765/_emulator/users', 'http://[::1]:8765/_emulator/users', 'http://emulator.local/_emulator/users']) {
      expect((await fake.fetch(url)).status).toBe(200);
    }
    const rebound = await fake.fetch('http://attacker.example:8765/_emulator/state');
    expect(rebound.status).toBe(403);
    expect(await rebound.json()).toEqual({ statusCode: '403', statusMessage: 'Forbidden: the emulator does not answer the host name "attacker.example".' });
    expect((await createFakeLine({ allowedHosts: ['*'] }).fetch('http://anything.example/_emulator/users')).status).toBe(200);
  });
});

describe('bounded memory: history, media and logs', () => {
  it('keeps the newest historyLimit entries over all chats, and forgets the media of forgotten messages', async () => {
    const fake = createFakeLine({ historyLimit: 5, deliveryLogLimit: 3, batchWindowMs: 0 });
    const client = createClient({ channelToken: fake.channelToken, fetch: fake.fetch, retry: false });
    const first = await fake.sendAs('Sally', { type: 'image' });
    expect((await client.getMessageContent(first.messageId!)).contentType).toBe('image/jpeg');
    for (let i = 0; i < 3; i++) await fake.sendAs('Sally', `s${i}`);
    for (let i = 0; i < 4; i++) await fake.sendAs('Brown', `b${i}`);
    const kept = fake.conversations().flatMap((chat) => chat.entries.map((entry) => entry.seq));
    expect(kept.sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8]);
    expect(fake.conversation('Sally')?.entries.map((entry) => (entry.content as { text?: string }).text)).toEqual(['s2']);
    await expect(client.getMessageContent(first.messageId!)).rejects.toMatchObject({ status: 404 });
    expect(fake.deliveries().map((delivery) => delivery.id)).toEqual(['d6', 'd7', 'd8']);
    // Forgotten deliveries cannot be redelivered; kept ones can.
    await expect(fake.redeliver('d1')).rejects.toThrow(new EmulatorInputError('redeliver: no delivery "d1" in the delivery log.'));
  });
});

describe('deliveries in flight', () => {
  async function run(deliveriesInFlight: number) {
    let inFlight = 0;
    let most = 0;
    const seen: string[] = [];
    const fake = createFakeLine({
      webhookUrl: 'https://bot.example/callback',
      maxEventsPerBatch: 2,
      batchWindowMs: 0,
      deliveriesInFlight,
      fetch: async (request) => {
        inFlight++;
        most = Math.max(most, inFlight);
        const body = (await request.json()) as { result: { content: { text: string } }[] };
        seen.push(...body.result.map((event) => event.content.text));
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight--;
        return new Response('{}');
      },
    });
    await Promise.all(Array.from({ length: 12 }, (_, i) => fake.sendAs('Sally', `m${i}`)));
    await fake.flush();
    return { most, seen, deliveries: fake.deliveries().length };
  }

  it('sends one delivery at a time by default, in order', async () => {
    const { most, seen, deliveries } = await run(1);
    expect(most).toBe(1);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `m${i}`));
    expect(deliveries).toBe(6);
  });

  it('runs up to deliveriesInFlight at once when asked, losing nothing', async () => {
    const { most, seen, deliveries } = await run(4);
    expect(most).toBe(4);
    expect(seen.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `m${i}`).sort());
    expect(deliveries).toBe(6);
  });
});

describe('onDelivery and onEntry: every outcome and entry, past the bounded logs', () => {
  it('reports each delivery with its error kind (refused, connection, timeout, closed, no URL) and event count', async () => {
    const outcomes: DeliveryOutcome[] = [];
    let answer: (request: Request) => Promise<Response> = () => Promise.resolve(new Response('yes'));
    const fake = createFakeLine({
      batchWindowMs: 0,
      deliveryTimeoutMs: 50,
      deliveryLogLimit: 1,
      fetch: (request) => answer(request),
      onDelivery: (outcome) => outcomes.push(outcome),
    });
    await fake.sendAs('Sally', 'no url yet');
    fake.setWebhookUrl('https://bot.example/callback');
    await Promise.all([fake.sendAs('Sally', 'a'), fake.sendAs('Brown', 'b')]);
    answer = () => Promise.resolve(new Response('nope', { status: 500 }));
    await fake.sendAs('Sally', 'refused');
    answer = () => Promise.resolve(new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/' } }));
    await fake.sendAs('Sally', 'redirected');
    answer = () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) }));
    await fake.sendAs('Sally', 'unreachable');
    const hang = (request: Request) => new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
    answer = hang;
    await fake.sendAs('Sally', 'slow');
    const closing = fake.sendAs('Sally', 'in flight at close');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await fake.close();
    await closing;
    const light = outcomes.map(({ id, status, ok, errorKind, error, eventCount, responseBody }) => ({ id, status, ok, errorKind, error, eventCount, responseBody }));
    expect(light).toEqual([
      { id: 'd1', status: undefined, ok: false, errorKind: 'no-webhook-url', error: 'No webhook URL is set: start the emulator with webhookUrl (or --webhook), or set it in the inbox page.', eventCount: 1, responseBody: undefined },
      { id: 'd2', status: 200, ok: true, errorKind: undefined, error: undefined, eventCount: 2, responseBody: 'yes' },
      { id: 'd3', status: 500, ok: false, errorKind: 'refused', error: 'The bot answered HTTP 500.', eventCount: 1, responseBody: 'nope' },
      { id: 'd4', status: 302, ok: false, errorKind: 'refused', error: 'The bot answered HTTP 302.', eventCount: 1, responseBody: '' },
      { id: 'd5', status: undefined, ok: false, errorKind: 'connection', error: 'Could not reach the bot: fetch failed: connect ECONNREFUSED 127.0.0.1:9 (ECONNREFUSED).', eventCount: 1, responseBody: undefined },
      { id: 'd6', status: undefined, ok: false, errorKind: 'timeout', error: 'The bot did not answer: timed out after 50 ms.', eventCount: 1, responseBody: undefined },
      { id: 'd7', status: undefined, ok: false, errorKind: 'closed', error: 'The bot did not answer: the emulator was closed.', eventCount: 1, responseBody: undefined },
    ]);
    // The outcome is the delivery of the log without its events; the log keeps only the newest one.
    const [last] = fake.deliveries();
    const { events, ...rest } = last!;
    expect(events).toHaveLength(1);
    expect({ ...outcomes.at(-1) }).toEqual({ ...rest, eventCount: 1 });
    expect(fake.deliveries()).toHaveLength(1);
    expect(Object.keys(outcomes[0]!).sort()).toEqual(['error', 'errorKind', 'eventCount', 'id', 'latencyMs', 'ok', 'redeliveryOf', 'responseBody', 'status', 'time', 'url']);
    expect(Object.isFrozen(outcomes[0])).toBe(true);
  });

  it('counts the events of each batch, reports redeliveries, and logs a callback that throws without losing a delivery', async () => {
    const lines: string[] = [];
    const outcomes: DeliveryOutcome[] = [];
    const fake = createFakeLine({
      webhookUrl: 'https://bot.example/callback',
      maxEventsPerBatch: 3,
      fetch: () => Promise.resolve(new Response('{}')),
      log: (line) => lines.push(line),
      onDelivery: (outcome) => {
        outcomes.push(outcome);
        throw new Error('observer bug');
      },
    });
    await Promise.all(Array.from({ length: 7 }, (_, i) => fake.sendAs('Sally', `m${i}`)));
    await fake.redeliver('d1');
    expect(outcomes.map((outcome) => [outcome.id, outcome.eventCount, outcome.ok, outcome.redeliveryOf])).toEqual([
      ['d1', 3, true, undefined],
      ['d2', 3, true, undefined],
      ['d3', 1, true, undefined],
      ['d4', 3, true, 'd1'],
    ]);
    expect(lines.filter((line) => line.startsWith('onDelivery threw'))).toEqual([
      'onDelivery threw for delivery d1: observer bug',
      'onDelivery threw for delivery d2: observer bug',
      'onDelivery threw for delivery d3: observer bug',
      'onDelivery threw for delivery d4: observer bug',
    ]);
    expect(fake.conversation('Sally')?.entries.every((entry) => entry.delivered === true)).toBe(true);
  });

  it('hands over every entry as it is recorded, beyond historyLimit, and logs a callback that throws', async () => {
    const lines: string[] = [];
    const seen: ConversationEntry[] = [];
    const fake = createFakeLine({
      historyLimit: 2,
      log: (line) => lines.push(line),
      onEntry: (entry) => {
        seen.push(entry);
        if (entry.from === 'user') throw new Error('observer bug');
      },
    });
    const client = createClient({ channelToken: fake.channelToken, fetch: fake.fetch, retry: false });
    const sally = fake.user('Sally').mid;
    await fake.sendAs('Sally', 'hi');
    await client.send([sally, fake.user('Brown').mid], [text('one'), text('two')]);
    expect(seen.map((entry) => [entry.seq, entry.from, entry.userMid, entry.delivered, (entry.content as { text: string }).text])).toEqual([
      [1, 'user', sally, undefined, 'hi'],
      [2, 'bot', sally, true, 'one'],
      [3, 'bot', sally, true, 'two'],
      [4, 'bot', fake.user('Brown').mid, true, 'one'],
      [5, 'bot', fake.user('Brown').mid, true, 'two'],
    ]);
    expect(new Set(seen.slice(1).map((entry) => entry.messageId)).size).toBe(1);
    expect(Object.isFrozen(seen[0])).toBe(true);
    expect(lines).toContain('onEntry threw for entry #1: observer bug');
    expect(fake.conversations().flatMap((chat) => chat.entries)).toHaveLength(2);
  });

  it('refuses callbacks that are not functions', () => {
    expect(() => createFakeLine({ onDelivery: 1 as never })).toThrow('Invalid emulator option: onDelivery must be a function (outcome) => void.');
    expect(() => createFakeLine({ onEntry: 'x' as never })).toThrow('Invalid emulator option: onEntry must be a function (entry) => void.');
  });
});

describe('failNext', () => {
  it('answers the next requests with the queued errors, then normally again', async () => {
    const fake = createFakeLine();
    fake.failNext({ status: 503, retryAfterSeconds: 2 }, { status: 500, statusCode: '500', statusMessage: 'boom' });
    const get = () => fake.fetch(`https://api.line.me/v1/profiles?mids=${fake.user('Sally').mid}`, { headers: { 'X-Line-ChannelToken': fake.channelToken } });
    const first = await get();
    expect([first.status, first.headers.get('retry-after'), await first.json()]).toEqual([503, '2', { statusCode: '503', statusMessage: 'Simulated failure' }]);
    const second = await get();
    expect([second.status, await second.json()]).toEqual([500, { statusCode: '500', statusMessage: 'boom' }]);
    expect((await get()).status).toBe(200);
  });
});

describe('waitFor', () => {
  it('resolves with entries recorded after the call, and a match that throws fails only that wait', async () => {
    const fake = createFakeLine();
    const client = createClient({ channelToken: fake.channelToken, fetch: fake.fetch, retry: false });
    const waiting = fake.waitFor({ chat: 'Cony', count: 2 });
    const failing = fake.waitFor({ match: () => { throw new Error('bad match'); } });
    await client.send(fake.user('Cony').mid, [text('one'), text('two')]);
    expect((await waiting).map((entry) => (entry.content as { text: string }).text)).toEqual(['one', 'two']);
    await expect(failing).rejects.toThrow('bad match');
    expect(fake.conversation('Cony')?.entries).toHaveLength(2);
  });
});

describe('the JSON API', () => {
  it('answers 500 and logs when the emulator itself fails (a bug, not the caller\'s fault)', async () => {
    const lines: string[] = [];
    const platform = new Platform({ url: 'https://api.line.me', historyLimit: 10, deliveryLogLimit: 10, now: Date.now });
    const broken = {
      reset: () => Promise.reject(new TypeError('cannot read properties of undefined')),
    } as unknown as FakeLine;
    const request = new Request('https://api.line.me/_emulator/reset', { method: 'POST', headers: json, body: '{}' });
    const response = await handleJsonApi({ fake: broken, platform, actions: {} as UserActions, log: (line) => lines.push(line) }, request, new URL(request.url));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'Unexpected error in the emulator (see its log).' });
    expect(lines[0]).toMatch(/^unexpected error for POST \/_emulator\/reset: TypeError: cannot read properties of undefined/);
  });
});
