import { ApiError, LineError } from '../errors.js';
import { toEpochMs } from '../events/to-epoch-ms.js';
import { defaultLogger, type Logger } from '../logger.js';
import { checkOptionKeys, optionKeys } from '../option-keys.js';
import { businessConnectHost, channelTokenHeader } from '../protocol/hosts.js';
import type { Auth } from './auth.js';
import { createApiCall } from './create-api-call.js';
import { resolveTransport } from './fetch-transport.js';
import { normaliseBaseUrl, positiveNumber } from './option-checks.js';
import { redactError } from './redact-error.js';
import { resolveRetryOptions, type RetryOptions } from './retry.js';
import type { TokenProvider } from './token-provider.js';
import { createMemoryTokenStore, type StoredToken, type TokenStore } from './token-store.js';
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
  /** The current channel access token. With a `store`: only to fill an empty store (the stored pair wins). */
  accessToken?: string;
  /** The current refresh token. With a `store`: only to fill an empty store, together with `accessToken`. */
  refreshToken?: string;
  /** The channel secret (sent in the reissue form; never logged or put in an error). */
  channelSecret: string;
  /** When `accessToken` expires (epoch ms). Default: unknown, so the token is reissued only after a 401. */
  expiresAt?: number;
  /**
   * Where the pair lives when several instances share the channel (see {@link TokenStore}): they read
   * it there, one reissues under a lease, the others wait and read the new pair. Default: an in-memory
   * store for this provider alone, holding `accessToken` and `refreshToken`.
   */
  store?: TokenStore;
  /**
   * How long the reissue lease lasts, in ms: the reissue (its retries included) is cut at it, and an
   * instance that waits for another one's reissue gives up after three times it. Default `30000`.
   */
  leaseMs?: number;
  /** How often an instance waiting for another one's reissue reads the store, in ms. Default `100`. */
  pollMs?: number;
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
   * token is still used and the error goes to `onRefreshError`. Required without a `store` (with one,
   * the store already holds the new pair).
   */
  onRefresh?: (token: RefreshedToken) => void | Promise<void>;
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

const REFRESHING_TOKEN_OPTION_KEYS = /* @__PURE__ */ optionKeys<RefreshingTokenOptions>()([
  'accessToken',
  'refreshToken',
  'channelSecret',
  'expiresAt',
  'store',
  'leaseMs',
  'pollMs',
  'refreshAheadMs',
  'baseUrl',
  'transport',
  'fetch',
  'timeoutMs',
  'retry',
  'onRefresh',
  'onRefreshError',
  'logger',
  'now',
]);

const ENDPOINT = 'POST /v1/oauth/accessToken';
const CALLER = 'createRefreshingToken';

/**
 * A {@link TokenProvider} that reissues the Business Connect channel access token (spec §4.3):
 * ahead of `expiresAt` and when the client reports a 401 through `invalidate`. One reissue runs at
 * a time, however many requests wait: `getToken()` calls made during it wait for the new token, and
 * `invalidate` with a token that was already replaced does nothing. With a shared {@link TokenStore},
 * one reissue runs at a time across every instance: the one holding the lease reissues and stores the
 * pair, the others read it. The reissue goes through a {@link Transport} with the client's retry rules
 * (a transient failure is retried within the deadline; an answer carrying a new pair is never
 * repeated). A failed reissue rejects the waiting `getToken()` calls with {@link ApiError} (LINE
 * answers `statusCode` `"411"` to a bad refresh token), {@link NetworkError} or {@link TimeoutError};
 * the next call tries again.
 */
export function createRefreshingToken(options: RefreshingTokenOptions): TokenProvider {
  if (options === null || typeof options !== 'object') throw new LineError(`${CALLER}: pass an options object.`);
  checkOptionKeys(options, REFRESHING_TOKEN_OPTION_KEYS, CALLER);
  const seed = checkPair(options);
  if (typeof options.channelSecret !== 'string' || options.channelSecret === '') throw new LineError(`${CALLER}: channelSecret must be a non-empty string.`);
  if (options.store === undefined && typeof options.onRefresh !== 'function') {
    throw new LineError(`${CALLER}: onRefresh is required: persist the new token pair there, the old one stops working at once (or pass a store).`);
  }
  const store = options.store ?? createMemoryTokenStore(seed);
  for (const method of ['read', 'compareAndSet', 'acquireLease', 'releaseLease'] as const) {
    if (typeof store?.[method] !== 'function') throw new LineError(`${CALLER}: store must be a TokenStore with read, compareAndSet, acquireLease and releaseLease.`);
  }
  const now = options.now ?? Date.now;
  const refreshAheadMs = positiveNumber('refreshAheadMs', options.refreshAheadMs, 300_000, CALLER, true);
  const leaseMs = positiveNumber('leaseMs', options.leaseMs, 30_000, CALLER);
  const pollMs = positiveNumber('pollMs', options.pollMs, 100, CALLER);
  const logger = options.logger ?? defaultLogger;
  const reportTo =
    options.onRefreshError ??
    ((error: unknown) => logger.error(`line-business-connect: ${error instanceof Error ? String(error) : 'token refresh problem'}`));
  // A throwing handler must not fail a reissue whose new token is already in use (the old one is dead).
  const onRefreshError = (error: unknown) => {
    try {
      reportTo(error);
    } catch {
      // Nothing better to do with it.
    }
  };
  const holder = crypto.randomUUID();

  // Every token and refresh token ever held, and the secret: none may appear in an error, in any encoding.
  const secrets = new Set([options.channelSecret]);
  // The pair in use; with a store of its own, this provider's pair is known at once.
  let current: StoredToken | undefined;
  const adopt = (pair: StoredToken) => {
    secrets.add(pair.accessToken);
    secrets.add(pair.refreshToken);
    current = { accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresAt: pair.expiresAt };
    return current;
  };
  if (seed !== undefined) secrets.add(seed.accessToken).add(seed.refreshToken);
  if (options.store === undefined) adopt(seed!);
  const auth: Auth = {
    mode: 'businessConnect',
    secrets: () => [...secrets],
    headers: () => Promise.resolve({ headers: { [channelTokenHeader]: current!.accessToken } }),
    // A 401 to the reissue itself is final: there is no other token to try.
    replayAfterUnauthorized: () => Promise.resolve(false),
  };
  const retry = resolveRetryOptions(options.retry);
  const call = createApiCall({
    baseUrl: normaliseBaseUrl(options.baseUrl ?? businessConnectHost, CALLER),
    transport: resolveTransport(options, CALLER),
    timeoutMs: positiveNumber('timeoutMs', options.timeoutMs, 30_000, CALLER),
    // The reissue must end while its lease still holds, or a waiting instance would start another.
    retry: { ...retry, deadlineMs: Math.min(retry.deadlineMs, leaseMs) },
    auth,
    logger,
  });
  // The store's errors may quote what it holds: name the step, redact the rest.
  const fromStore = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw new LineError(`${CALLER}: TokenStore.${step}() failed; the token could not be read or rotated (see cause).`, { cause: redactError(error, [...secrets]) });
    }
  };

  let loading: Promise<StoredToken> | undefined;
  let inFlight: Promise<string> | undefined;
  let nextAheadAttemptAt = 0;
  let rejected: string | undefined;

  async function load(): Promise<StoredToken> {
    const stored = await fromStore('read', () => store.read());
    if (stored !== undefined) return adopt(stored);
    if (seed === undefined) throw new LineError(`${CALLER}: the token store is empty; pass accessToken and refreshToken once to fill it.`);
    if (await fromStore('compareAndSet', () => store.compareAndSet(undefined, seed))) return adopt(seed);
    // Another instance filled it first: theirs wins.
    const winner = await fromStore('read', () => store.read());
    if (winner === undefined) throw new LineError(`${CALLER}: the token store refused to be filled but stays empty; check its compareAndSet.`);
    return adopt(winner);
  }

  // Replaces `expected`: by the pair another instance stored, or by reissuing under the lease.
  async function rotate(expected: string): Promise<string> {
    const giveUpAt = Date.now() + 3 * leaseMs;
    for (;;) {
      const stored = await fromStore('read', () => store.read());
      if (stored !== undefined && stored.accessToken !== expected) {
        logger.debug('line-business-connect: using the channel access token another instance stored.');
        return adopt(stored).accessToken;
      }
      if (await fromStore('acquireLease', () => store.acquireLease(holder, leaseMs))) {
        try {
          // Read again under the lease: the previous holder may have stored its pair just now.
          const latest = await fromStore('read', () => store.read());
          if (latest !== undefined && latest.accessToken !== expected) return adopt(latest).accessToken;
          return await reissue(latest ?? current!);
        } finally {
          await fromStore('releaseLease', () => store.releaseLease(holder)).catch(onRefreshError);
        }
      }
      if (Date.now() >= giveUpAt) {
        throw new LineError(`${CALLER}: another instance held the reissue lease for ${3 * leaseMs} ms without storing a new token; is it stuck, or is leaseMs too short?`);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  async function reissue(pair: StoredToken): Promise<string> {
    adopt(pair); // the reissue is authorised by this pair's access token
    const form = new URLSearchParams({ refreshToken: pair.refreshToken, channelSecret: options.channelSecret }).toString();
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
    logger.debug(`line-business-connect: reissued the channel access token (${ENDPOINT}); it expires at ${new Date(issued.expiresAt).toISOString()}.`);
    // An `expire` already past (or in seconds, not ms) would make every getToken() start a new
    // reissue, each one killing the token that in-flight sends use. Treat the expiry as unknown
    // instead: the token is then rotated only after a 401.
    const limit = now() + refreshAheadMs;
    const usable = issued.expiresAt > limit;
    const next = adopt({ ...issued, expiresAt: usable ? issued.expiresAt : undefined });
    if (!usable) {
      onRefreshError(
        new LineError(
          `${ENDPOINT}: LINE's expire (${issued.expiresAt}) is not later than now + refreshAheadMs (${limit}); it may be in seconds ` +
            'instead of ms. The expiry is treated as unknown: the token will be reissued only after a 401.',
        ),
      );
    }
    // LINE now accepts only this pair: store it even if the store changed meanwhile (a lease outlived).
    if (!(await fromStore('compareAndSet', () => store.compareAndSet(pair.accessToken, next)))) {
      const overwritten = await fromStore('read', () => store.read());
      const stored = await fromStore('compareAndSet', () => store.compareAndSet(overwritten?.accessToken, next));
      onRefreshError(
        new LineError(
          `${CALLER}: the stored token changed while this instance held the reissue lease (leaseMs too short?); ` +
            `${stored ? 'the pair LINE issued last was stored over it' : 'the pair LINE issued last could not be stored'}.`,
        ),
      );
    }
    try {
      await options.onRefresh?.({ accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: issued.expiresAt });
    } catch (error) {
      // The old token is already dead: keep the new one in use and report the failed persistence.
      onRefreshError(error);
    }
    return next.accessToken;
  }

  function startRotation(expected: string): Promise<string> {
    inFlight ??= rotate(expected).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return {
    async getToken() {
      if (current === undefined) {
        loading ??= load().finally(() => {
          loading = undefined;
        });
        await loading;
      }
      const { accessToken: token, expiresAt } = current!;
      const at = now();
      // After a failed reissue ahead of expiry, wait before the next one, but never past expiry.
      const due = expiresAt !== undefined && at >= expiresAt - refreshAheadMs && (at >= nextAheadAttemptAt || at >= expiresAt);
      if (!inFlight && !due) return token;
      try {
        return await startRotation(token);
      } catch (error) {
        // Ahead of expiry, a token LINE has not rejected still works: use it, try again in 30 s.
        if (expiresAt !== undefined && now() < expiresAt && current!.accessToken === token && rejected !== token) {
          nextAheadAttemptAt = now() + 30_000;
          onRefreshError(error);
          return token;
        }
        throw error;
      }
    },
    invalidate(rejectedToken) {
      // A 401 for a token that was already replaced (or is being replaced) needs no new reissue.
      if (rejectedToken !== current?.accessToken) return;
      rejected = rejectedToken;
      if (inFlight) return;
      startRotation(rejectedToken).catch(() => {
        // Reported to the getToken() calls waiting on it.
      });
    },
  };
}

/** The seed pair from the options: required without a store, optional (both or neither) with one. */
function checkPair(options: RefreshingTokenOptions): StoredToken | undefined {
  const { accessToken, refreshToken, expiresAt, store } = options;
  if (store !== undefined && accessToken === undefined && refreshToken === undefined) return undefined;
  for (const [key, value] of [['accessToken', accessToken], ['refreshToken', refreshToken]] as const) {
    if (typeof value !== 'string' || value === '') {
      throw new LineError(`${CALLER}: ${key} must be a non-empty string${store !== undefined ? ' (with a store: pass both or neither)' : ''}.`);
    }
  }
  return { accessToken: accessToken!, refreshToken: refreshToken!, expiresAt };
}

function readTokenAnswer(text: string): (StoredToken & { expiresAt: number }) | undefined {
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
