import { ApiError, NetworkError, TimeoutError } from '../errors.js';
import type { Auth } from './auth.js';
import { readApiError } from './read-api-error.js';
import { redactError } from './redact-error.js';
import { backoffDelayMs, isRetryable, type ResolvedRetryOptions, type RetryPolicy } from './retry.js';

/** One REST call as the transport runs it. */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path with encoded segments, e.g. `/v1/bot/message/123/content`. Also the `endpoint` of errors. */
  path: string;
  /** Query string without `?`; never part of an error's `endpoint`. */
  query?: string;
  body?: string;
  /** `Content-Type` of the body. */
  contentType?: string;
  policy: RetryPolicy;
  signal?: AbortSignal | undefined;
}

/** Internal settings of {@link createTransport}. */
export interface TransportOptions {
  baseUrl: string;
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  timeoutMs: number;
  retry: ResolvedRetryOptions;
  auth: Auth;
}

/**
 * Runs a request with auth headers, a per-attempt timeout (`min(timeoutMs, what is left of
 * retry.deadlineMs)`), the caller's signal, retries and the
 * 401-after-rotation replay. `read` consumes a 2xx response while the attempt's timeout still runs;
 * it is the place to read the body (or, for streams, to return without reading).
 */
export type Transport = <T>(request: TransportRequest, read: (response: Response) => Promise<T>) => Promise<T>;

/** Why an attempt failed: the error, and the token it was made with. */
class AttemptFailure {
  constructor(
    readonly error: unknown,
    readonly token: string | undefined,
  ) {}
}

/** Builds the {@link Transport} of a client. */
export function createTransport(options: TransportOptions): Transport {
  const { retry, auth } = options;

  async function attempt<T>(request: TransportRequest, endpoint: string, read: (response: Response) => Promise<T>, timeoutMs: number): Promise<T> {
    const { headers, token } = await auth.headers();
    if (request.contentType !== undefined) headers['Content-Type'] = request.contentType;
    const url = `${options.baseUrl}${request.path}${request.query ? `?${request.query}` : ''}`;
    const controller = new AbortController();
    const callerSignal = request.signal;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    // Unlinked when the attempt ends (a long-lived signal must not collect listeners); a body stream
    // returned to the caller is bound to the caller's signal by the caller (getMessageContent).
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    const failure = (raw: unknown): never => {
      if (callerSignal?.aborted) throw new AttemptFailure(callerSignal.reason, token);
      const error = redactError(raw, auth.secrets());
      if (timedOut) throw new AttemptFailure(new TimeoutError(endpoint, timeoutMs, { cause: error }), token);
      if (error instanceof ApiError) throw new AttemptFailure(error, token);
      throw new AttemptFailure(new NetworkError(endpoint, { cause: error }), token);
    };
    try {
      let response: Response;
      try {
        const init: RequestInit = { method: request.method, headers, signal: controller.signal };
        if (request.body !== undefined) init.body = request.body;
        response = await options.fetch(url, init);
      } catch (error) {
        return failure(error);
      }
      if (!response.ok) {
        // The status line arrived: a body cut by the timeout does not change what LINE answered.
        throw new AttemptFailure(await readApiError(response, endpoint, auth.secrets()), token);
      }
      try {
        return await read(response);
      } catch (error) {
        return failure(error);
      }
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return async function run<T>(request: TransportRequest, read: (response: Response) => Promise<T>): Promise<T> {
    const endpoint = `${request.method} ${request.path}`;
    const startedAt = Date.now();
    const signal = request.signal;
    let attempts = 0;
    let replays = 0;
    for (;;) {
      signal?.throwIfAborted();
      attempts++;
      let failed: AttemptFailure;
      try {
        // The overall deadline bounds the attempts too: an attempt never runs past it (TimeoutError).
        const timeoutMs = Math.max(0, Math.min(options.timeoutMs, retry.deadlineMs - (Date.now() - startedAt)));
        return await attempt(request, endpoint, read, timeoutMs);
      } catch (error) {
        // An auth failure (token refresh) or a bug: not retried here. A TokenProvider's error may quote
        // a token it handed out earlier: redact before it reaches a log.
        if (!(error instanceof AttemptFailure)) throw redactError(error, auth.secrets());
        failed = error;
      }
      const error = failed.error;
      if (signal?.aborted) throw signal.reason;
      // spec §4.3: the old token dies the moment a new one is issued. A 401 proves the request was
      // not processed, so it is replayed with the new token; this does not count as an attempt.
      if (error instanceof ApiError && error.status === 401 && replays < 3) {
        if (await auth.replayAfterUnauthorized(failed.token)) {
          replays++;
          attempts--;
          continue;
        }
        throw error;
      }
      if (attempts >= retry.maxAttempts || !isRetryable(error, request.policy, retry.retryAmbiguous)) throw error;
      const delayMs = backoffDelayMs(attempts, retry, error instanceof ApiError ? error.retryAfterMs : undefined);
      if (Date.now() + delayMs - startedAt >= retry.deadlineMs) throw error;
      await retry.sleep(delayMs, signal);
    }
  };
}
