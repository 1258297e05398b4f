import { describe, expect, it } from 'vitest';
import { ApiError, LineError, NetworkError, TimeoutError } from '../../../src/errors.js';
import { backoffDelayMs, isNotConnectedError, isRetryable, resolveRetryOptions } from '../../../src/client/retry.js';

const withCode = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
const network = (cause: unknown) => new NetworkError('POST /v1/events', { cause });
const api = (status: number) => new ApiError({ status, endpoint: 'POST /v1/events' });

describe('resolveRetryOptions', () => {
  it('fills the documented defaults', () => {
    const resolved = resolveRetryOptions(undefined);
    expect({ ...resolved, sleep: undefined, random: undefined }).toEqual({
      maxAttempts: 3,
      baseDelayMs: 500,
      maxDelayMs: 10_000,
      deadlineMs: 60_000,
      retryAmbiguous: false,
      sleep: undefined,
      random: undefined,
    });
  });

  it('false means one attempt', () => {
    expect(resolveRetryOptions(false).maxAttempts).toBe(1);
  });

  it.each([{ maxAttempts: 0 }, { maxAttempts: 1.5 }, { baseDelayMs: -1 }, { deadlineMs: Number.NaN }])('rejects %o with a LineError', (options) => {
    expect(() => resolveRetryOptions(options)).toThrow(LineError);
  });

  it('the default sleep waits and rejects on abort', async () => {
    const { sleep } = resolveRetryOptions({});
    const started = Date.now();
    await sleep(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    const reason = new Error('stop');
    await expect(sleep(10_000, AbortSignal.abort(reason))).rejects.toBe(reason);
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});

describe('backoffDelayMs: full jitter, capped, at least Retry-After', () => {
  const options = (random: number) => resolveRetryOptions({ baseDelayMs: 100, maxDelayMs: 1000, random: () => random });
  it.each([
    [1, 0.5, 50],
    [2, 0.5, 100],
    [3, 0.5, 200],
    [5, 0.999, 999], // 100 × 16 = 1600, capped at 1000
    [1, 0, 0],
  ])('attempt %i with random %f → %i ms', (attempt, random, expected) => {
    expect(backoffDelayMs(attempt, options(random))).toBe(expected);
  });

  it('Retry-After wins when longer; jitter when longer', () => {
    expect(backoffDelayMs(1, options(0.5), 3000)).toBe(3000);
    expect(backoffDelayMs(4, options(0.9), 10)).toBe(720);
  });
});

describe('isNotConnectedError', () => {
  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])('%s → true', (code) => {
    expect(isNotConnectedError(withCode(code))).toBe(true);
  });

  it.each([
    ['ECONNRESET', withCode('ECONNRESET')],
    ['UND_ERR_SOCKET', withCode('UND_ERR_SOCKET')],
    ['no code', new TypeError('Failed to fetch')],
    ['a string', 'boom'],
    ['undefined', undefined],
  ])('%s → false', (_name, error) => {
    expect(isNotConnectedError(error)).toBe(false);
  });

  it('an AggregateError counts only if every inner error is a refused connection', () => {
    const refused = Object.assign(new Error('a'), { code: 'ECONNREFUSED' });
    const reset = Object.assign(new Error('b'), { code: 'ECONNRESET' });
    expect(isNotConnectedError(new TypeError('fetch failed', { cause: new AggregateError([refused, refused]) }))).toBe(true);
    expect(isNotConnectedError(new TypeError('fetch failed', { cause: new AggregateError([refused, reset]) }))).toBe(false);
  });
});

describe('isRetryable', () => {
  it.each([
    // error, send default, send + retryAmbiguous, read
    ['429', api(429), true, true, true],
    ['503', api(503), true, true, true],
    ['500', api(500), false, true, true],
    ['502', api(502), false, true, true],
    ['504', api(504), false, true, true],
    ['400', api(400), false, false, false],
    ['401', api(401), false, false, false],
    ['404', api(404), false, false, false],
    ['refused', network(withCode('ECONNREFUSED')), true, true, true],
    ['reset', network(withCode('ECONNRESET')), false, true, true],
    ['timeout', new TimeoutError('POST /v1/events', 10), false, true, true],
    ['other', new Error('bug'), false, false, false],
  ] as const)('%s', (_name, error, send, ambiguous, read) => {
    expect(isRetryable(error, 'send', false)).toBe(send);
    expect(isRetryable(error, 'send', true)).toBe(ambiguous);
    expect(isRetryable(error, 'read', false)).toBe(read);
  });
});
