import { ApiError, LineError } from '../errors.js';
import { toEpochMs } from '../events/to-epoch-ms.js';
import { defaultLogger, type Logger } from '../logger.js';
import { Hosts, HeaderName } from '../protocol/hosts.js';
import type { Auth } from './auth.js';
import { createApiCall } from './create-api-call.js';
import { resolveTransport } from './fetch-transport.js';
import { normaliseBaseUrl, positiveNumber } from './option-checks.js';
import { redactError } from './redact-error.js';
import { resolveRetryOptions, type RetryOptions } from './retry.js';
import type { TokenProvider } from './token-provider.js';
import type { Transport } from './transport.js';

/** A freshly issued token pair, handed to `onRefresh` so that it can be persisted. */
export interface RefreshedToken {
  /** The new channel access token (the previous one no longer works). */
  accessToken: string;
  /** The new refresh token: store it, the next reissue needs it. */
  refreshToken: string;
  /**
   * When the access token expires (epoch ms, LINE's `expire` as sent). When it is not later than
   * now + `refreshAheadMs` (already past, or seconds instead of ms), the provider treats the expiry
   * as unknown and reissues only after a 401; `onRefreshError` is told.
   */
  expiresAt: number;
}

/** Options of {@link createRefreshingToken}. */
export interface RefreshingTokenOptions {
  /** The current channel access token. */
  accessToken: string;
  /** The current refresh token. */
  refreshToken: string;
  /** The channel secret (sent in the reissue form; never logged or put in an error). */
  channelSecret: string;
  /** When `accessToken` expires (epoch ms). Default: unknown, so the token is reissued only after a 401. */
  expiresAt?: number;
  /** Reissue this many ms before `expiresAt` (a finite number >= 0). Default `300000` (5 minutes). */
  refreshAheadMs?: number;
  /** API origin, optionally with a path prefix. Default `https://api.line.me`. */
  baseUrl?: string;
  /** How the reissue request travels (e.g. the client's `createUndiciTransport()`). Default: a transport over `fetch`. */
  transport?: Transport;
  /** The `fetch` of the default transport. Default: `globalThis.fetch`, looked up at each call. Not with `transport`. */
  fetch?: typeof fetch;
  /** Time limit of one reissue attempt in ms. Default `30000`. */
  timeoutMs?: number;
  /**
   * Retries of the reissue (a 5xx, 429, a timeout or a lost connection is retried within
   * `deadlineMs`; an answer with a new pair is never repeated), or `false`. Default: see {@link RetryOptions}.
   */
  retry?: RetryOptions | false;
  /**
   * Persist the new pair here: the old access token is dead the moment LINE issues a new one, and
   * the old refresh token with it. Awaited before any send uses the new token. If it throws, the new
   * token is still used and the error goes to `onRefreshError`.
   */
  onRefresh: (token: RefreshedToken) => void | Promise<void>;
  /**
   * Receives errors that do not fail a send: `onRefresh` throwing, a reissue ahead of expiry
   * failing while the current token is still valid (it is retried after 30 s), or LINE's `expire`
   * not being in the future (the expiry is then treated as unknown). Default: `logger.error` of a
   * message without any token.
   */
  onRefreshError?: (error: unknown) => void;
  /** Where reissues and retries are logged at debug level (and, by default, `onRefreshError`'s errors). Default: {@link defaultLogger}. */
  logger?: Logger;
  /** Clock in epoch ms, for tests. Default `Date.now`. */
  now?: () => number;
}

const ENDPOINT = 'POST /v1/oauth/accessToken';
const CALLER = 'createRefreshingToken';

interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresAt: number | undefined;
}

/**
 * A {@link TokenProvider} that reissues the Business Connect channel access token (spec §4.3):
 * ahead of `expiresAt` and when the client reports a 401 through `invalidate`. One reissue runs at
 * a time, however many requests wait: `getToken()` calls made during it wait for the new token, and
 * `invalidate` with a token that was already replaced does nothing. The reissue goes through a
 * {@link Transport} with the client's retry rules (a transient failure is retried within the
 * deadline; an answer carrying a new pair is never repeated). A failed reissue rejects the waiting
 * `getToken()` calls with {@link ApiError} (LINE answers `statusCode` `"411"` to a bad refresh
 * token), {@link NetworkError} or {@link TimeoutError}; the next call tries again.
 */
export function createRefreshingToken(options: RefreshingTokenOptions): TokenProvider {
  for (const key of ['accessToken', 'refreshToken', 'channelSecret'] as const) {
    if (typeof options[key] !== 'string' || options[key] === '') {
      throw new LineError(`${CALLER}: ${key} must be a non-empty string.`);
    }
  }
  if (typeof options.onRefresh !== 'function') {
    throw new LineError(`${CALLER}: onRefresh is required: persist the new token pair there, the old one stops working at once.`);
  }
  const now = options.now ?? Date.now;
  const refreshAheadMs = positiveNumber('refreshAheadMs', options.refreshAheadMs, 300_000, CALLER, true);
  const logger = options.logger ?? defaultLogger;
  const reportTo =
    options.onRefreshError ??
    ((error: unknown) => logger.error(`line-business-connect: ${error instanceof Error ? `${error.name}: ${error.message}` : 'token refresh problem'}`));
  // A throwing handler must not fail a reissue whose new token is already in use (the old one is dead).
  const onRefreshError = (error: unknown) => {
    try {
      reportTo(error);
    } catch {
      // Nothing better to do with it.
    }
  };

  let current: TokenPair = { accessToken: options.accessToken, refreshToken: options.refreshToken, expiresAt: options.expiresAt };
  // Every token and refresh token ever held, and the secret: none may appear in an error, in any encoding.
  const secrets = new Set([options.accessToken, options.refreshToken, options.channelSecret]);
  const auth: Auth = {
    mode: 'businessConnect',
    secrets: () => [...secrets],
    headers: () => Promise.resolve({ headers: { [HeaderName.channelToken]: current.accessToken } }),
    // A 401 to the reissue itself is final: there is no other token to try.
    replayAfterUnauthorized: () => Promise.resolve(false),
  };
  const call = createApiCall({
    baseUrl: normaliseBaseUrl(options.baseUrl ?? Hosts.businessConnect, CALLER),
    transport: resolveTransport(options, CALLER),
    timeoutMs: positiveNumber('timeoutMs', options.timeoutMs, 30_000, CALLER),
    retry: resolveRetryOptions(options.retry),
    auth,
    logger,
  });
  let inFlight: Promise<string> | undefined;
  let nextAheadAttemptAt = 0;
  let rejected: string | undefined;

  async function reissue(): Promise<string> {
    const form = new URLSearchParams({ refreshToken: current.refreshToken, channelSecret: options.channelSecret }).toString();
    // 'read': every transient failure is retried. Repeating a reissue LINE did process cannot lose more
    // than that reissue already did (the old pair is dead either way); a 2xx is never repeated.
    const issued = await call({ method: 'POST', path: '/v1/oauth/accessToken', body: form, contentType: 'application/x-www-form-urlencoded', policy: 'read' }, async (response) => {
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw new ApiError(
          { status: response.status, endpoint: ENDPOINT, statusMessage: 'the answer could not be read; LINE may have issued a new pair, which is lost (if the next reissue fails with 411, reissue the token in the LINE console)' },
          { cause: redactError(error, [...secrets]) },
        );
      }
      const next = readTokenAnswer(text);
      if (next === undefined) {
        throw new ApiError({ status: response.status, endpoint: ENDPOINT, statusMessage: 'the answer is not {"accessToken","refreshToken","expire"}' });
      }
      return next;
    });
    secrets.add(issued.accessToken);
    secrets.add(issued.refreshToken);
    current = issued;
    logger.debug(`line-business-connect: reissued the channel access token (${ENDPOINT}); it expires at ${new Date(issued.expiresAt).toISOString()}.`);
    // An `expire` already past (or in seconds, not ms) would make every getToken() start a new
    // reissue, each one killing the token that in-flight sends use. Treat the expiry as unknown
    // instead: the token is then rotated only after a 401.
    const limit = now() + refreshAheadMs;
    if (issued.expiresAt <= limit) {
      current = { ...issued, expiresAt: undefined };
      onRefreshError(
        new LineError(
          `${ENDPOINT}: LINE's expire (${issued.expiresAt}) is not later than now + refreshAheadMs (${limit}); it may be in seconds ` +
            'instead of ms. The expiry is treated as unknown: the token will be reissued only after a 401.',
        ),
      );
    }
    try {
      await options.onRefresh({ accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: issued.expiresAt });
    } catch (error) {
      // The old token is already dead: keep the new one in use and report the failed persistence.
      onRefreshError(error);
    }
    return current.accessToken;
  }

  function startReissue(): Promise<string> {
    inFlight ??= reissue().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return {
    async getToken() {
      const token = current.accessToken;
      const expiresAt = current.expiresAt;
      const at = now();
      // After a failed reissue ahead of expiry, wait before the next one, but never past expiry.
      const due = expiresAt !== undefined && at >= expiresAt - refreshAheadMs && (at >= nextAheadAttemptAt || at >= expiresAt);
      if (!inFlight && !due) return token;
      try {
        return await startReissue();
      } catch (error) {
        // Ahead of expiry, a token LINE has not rejected still works: use it, try again in 30 s.
        if (expiresAt !== undefined && now() < expiresAt && current.accessToken === token && rejected !== token) {
          nextAheadAttemptAt = now() + 30_000;
          onRefreshError(error);
          return token;
        }
        throw error;
      }
    },
    invalidate(rejectedToken) {
      // A 401 for a token that was already replaced (or is being replaced) needs no new reissue.
      if (rejectedToken !== current.accessToken) return;
      rejected = rejectedToken;
      if (inFlight) return;
      startReissue().catch(() => {
        // Reported to the getToken() calls waiting on it.
      });
    },
  };
}

function readTokenAnswer(text: string): TokenPair & { expiresAt: number } | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const { accessToken, refreshToken, expire } = (body ?? {}) as { accessToken?: unknown; refreshToken?: unknown; expire?: unknown };
  if (typeof accessToken !== 'string' || accessToken === '' || typeof refreshToken !== 'string' || refreshToken === '') return undefined;
  const expiresAt = toEpochMs(expire);
  if (expiresAt === undefined) return undefined;
  return { accessToken, refreshToken, expiresAt };
}
