// send() with streamed recipients (iterables, async iterables: a database cursor), the bounded report,
// onRequest, stopping early (abort, a bad MID, a throwing source or callback) and the transport seam.
// LINE is played by a Transport that records each request and answers like LINE (spec §3).
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import type { Transport, TransportRequest, TransportResponse } from '../../../src/client/transport.js';
import { LineError, MessageValidationError, SendError } from '../../../src/errors.js';
import { text } from '../../../src/messages/text.js';

const mid = (i: number) => `u${i.toString(16).padStart(32, '0')}`;

function answer(status: number, body: string): TransportResponse {
  return { status, headers: { get: () => null }, text: () => Promise.resolve(body), stream: () => new Response(body).body! };
}

/** A transport that plays LINE: records every request, answers 200 with messageId `m<n>` (or what `respond` says). */
function lineTransport(respond?: (request: TransportRequest, to: string[]) => TransportResponse | undefined | Promise<TransportResponse | undefined>) {
  const requests: TransportRequest[] = [];
  const delivered: string[] = [];
  let inFlight = 0;
  let peak = 0;
  const transport: Transport = {
    async request(request) {
      requests.push(request);
      const n = requests.length;
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 1));
        const to = (JSON.parse(request.body!) as { to: string[] }).to;
        const custom = await respond?.(request, to);
        if (custom) return custom;
        delivered.push(...to);
        return answer(200, `{"failed":[],"messageId":"m${n}","timestamp":1,"version":1}`);
      } finally {
        inFlight--;
      }
    },
  };
  return { transport, requests, delivered, peak: () => peak };
}

/** An async generator of MIDs that records how far it was read and whether it was closed. */
function cursor(count: number, options: { badAt?: number; throwAt?: number } = {}) {
  const state = { yielded: 0, closed: false };
  async function* generate() {
    try {
      for (let i = 0; i < count; i++) {
        if (i === options.throwAt) throw new Error('database connection lost');
        await Promise.resolve();
        state.yielded++;
        yield i === options.badAt ? (42 as unknown as string) : mid(i);
      }
    } finally {
      state.closed = true;
    }
  }
  return { source: generate(), state };
}

const failure = (run: () => Promise<unknown>) => run().then(() => undefined, (e: unknown) => e);

describe('send with a streamed source', () => {
  it('an async generator of 1,000 MIDs: every MID sent once, in order, reading ahead of the requests by at most one request per worker', async () => {
    const { source, state } = cursor(1_000);
    let maxAhead = 0;
    const line = lineTransport(() => {
      // MIDs read from the cursor but not yet answered: the send holds no more than this.
      maxAhead = Math.max(maxAhead, state.yielded - line.delivered.length);
      return undefined;
    });
    const client = createClient({ channelToken: 'T', transport: line.transport, concurrency: 3, maxRecipientsPerRequest: 100 });
    const result = await client.send(source, text('hello'));
    expect(result).toEqual({ ok: true, recipients: 1_000, sent: 1_000, failed: 0, requests: 10, possibleDuplicates: 0, failures: [] });
    expect([...line.delivered].sort()).toEqual(Array.from({ length: 1_000 }, (_, i) => mid(i)));
    expect(line.requests.map((r) => (JSON.parse(r.body!) as { to: string[] }).to.length)).toEqual(Array(10).fill(100));
    expect(line.peak()).toBe(3);
    // 3 requests in flight (300 MIDs) + the one being filled (≤ 100) + the MID that closed it.
    expect(maxAhead).toBeLessThanOrEqual(401);
    expect(state.closed).toBe(true);
  });

  it('a sync generator and a Set work too; a streamed source is not de-duplicated, an array and a Set are', async () => {
    const line = lineTransport();
    const client = createClient({ channelToken: 'T', transport: line.transport, concurrency: 1 });
    function* repeats() {
      yield 'u1';
      yield 'u2';
      yield 'u1';
    }
    expect(await client.send(repeats(), text('x'))).toMatchObject({ ok: true, recipients: 3, sent: 3 });
    expect(await client.send(new Set(['u1', 'u2']), text('x'))).toMatchObject({ ok: true, recipients: 2, sent: 2 });
    expect(await client.send(['u1', 'u2', 'u1'], text('x'))).toMatchObject({ ok: true, recipients: 2, sent: 2 });
    expect(line.requests.map((r) => (JSON.parse(r.body!) as { to: string[] }).to)).toEqual([
      ['u1', 'u2', 'u1'],
      ['u1', 'u2'],
      ['u1', 'u2'],
    ]);
  });

  it('a bad MID in the middle: what came before is sent, the cursor is closed, SendError says where it stopped', async () => {
    const { source, state } = cursor(1_000, { badAt: 250 });
    const line = lineTransport();
    const client = createClient({ channelToken: 'T', transport: line.transport, concurrency: 2, maxRecipientsPerRequest: 100 });
    const error = (await failure(() => client.send(source, text('x')))) as SendError;
    expect(error).toBeInstanceOf(SendError);
    expect(error.message).toBe(
      'POST /v1/events: 250 of 250 recipients sent, 0 not sent (stopped early because recipient #250 of the source is not a MID that can be sent). See error.result.failures and error.cause.',
    );
    expect(error.result).toEqual({ ok: false, recipients: 250, sent: 250, failed: 0, requests: 3, possibleDuplicates: 0, failures: [] });
    expect(error.cause).toBeInstanceOf(MessageValidationError);
    expect((error.cause as MessageValidationError).field).toBe('to[250]');
    expect(line.delivered).toHaveLength(250);
    expect(state.closed).toBe(true);
    expect(state.yielded).toBe(251);
  });

  it('a source that throws: what came before is sent, SendError carries the source error', async () => {
    const { source } = cursor(1_000, { throwAt: 120 });
    const line = lineTransport();
    const client = createClient({ channelToken: 'T', transport: line.transport, maxRecipientsPerRequest: 100 });
    const error = (await failure(() => client.send(source, text('x')))) as SendError;
    expect(error.message).toBe(
      'POST /v1/events: 120 of 120 recipients sent, 0 not sent (stopped early because the recipient source threw). See error.result.failures and error.cause.',
    );
    expect((error.cause as Error).message).toBe('database connection lost');
    expect(line.delivered).toEqual(Array.from({ length: 120 }, (_, i) => mid(i)));
  });

  it('an empty source, or a bad first MID, rejects with the MessageValidationError itself: nothing was sent', async () => {
    const line = lineTransport();
    const client = createClient({ channelToken: 'T', transport: line.transport });
    const empty = await failure(() => client.send((async function* () {})(), text('x')));
    expect(empty).toBeInstanceOf(MessageValidationError);
    expect(empty).toMatchObject({ field: 'to', message: 'Invalid to: no recipient: the source gave no MID.' });
    const bad = await failure(() => client.send(cursor(5, { badAt: 0 }).source, text('x')));
    expect(bad).toMatchObject({ name: 'MessageValidationError', field: 'to[0]' });
    expect(await failure(() => client.send(42 as never, text('x')))).toMatchObject({ name: 'MessageValidationError', field: 'to' });
    expect(line.requests).toEqual([]);
  });

  it('an abort mid-stream: no request starts after it, requests in flight fail maybe delivered, the cursor is closed', async () => {
    const { source, state } = cursor(10_000);
    const controller = new AbortController();
    const reason = new Error('campaign cancelled');
    const line = lineTransport(async (request) => {
      if (line.requests.length === 3) controller.abort(reason);
      // Like fetch: a request in flight rejects with the signal's reason.
      if (request.signal?.aborted) throw request.signal.reason;
      return undefined;
    });
    const client = createClient({ channelToken: 'T', transport: line.transport, concurrency: 1, maxRecipientsPerRequest: 100, retry: false });
    const error = (await failure(() => client.send(source, text('x'), { signal: controller.signal }))) as SendError;
    expect(error).toBeInstanceOf(SendError);
    expect(error.cause).toBe(reason);
    const { failures, ...counts } = error.result;
    // 2 requests sent, the 3rd in flight when aborted; nothing more was read (the 4th request was being filled: 1 MID).
    expect(line.requests).toHaveLength(3);
    expect(counts).toEqual({ ok: false, recipients: 301, sent: 200, failed: 101, requests: 3, possibleDuplicates: 0 });
    expect(failures.map((f) => [f.recipients.length, f.error.name, f.maybeDelivered])).toEqual([
      [100, 'NetworkError', true],
      [1, 'LineError', false],
    ]);
    expect(failures[1]!.error.message).toBe('Not sent: the send stopped early because the signal was aborted.');
    expect(state.closed).toBe(true);
  });

  it('an abort during an array send: every recipient is accounted for, sent or failed', async () => {
    const controller = new AbortController();
    const line = lineTransport(() => {
      if (line.requests.length === 2) controller.abort(new Error('stop'));
      return undefined;
    });
    const client = createClient({ channelToken: 'T', transport: line.transport, concurrency: 1, maxRecipientsPerRequest: 10 });
    const recipients = Array.from({ length: 100 }, (_, i) => mid(i));
    const error = (await failure(() => client.send(recipients, text('x'), { signal: controller.signal }))) as SendError;
    expect(error.result).toMatchObject({ ok: false, recipients: 100, sent: 20, failed: 80, requests: 2 });
    expect(error.result.failures.flatMap((f) => f.recipients)).toEqual(recipients.slice(20));
  });
});

describe('the report stays bounded; onRequest sees every request', () => {
  it('20,000 recipients: the report is a few counts; onRequest got 134 messageIds', async () => {
    const line = lineTransport();
    const client = createClient({ channelToken: 'T', transport: line.transport, concurrency: 8 });
    const messageIds: string[] = [];
    const result = await client.send(
      Array.from({ length: 20_000 }, (_, i) => mid(i)),
      text('x'),
      { onRequest: (request) => void (request.ok && messageIds.push(request.messageId)) },
    );
    expect(result).toEqual({ ok: true, recipients: 20_000, sent: 20_000, failed: 0, requests: 134, possibleDuplicates: 0, failures: [] });
    expect(JSON.stringify(result).length).toBeLessThan(200);
    expect(new Set(messageIds).size).toBe(134);
  });

  it('an async onRequest is awaited before that worker starts its next request', async () => {
    const line = lineTransport();
    const client = createClient({ channelToken: 'T', transport: line.transport, concurrency: 1, maxRecipientsPerRequest: 1 });
    const order: string[] = [];
    await client.send(['a', 'b', 'c'], text('x'), {
      onRequest: async (request) => {
        order.push(`done ${request.recipients[0]} (requests so far ${line.requests.length})`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
    });
    expect(order).toEqual(['done a (requests so far 1)', 'done b (requests so far 2)', 'done c (requests so far 3)']);
  });

  it('a throwing onRequest stops the send: SendError with that error as cause, the rest reported not sent', async () => {
    const line = lineTransport();
    const client = createClient({ channelToken: 'T', transport: line.transport, concurrency: 1, maxRecipientsPerRequest: 1 });
    const broken = new Error('could not store the messageId');
    const error = (await failure(() =>
      client.send(['a', 'b', 'c'], text('x'), {
        onRequest: () => {
          throw broken;
        },
      }),
    )) as SendError;
    expect(error.cause).toBe(broken);
    expect(error.message).toBe(
      'POST /v1/events: 1 of 3 recipients sent, 2 not sent (stopped early because onRequest threw). See error.result.failures and error.cause.',
    );
    expect(error.result.failures.map((f) => f.recipients)).toEqual([['b'], ['c']]);
    expect(line.requests).toHaveLength(1);
  });
});

describe('the transport option', () => {
  it('receives exactly the request: method, URL, auth and content headers, body, timeoutMs, no signal unless given', async () => {
    const line = lineTransport();
    await createClient({ channelToken: 'TOKEN-9', transport: line.transport, baseUrl: 'https://proxy.example/line/' }).send('u1', text('hi'));
    expect(line.requests).toEqual([
      {
        method: 'POST',
        url: 'https://proxy.example/line/v1/events',
        headers: { 'X-Line-ChannelToken': 'TOKEN-9', 'Content-Type': 'application/json; charset=UTF-8' },
        body: '{"to":["u1"],"toChannel":1383378250,"eventType":"138311608800106203","content":{"contentType":1,"toType":1,"text":"hi"}}',
        timeoutMs: 30_000,
        signal: undefined,
      },
    ]);
  });

  it('is checked: not with fetch, and it needs request()', () => {
    const { transport } = lineTransport();
    const error = new LineError('createClient: transport must be a Transport (e.g. createUndiciTransport() of line-business-connect/node), without the fetch option.');
    expect(() => createClient({ channelToken: 'T', transport, fetch: globalThis.fetch })).toThrow(error);
    expect(() => createClient({ channelToken: 'T', transport: {} as Transport })).toThrow(error);
    expect(() => createClient({ channelToken: 'T', transport: null as unknown as Transport })).toThrow(error);
  });

  it('a transport that rejects with a TimeoutError-named error gives a TimeoutError with the attempt limit', async () => {
    const timedOut = Object.assign(new Error('too slow'), { name: 'TimeoutError' });
    const transport: Transport = { request: () => Promise.reject(timedOut) };
    const error = (await failure(() => createClient({ channelToken: 'TOKEN-9', transport, timeoutMs: 1234, retry: false }).send('u1', text('x')))) as SendError;
    expect(error.result.failures[0]!.error).toMatchObject({ name: 'TimeoutError', timeoutMs: 1234, endpoint: 'POST /v1/events' });
    expect(error.result.failures[0]!.error.cause).toBe(timedOut);
    expect(error.result.failures[0]!.maybeDelivered).toBe(true);
  });
});

describe('debug logs of the client (issue 12)', () => {
  function recordingLogger() {
    const lines: string[] = [];
    const log = (level: string) => (message: string, ...details: unknown[]) => void lines.push(`${level} ${message}${details.length ? ` ${JSON.stringify(details)}` : ''}`);
    return { lines, logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') } };
  }

  it('a retried 503 and a 401 replayed after a token rotation are logged at debug level, exactly', async () => {
    // LINE answers 503 first; meanwhile TOKEN-A is rotated away, so the retry gets 401 and is replayed with TOKEN-B.
    let calls = 0;
    const transport: Transport = {
      async request(request) {
        calls++;
        if (calls === 1) return answer(503, '');
        if (request.headers['X-Line-ChannelToken'] !== 'TOKEN-B') return answer(401, '{"statusCode":"401","statusMessage":"Authentication failed"}');
        return answer(200, '{"failed":[],"messageId":"1","timestamp":1,"version":1}');
      },
    };
    let current = 'TOKEN-A';
    const provider = {
      getToken: async () => current,
      invalidate: () => void (current = 'TOKEN-B'),
    };
    const { lines, logger } = recordingLogger();
    const client = createClient({ channelToken: provider, transport, logger, retry: { random: () => 0.5, sleep: async () => undefined } });
    expect(await client.send('u1', text('x'))).toMatchObject({ ok: true });
    expect(calls).toBe(3);
    expect(lines).toEqual([
      'debug line-business-connect: POST /v1/events attempt 1 of 3 failed (POST /v1/events failed with 503); retrying in 250 ms.',
      'debug line-business-connect: POST /v1/events was answered 401 with a token that has since been replaced; replaying it with the new token.',
    ]);
  });

  it('the default logger drops debug lines: a retried send prints nothing', async () => {
    let calls = 0;
    const transport: Transport = { request: async () => (++calls === 1 ? answer(429, '') : answer(200, '{"messageId":"1"}')) };
    const printed: unknown[] = [];
    const original = { debug: console.debug, info: console.info, warn: console.warn, error: console.error, log: console.log };
    for (const key of Object.keys(original) as (keyof typeof original)[]) console[key] = (...args: unknown[]) => void printed.push(args);
    try {
      await createClient({ channelToken: 'T', transport, retry: { sleep: async () => undefined } }).send('u1', text('x'));
    } finally {
      Object.assign(console, original);
    }
    expect(calls).toBe(2);
    expect(printed).toEqual([]);
  });
});
