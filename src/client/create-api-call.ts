import { ApiError, NetworkError, TimeoutError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Auth } from './auth.js';
import { readApiError } from './read-api-error.js';
import { redactError } from './redact-error.js';
import { backoffDelayMs, isRetryable, mayHaveDelivered, type ResolvedRetryOptions, type RetryPolicy } from './retry.js';
import type { Transport, TransportResponse } from './transport.js';

/** One REST call as the client makes it. */
export interface ApiRequest {
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

/** Internal settings of {@link createApiCall}. */
export interface ApiCallOptions {
  baseUrl: string;
  transport: Transport;
  timeoutMs: number;
  retry: ResolvedRetryOptions;
  auth: Auth;
  logger: Logger;
}

/**
 * Runs a request with auth headers, a per-attempt time limit (`min(timeoutMs, what is left of
 * retry.deadlineMs)`, enforced by the transport), the caller's signal, retries and the
 * 401-after-rotation replay. `read` consumes a 2xx answer while the attempt's time limit still runs;
 * it is the place to read the body (or to take it as a stream).
 */
export type ApiCall = <T>(request: ApiRequest, read: (response: TransportResponse) => Promise<T>, trace?: ApiCallTrace) => Promise<T>;

/** What a call tells its caller besides the answer. */
export interface ApiCallTrace {
  /** Set when a failed attempt that was retried may have been processed by LINE (a duplicate is possible). */
  ambiguous: boolean;
}

/** Builds the {@link ApiCall} of a client. */
export function createApiCall(options: ApiCallOptions): ApiCall {
  const { retry, auth, transport, logger } = options;

  return async function call<T>(request: ApiRequest, read: (response: TransportResponse) => Promise<T>, trace?: ApiCallTrace): Promise<T> {
    const endpoint = `${request.method} ${request.path}`;
    const startedAt = Date.now();
    const signal = request.signal;
    let attempts = 0;
    let replays = 0;
    for (;;) {
      signal?.throwIfAborted();
      attempts++;
      // An auth failure (a token refresh) is not retried here. A TokenProvider's error may quote a token it
      // handed out earlier: redact before it reaches a log.
      const { headers, token } = await auth.headers().catch((error: unknown) => {
        throw redactError(error, auth.secrets());
      });
      if (request.contentType !== undefined) headers['Content-Type'] = request.contentType;
      // The overall deadline bounds the attempts too: an attempt never runs past it (TimeoutError).
      const timeoutMs = Math.max(0, Math.min(options.timeoutMs, retry.deadlineMs - (Date.now() - startedAt)));
      let response: TransportResponse | undefined;
      let error: unknown;
      try {
        response = await transport.request({
          method: request.method,
          url: `${options.baseUrl}${request.path}${request.query ? `?${request.query}` : ''}`,
          headers,
          body: request.body,
          timeoutMs,
          signal,
        });
        if (response.status >= 200 && response.status <= 299) return await read(response);
      } catch (raw) {
        error = attemptError(raw, endpoint, timeoutMs, auth.secrets());
      }
      // The status line arrived: a body cut by the timeout does not change what LINE answered.
      error ??= await readApiError(response!, endpoint, auth.secrets());
      if (signal?.aborted) throw signal.reason;
      // spec §4.3: the old token dies the moment a new one is issued. A 401 proves the request was
      // not processed, so it is replayed with the new token; this does not count as an attempt.
      if (error instanceof ApiError && error.status === 401 && replays < 3) {
        if (await auth.replayAfterUnauthorized(token)) {
          replays++;
          attempts--;
          logger.debug(`line-business-connect: ${endpoint} was answered 401 with a token that has since been replaced; replaying it with the new token.`);
          continue;
        }
        throw error;
      }
      if (attempts >= retry.maxAttempts || !isRetryable(error, request.policy, retry.retryAmbiguous)) throw error;
      const delayMs = backoffDelayMs(attempts, retry, error instanceof ApiError ? error.retryAfterMs : undefined);
      if (Date.now() + delayMs - startedAt >= retry.deadlineMs) throw error;
      if (trace && mayHaveDelivered(error)) trace.ambiguous = true;
      logger.debug(`line-business-connect: ${endpoint} attempt ${attempts} of ${retry.maxAttempts} failed (${(error as Error).message}); retrying in ${delayMs} ms.`);
      await retry.sleep(delayMs, signal);
    }
  };
}

/**
 * What a transport failure or a failing `read` of an attempt becomes: an ApiError as is (built from LINE's
 * answer, already redacted; a `read` may throw one), else the redacted error as the cause of a
 * TimeoutError (the transport's `TimeoutError`) or a NetworkError. (After an abort the caller's reason
 * is thrown instead, by the loop.)
 */
function attemptError(raw: unknown, endpoint: string, timeoutMs: number, secrets: string[]): unknown {
  if (raw instanceof ApiError) return raw;
  const error = redactError(raw, secrets);
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError') return new TimeoutError(endpoint, timeoutMs, { cause: error });
  return new NetworkError(endpoint, { cause: error });
}
