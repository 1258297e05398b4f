import { ApiError, LineError, NetworkError, TimeoutError } from '../errors.js';
import { toEpochMs } from '../events/to-epoch-ms.js';
import { Hosts, HeaderName } from '../protocol/hosts.js';
import { plainFetch } from './plain-fetch.js';
import { readApiError } from './read-api-error.js';
import { redactError } from './redact-error.js';
import type { TokenProvider } from './token-provider.js';

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
  /** Reissue this many ms before `expiresAt`. Default `300000` (5 minutes). */
  refreshAheadMs?: number;
  /** API origin. Default `https://api.line.me`. */
  baseUrl?: string;
  /** The `fetch` to use. Default: `globalThis.fetch`, looked up at each call. */
  fetch?: typeof fetch;
  /** Time limit of the reissue request in ms. Default `30000`. */
  timeoutMs?: number;
  /**
   * Persist the new pair here: the old access token is dead the moment LINE issues a new one, and
   * the old refresh token with it. Awaited before any send uses the new token. If it throws, the new
   * token is still used and the error goes to `onRefreshError`.
   */
  onRefresh: (token: RefreshedToken) => void | Promise<void>;
  /**
   * Receives errors that do not fail a send: `onRefresh` throwing, a reissue ahead of expiry
   * failing while the current token is still valid (it is retried after 30 s), or LINE's `expire`
   * not being in the future (the expiry is then treated as unknown). Default: `console.error` of a
   * message without any token.
   */
  onRefreshError?: (error: unknown) => void;
  /** Clock in epoch ms, for tests. Default `Date.now`. */
  now?: () => number;
}

const ENDPOINT = 'POST /v1/oauth/accessToken';

/**
 * A {@link TokenProvider} that reissues the Business Connect channel access token (spec §4.3):
 * ahead of `expiresAt` and when the client reports a 401 through `invalidate`. One reissue runs at
 * a time, however many requests wait: `getToken()` calls made during it wait for the new token, and
 * `invalidate` with a token that was already replaced does nothing. A failed reissue rejects the
 * waiting `getToken()` calls with {@link ApiError} (LINE answers `statusCode` `"411"` to a bad
 * refresh token), {@link NetworkError} or {@link TimeoutError}; the next call tries again.
 */
export function createRefreshingToken(options: RefreshingTokenOptions): TokenProvider {
  for (const key of ['accessToken', 'refreshToken', 'channelSecret'] as const) {
    if (typeof options[key] !== 'string' || options[key] === '') {
      throw new LineError(`createRefreshingToken: ${key} must be a non-empty string.`);
    }
  }
  if (typeof options.onRefresh !== 'function') {
    throw new LineError('createRefreshingToken: onRefresh is required: persist the new token pair there, the old one stops working at once.');
  }
  const now = options.now ?? Date.now;
  const refreshAheadMs = options.refreshAheadMs ?? 300_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const baseUrl = (options.baseUrl ?? Hosts.businessConnect).replace(/\/+$/, '');
  const fetchFn = plainFetch(options.fetch);
  const reportTo =
    options.onRefreshError ??
    ((error: unknown) => {
      console.error(`line-business-connect: ${error instanceof Error ? `${error.name}: ${error.message}` : 'token refresh problem'}`);
    });
  // A throwing handler must not fail a reissue whose new token is already in use (the old one is dead).
  const onRefreshError = (error: unknown) => {
    try {
      reportTo(error);
    } catch {
      // Nothing better to do with it.
    }
  };

  let current: { accessToken: string; refreshToken: string; expiresAt: number | undefined } = {
    accessToken: options.accessToken,
    refreshToken: options.refreshToken,
    expiresAt: options.expiresAt,
  };
  let inFlight: Promise<string> | undefined;
  let nextAheadAttemptAt = 0;
  let rejected: string | undefined;

  async function reissue(): Promise<string> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    let issued: { accessToken: string; refreshToken: string; expiresAt: number } | undefined;
    try {
      response = await fetchFn(`${baseUrl}/v1/oauth/accessToken`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', [HeaderName.channelToken]: current.accessToken },
        body: new URLSearchParams({ refreshToken: current.refreshToken, channelSecret: options.channelSecret }).toString(),
        signal: controller.signal,
        redirect: 'manual',
      });
      if (!response.ok) throw await readApiError(response, ENDPOINT, [current.accessToken, current.refreshToken, options.channelSecret]);
      const text = await response.text();
      const next = readTokenAnswer(text);
      if (next === undefined) {
        throw new ApiError({ status: response.status, endpoint: ENDPOINT, statusMessage: 'the answer is not {"accessToken","refreshToken","expire"}' });
      }
      current = issued = next;
    } catch (error) {
      if (error instanceof LineError) throw error;
      const cause = redactError(error, [current.accessToken, current.refreshToken, options.channelSecret]);
      if (controller.signal.aborted) throw new TimeoutError(ENDPOINT, timeoutMs, { cause });
      throw new NetworkError(ENDPOINT, { cause });
    } finally {
      clearTimeout(timer);
    }
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

function readTokenAnswer(text: string): { accessToken: string; refreshToken: string; expiresAt: number } | undefined {
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
