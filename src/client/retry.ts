import { ApiError, LineError, NetworkError, TimeoutError } from '../errors.js';
import { checkOptionKeys, optionKeys } from '../option-keys.js';

/**
 * How the client retries failed requests. Pass `retry: false` in {@link ClientOptions} to turn
 * backoff retries off (the replay of a request rejected with 401 right after a token rotation still
 * happens: a 401 provably did not deliver anything).
 *
 * Delays use exponential backoff with full jitter: before attempt `n + 1` the client waits a random
 * time in `[0, min(maxDelayMs, baseDelayMs * 2^(n-1)))`, and at least `Retry-After` when LINE sends one.
 */
export interface RetryOptions {
  /** Attempts per request, the first one included. Default `3`. `1` means no retry. */
  maxAttempts?: number;
  /** Base of the exponential backoff in ms. Default `500`. */
  baseDelayMs?: number;
  /** Upper bound of one backoff delay in ms (a longer `Retry-After` is still honoured if it fits the deadline). Default `10000`. */
  maxDelayMs?: number;
  /**
   * Overall budget per request in ms, from its first attempt: no retry is started whose delay would
   * end after it, and each attempt's time limit is `min(timeoutMs, what is left of the budget)` (an
   * attempt cut by it fails with a `TimeoutError` whose `timeoutMs` is that limit). Default `60000`;
   * with `retry: false` there is no budget, only `timeoutMs`.
   */
  deadlineMs?: number;
  /**
   * Also retry `POST /v1/events` failures that may have been delivered: HTTP 500/502/504, timeouts
   * and network errors after the connection was made. LINE v1 has no idempotency key, so such a
   * retry can deliver a message twice. Default `false`.
   */
  retryAmbiguous?: boolean;
  /** Waits `ms` milliseconds; rejects when `signal` aborts. Inject it in tests. Default: a `setTimeout` sleep. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Source of jitter in `[0, 1)`. Default `Math.random`. */
  random?: () => number;
}

/** {@link RetryOptions} with every default filled in. */
export interface ResolvedRetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  deadlineMs: number;
  retryAmbiguous: boolean;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

/**
 * How a request may be retried: `send` (POST /v1/events: retry only what provably did not deliver,
 * unless `retryAmbiguous`) or `read` (GETs and the idempotent DELETEs of leaveGroup/leaveRoom: retry
 * every transient failure).
 */
export type RetryPolicy = 'send' | 'read';

const RETRY_OPTION_KEYS = /* @__PURE__ */ optionKeys<RetryOptions>()(['maxAttempts', 'baseDelayMs', 'maxDelayMs', 'deadlineMs', 'retryAmbiguous', 'sleep', 'random']);

/** Fills in the defaults of {@link RetryOptions}; `false` means one attempt. A misspelled key is refused. */
export function resolveRetryOptions(options: RetryOptions | false | undefined): ResolvedRetryOptions {
  if (options !== false && options !== undefined) checkOptionKeys(options, RETRY_OPTION_KEYS, 'retry');
  // `retry: false`: one attempt, limited by `timeoutMs` only.
  const given = options === false ? { maxAttempts: 1, deadlineMs: Number.MAX_SAFE_INTEGER } : (options ?? {});
  const resolved: ResolvedRetryOptions = {
    maxAttempts: given.maxAttempts ?? 3,
    baseDelayMs: given.baseDelayMs ?? 500,
    maxDelayMs: given.maxDelayMs ?? 10_000,
    deadlineMs: given.deadlineMs ?? 60_000,
    retryAmbiguous: given.retryAmbiguous ?? false,
    sleep: given.sleep ?? defaultSleep,
    random: given.random ?? Math.random,
  };
  if (!Number.isInteger(resolved.maxAttempts) || resolved.maxAttempts < 1) {
    throw new LineError(`retry.maxAttempts must be an integer >= 1, got ${String(resolved.maxAttempts)}.`);
  }
  for (const key of ['baseDelayMs', 'maxDelayMs', 'deadlineMs'] as const) {
    if (!Number.isFinite(resolved[key]) || resolved[key] < 0) {
      throw new LineError(`retry.${key} must be a finite number >= 0, got ${String(resolved[key])}.`);
    }
  }
  return resolved;
}

// Error codes that mean the TCP connection was never made, so nothing reached LINE (spec §3: v1
// has no idempotency key, only these network failures are provably safe to repeat for a send).
const NOT_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** True when the error (or a cause of it) says the connection was never established. */
export function isNotConnectedError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_CONNECTED_CODES.has(code)) return true;
    const errors = (current as { errors?: unknown }).errors;
    // Happy eyeballs: an AggregateError of per-address failures, safe only if all of them are.
    if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => isNotConnectedError(inner))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Decides whether a failed attempt may be retried under `policy`. */
export function isRetryable(error: unknown, policy: RetryPolicy, retryAmbiguous: boolean): boolean {
  if (error instanceof ApiError) {
    // 429 and 503: LINE refused the request before processing it.
    if (error.status === 429 || error.status === 503) return true;
    if (error.status === 500 || error.status === 502 || error.status === 504) return policy === 'read' || retryAmbiguous;
    return false;
  }
  if (error instanceof NetworkError) {
    return policy === 'read' || retryAmbiguous || isNotConnectedError(error.cause);
  }
  if (error instanceof TimeoutError) return policy === 'read' || retryAmbiguous;
  return false;
}

/**
 * True when a failed `POST /v1/events` attempt may still have been processed by LINE: a timeout, HTTP
 * 500/502/504, or a network error after the connection was made. Resending its recipients may deliver twice.
 */
export function mayHaveDelivered(error: unknown): boolean {
  return isRetryable(error, 'read', false) && !isRetryable(error, 'send', false);
}

/** The delay before the attempt after `attempt` (1-based): full jitter, at least `retryAfterMs`. */
export function backoffDelayMs(attempt: number, options: ResolvedRetryOptions, retryAfterMs?: number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const jitter = Math.floor(options.random() * ceiling);
  return retryAfterMs !== undefined ? Math.max(retryAfterMs, jitter) : jitter;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
