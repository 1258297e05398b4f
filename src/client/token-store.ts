/** A channel token pair as a {@link TokenStore} keeps it. */
export interface StoredToken {
  /** The channel access token. */
  accessToken: string;
  /** The refresh token that goes with it (the next reissue needs it). */
  refreshToken: string;
  /** When the access token expires (epoch ms); undefined when unknown (then only a 401 triggers a reissue). */
  expiresAt?: number | undefined;
}

/**
 * Where every instance of a bot (serverless instances, several processes) keeps the one channel token
 * pair they share, for {@link createRefreshingToken}. LINE kills the old token the moment a new one is
 * issued (spec §4.3), so instances must not reissue on their own: each reads the pair here, one takes the
 * lease and reissues, the others wait and read its new pair. Back it with anything that can compare and
 * set atomically and expire a key: Redis (`SET key holder NX PX ttl` for the lease, a Lua script for the
 * compare-and-set), a database row (`UPDATE … WHERE access_token = $expected`), a Durable Object.
 * See docs/tokens.md. Every method may reject; the error then fails the `getToken()` that needed it.
 */
export interface TokenStore {
  /** The current pair; undefined when the store is empty. */
  read(): Promise<StoredToken | undefined>;
  /**
   * Stores `next` only if the stored pair's access token is still `expectedAccessToken` (`undefined`:
   * only if the store is empty), atomically. Resolves true when it stored `next`.
   */
  compareAndSet(expectedAccessToken: string | undefined, next: StoredToken): Promise<boolean>;
  /**
   * Takes the reissue lease for `ttlMs` if nobody else holds it (an expired lease is free), atomically.
   * Resolves true when `holder` holds it now.
   */
  acquireLease(holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease back if `holder` still holds it (a lease that expired and was taken by another stays theirs). */
  releaseLease(holder: string): Promise<void>;
}

/**
 * A {@link TokenStore} in this process's memory: the default of {@link createRefreshingToken}, enough for
 * one process (share one between providers of the same channel). For several processes or serverless
 * instances, back a store with Redis or a database instead (docs/tokens.md).
 */
export function createMemoryTokenStore(initial?: StoredToken): TokenStore {
  let pair = initial && { ...initial };
  let lease: { holder: string; until: number } | undefined;
  return {
    read: () => Promise.resolve(pair && { ...pair }),
    compareAndSet(expectedAccessToken, next) {
      if (pair?.accessToken !== expectedAccessToken) return Promise.resolve(false);
      pair = { ...next };
      return Promise.resolve(true);
    },
    acquireLease(holder, ttlMs) {
      const at = Date.now();
      if (lease !== undefined && lease.holder !== holder && lease.until > at) return Promise.resolve(false);
      lease = { holder, until: at + ttlMs };
      return Promise.resolve(true);
    },
    releaseLease(holder) {
      if (lease?.holder === holder) lease = undefined;
      return Promise.resolve();
    },
  };
}
