import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { ApiError, NetworkError, TimeoutError } from '../../../src/errors.js';
import { text } from '../../../src/messages/text.js';
import { errorOf, eventsOk, instantRetry, lineError, settle } from './line-api-fake.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const EVENTS = 'https://api.line.me/v1/events';

/** Answers the first `failures` requests with `fail()`, then succeeds; counts requests. */
function failThenSucceed(failures: number, fail: () => Response | Promise<Response>) {
  const counter = { calls: 0 };
  server.use(
    http.post(EVENTS, () => {
      counter.calls++;
      return counter.calls <= failures ? fail() : eventsOk();
    }),
  );
  return counter;
}

describe('POST /v1/events retries only what provably did not deliver', () => {
  it.each([
    ['429', () => lineError(429, '429', 'Too Many Requests')],
    ['503', () => new HttpResponse(null, { status: 503 })],
  ])('%s is retried until it succeeds', async (_name, fail) => {
    const counter = failThenSucceed(2, fail);
    const { retry, delays } = instantRetry();
    const result = await settle(createClient({ channelToken: 'T', retry }).send('u1', text('x')));
    expect(result.ok).toBe(true);
    expect(counter.calls).toBe(3);
    // Full jitter with random() = 0.5: 0.5 × 100, then 0.5 × 200.
    expect(delays).toEqual([50, 100]);
  });

  it('stops after maxAttempts and reports the last error', async () => {
    const counter = failThenSucceed(10, () => new HttpResponse(null, { status: 503 }));
    const { retry, delays } = instantRetry({ maxAttempts: 4 });
    const result = await settle(createClient({ channelToken: 'T', retry }).send('u1', text('x')));
    expect(result.ok).toBe(false);
    expect(counter.calls).toBe(4);
    expect(delays).toHaveLength(3);
    expect((errorOf(result) as ApiError).status).toBe(503);
    expect(result.failures[0]!.maybeDelivered).toBe(false); // 503: LINE refused it every time
  });

  it('honours Retry-After (seconds) even above maxDelayMs', async () => {
    const counter = failThenSucceed(1, () => lineError(429, '429', 'slow', { 'Retry-After': '3' }));
    const { retry, delays } = instantRetry();
    await createClient({ channelToken: 'T', retry }).send('u1', text('x'));
    expect(counter.calls).toBe(2);
    expect(delays).toEqual([3000]);
  });

  it('does not retry when Retry-After goes past deadlineMs', async () => {
    const counter = failThenSucceed(1, () => lineError(429, '429', 'slow', { 'Retry-After': '120' }));
    const { retry, delays } = instantRetry({ deadlineMs: 60_000 });
    const result = await settle(createClient({ channelToken: 'T', retry }).send('u1', text('x')));
    expect(result.ok).toBe(false);
    expect(counter.calls).toBe(1);
    expect(delays).toEqual([]);
  });

  it.each([
    ['500', () => lineError(500, '500', 'unexpected error')],
    ['502', () => new HttpResponse(null, { status: 502 })],
    ['504', () => new HttpResponse(null, { status: 504 })],
    ['a network error after connecting', () => HttpResponse.error()],
  ])('%s is ambiguous: not retried by default', async (_name, fail) => {
    const counter = failThenSucceed(1, fail);
    const { retry } = instantRetry();
    const result = await settle(createClient({ channelToken: 'T', retry }).send('u1', text('x')));
    expect(result.ok).toBe(false);
    expect(result.failures[0]!.maybeDelivered).toBe(true);
    expect(counter.calls).toBe(1);
  });

  it.each([
    ['500', () => lineError(500, '500', 'unexpected error')],
    ['a network error', () => HttpResponse.error()],
  ])('%s is retried with retryAmbiguous: true', async (_name, fail) => {
    const counter = failThenSucceed(1, fail);
    const { retry } = instantRetry({ retryAmbiguous: true });
    const result = await settle(createClient({ channelToken: 'T', retry }).send('u1', text('x')));
    expect(result).toMatchObject({ ok: true, sent: 1, possibleDuplicates: 1 }); // the first attempt may have delivered too
    expect(counter.calls).toBe(2);
  });

  it('a timeout is not retried by default, and is with retryAmbiguous', async () => {
    let calls = 0;
    server.use(
      http.post(EVENTS, async () => {
        calls++;
        if (calls === 1) await delay(300);
        return eventsOk();
      }),
    );
    const first = await settle(createClient({ channelToken: 'T', timeoutMs: 30, retry: instantRetry().retry }).send('u1', text('x')));
    expect(errorOf(first)).toBeInstanceOf(TimeoutError);
    expect(calls).toBe(1);
    calls = 0;
    const second = await settle(createClient({ channelToken: 'T', timeoutMs: 30, retry: instantRetry({ retryAmbiguous: true }).retry }).send('u1', text('x')));
    expect(second.ok).toBe(true);
    expect(calls).toBe(2);
  });

  it.each([
    ['400', () => lineError(400, '422', 'invalid users')],
    ['403', () => lineError(403, '427', 'not whitelisted')],
    ['401 with a fixed token', () => lineError(401, '401', 'Authentication failed')],
  ])('%s is never retried', async (_name, fail) => {
    const counter = failThenSucceed(1, fail);
    const result = await settle(createClient({ channelToken: 'T', retry: instantRetry({ retryAmbiguous: true }).retry }).send('u1', text('x')));
    expect(result.ok).toBe(false);
    expect(counter.calls).toBe(1);
  });

  it('retry: false makes one attempt', async () => {
    const counter = failThenSucceed(1, () => new HttpResponse(null, { status: 503 }));
    const result = await settle(createClient({ channelToken: 'T', retry: false }).send('u1', text('x')));
    expect(result.ok).toBe(false);
    expect(counter.calls).toBe(1);
  });
});

describe('429: LINE refused the request (nothing delivered), so a send retries it, Retry-After or not', () => {
  it.each([
    ['no Retry-After: the jitter', {}, {}, [50]],
    ['Retry-After 3 s above the jitter: Retry-After', { 'Retry-After': '3' }, {}, [3000]],
    ['Retry-After 1 s below the jitter: the jitter (Retry-After is a minimum)', { 'Retry-After': '1' }, { baseDelayMs: 4000, maxDelayMs: 10_000 }, [2000]],
  ])('%s', async (_name, headers, overrides, expectedDelays) => {
    const counter = failThenSucceed(1, () => lineError(429, '429', 'Too Many Requests', headers));
    const { retry, delays } = instantRetry(overrides);
    const result = await settle(createClient({ channelToken: 'T', retry }).send('u1', text('x')));
    expect(result.ok).toBe(true);
    expect(counter.calls).toBe(2);
    expect(delays).toEqual(expectedDelays);
  });
});

describe('deadlineMs bounds the attempts, not only the retries', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A fetch that never answers: it records when it was called and when its signal aborted. */
  function hangingFetch(start: number) {
    const calls: { at: number; abortedAt?: number }[] = [];
    const fetch = (_input: unknown, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        const call: { at: number; abortedAt?: number } = { at: Date.now() - start };
        calls.push(call);
        init?.signal?.addEventListener('abort', () => {
          call.abortedAt = Date.now() - start;
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    return { calls, fetch };
  }

  it('GET: the second attempt is cut at the deadline (TimeoutError with the time that was left)', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const start = Date.now();
    const { calls, fetch } = hangingFetch(start);
    const retry = {
      maxAttempts: 5,
      deadlineMs: 400,
      baseDelayMs: 100,
      random: () => 0.5,
      sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    };
    const client = createClient({ channelToken: 'T', fetch, timeoutMs: 200, retry });
    const outcome = client.getMessageContent('m1').then(() => undefined, (error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1000);
    const error = await outcome;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ endpoint: 'GET /v1/bot/message/m1/content', timeoutMs: 150 });
    // Attempt 1: 0 → 200 (timeoutMs); backoff 50 ms; attempt 2: 250 → 400 (the deadline); no third.
    expect(calls).toEqual([
      { at: 0, abortedAt: 200 },
      { at: 250, abortedAt: 400 },
    ]);
  });

  it('send: a deadline shorter than timeoutMs cuts the first attempt', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const start = Date.now();
    const { calls, fetch } = hangingFetch(start);
    const client = createClient({ channelToken: 'T', fetch, timeoutMs: 30_000, retry: { deadlineMs: 100 } });
    const outcome = settle(client.send('u1', text('x')));
    await vi.advanceTimersByTimeAsync(200);
    const result = await outcome;
    expect(errorOf(result)).toMatchObject({ name: 'TimeoutError', endpoint: 'POST /v1/events', timeoutMs: 100 });
    expect(calls).toEqual([{ at: 0, abortedAt: 100 }]);
  });

  it('retry: false has no deadline: only timeoutMs limits the attempt', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const start = Date.now();
    const { calls, fetch } = hangingFetch(start);
    const outcome = settle(createClient({ channelToken: 'T', fetch, timeoutMs: 90_000, retry: false }).send('u1', text('x')));
    await vi.advanceTimersByTimeAsync(100_000);
    const result = await outcome;
    expect(errorOf(result)).toMatchObject({ name: 'TimeoutError', timeoutMs: 90_000 });
    expect(calls).toEqual([{ at: 0, abortedAt: 90_000 }]);
  });
});

describe('connection failures before anything was sent (injected fetch)', () => {
  const refused = () => new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }) });
  const reset = () => new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });

  function flakyFetch(failures: number, error: () => Error) {
    const counter = { calls: 0 };
    const fetch = async (): Promise<Response> => {
      counter.calls++;
      if (counter.calls <= failures) throw error();
      return Response.json({ failed: [], messageId: '77', timestamp: 1, version: 1 });
    };
    return { counter, fetch };
  }

  it('ECONNREFUSED / ENOTFOUND / EAI_AGAIN are safe: retried', async () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']) {
      const { counter, fetch } = flakyFetch(2, () => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) }));
      const result = await settle(createClient({ channelToken: 'T', fetch, retry: instantRetry().retry }).send('u1', text('x')));
      expect(result).toMatchObject({ ok: true, sent: 1 });
      expect(counter.calls).toBe(3);
    }
  });

  it('ECONNRESET is ambiguous: not retried, reported as NetworkError with the cause code in the message', async () => {
    const { counter, fetch } = flakyFetch(1, reset);
    const result = await settle(createClient({ channelToken: 'T', fetch, retry: instantRetry().retry }).send('u1', text('x')));
    const error = errorOf(result) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe('POST /v1/events failed before LINE answered: fetch failed (ECONNRESET). Check the network and baseUrl.');
    expect(counter.calls).toBe(1);
  });

  it('gives up after maxAttempts of refused connections', async () => {
    const { counter, fetch } = flakyFetch(10, refused);
    const result = await settle(createClient({ channelToken: 'T', fetch, retry: instantRetry({ maxAttempts: 2 }).retry }).send('u1', text('x')));
    expect(result.ok).toBe(false);
    expect(counter.calls).toBe(2);
  });
});

describe('GETs retry every transient failure', () => {
  it.each([
    ['500', () => lineError(500, '500', 'unexpected')],
    ['502', () => new HttpResponse(null, { status: 502 })],
    ['503', () => new HttpResponse(null, { status: 503 })],
    ['504', () => new HttpResponse(null, { status: 504 })],
    ['429', () => new HttpResponse(null, { status: 429 })],
    ['network error', () => HttpResponse.error()],
  ])('getProfiles after %s', async (_name, fail) => {
    let calls = 0;
    server.use(
      http.get('https://api.line.me/v1/profiles', () => {
        calls++;
        return calls === 1 ? fail() : HttpResponse.json({ contacts: [{ mid: 'u1', displayName: 'Ann' }], count: 1, display: 1, start: 1, total: 1 });
      }),
    );
    const profiles = await createClient({ channelToken: 'T', retry: instantRetry().retry }).getProfiles(['u1']);
    expect(profiles).toEqual([{ mid: 'u1', displayName: 'Ann' }]);
    expect(calls).toBe(2);
  });

  it('getMessageContent after a timeout', async () => {
    let calls = 0;
    server.use(
      http.get('https://api.line.me/v1/bot/message/m1/content', async () => {
        calls++;
        if (calls === 1) await delay(300);
        return new HttpResponse('bytes', { headers: { 'Content-Type': 'image/jpeg' } });
      }),
    );
    const content = await createClient({ channelToken: 'T', timeoutMs: 30, retry: instantRetry().retry }).getMessageContent('m1');
    expect(await new Response(content.body).text()).toBe('bytes');
    expect(calls).toBe(2);
  });

  it('a 404 is not retried', async () => {
    let calls = 0;
    server.use(
      http.get('https://api.line.me/v1/bot/message/m1/content', () => {
        calls++;
        return lineError(404, '404', 'Not found');
      }),
    );
    await expect(createClient({ channelToken: 'T', retry: instantRetry().retry }).getMessageContent('m1')).rejects.toMatchObject({
      name: 'ApiError',
      status: 404,
      endpoint: 'GET /v1/bot/message/m1/content',
    });
    expect(calls).toBe(1);
  });
});
