import { LineError } from '../errors.js';
import { checkOptionKeys, optionKeys } from '../option-keys.js';
import type { StoredToken, TokenStore } from '../client/token-store.js';
import type { DurableObjectNamespaceLike } from './queue-types.js';

/** Options of {@link createDurableTokenStore}. */
export interface DurableTokenStoreOptions {
  /** The object's name: one per channel. Default `'line-channel-token'`. */
  name?: string;
}

const DURABLE_TOKEN_STORE_OPTION_KEYS = optionKeys<DurableTokenStoreOptions>()(['name']);

/**
 * The {@link TokenStore} of a {@link ChannelTokenObject}: give it to `createRefreshingToken({ store })`
 * in every Worker and queue consumer of the channel, so that they share one token pair and LINE sees one
 * reissue per rotation (it kills the old token at each reissue, spec §4.3).
 *
 * @example
 * ```ts
 * const tokens = createRefreshingToken({
 *   store: createDurableTokenStore(env.LINE_TOKEN),
 *   accessToken: env.LINE_CHANNEL_TOKEN, // fills the empty object once; the stored pair wins after that
 *   refreshToken: env.LINE_REFRESH_TOKEN,
 *   channelSecret: env.LINE_CHANNEL_SECRET,
 * });
 * ```
 * @param namespace - the Durable Object namespace binding of {@link ChannelTokenObject}
 * @param options - `name` of the object (one per channel)
 * @returns the store; each method rejects with a {@link LineError} when the object cannot be reached or refuses
 */
export function createDurableTokenStore<Id>(namespace: DurableObjectNamespaceLike<Id>, options: DurableTokenStoreOptions = {}): TokenStore {
  if (typeof namespace?.idFromName !== 'function' || typeof namespace.get !== 'function') {
    throw new LineError('createDurableTokenStore: pass the Durable Object namespace binding of ChannelTokenObject (env.LINE_TOKEN).');
  }
  checkOptionKeys(options, DURABLE_TOKEN_STORE_OPTION_KEYS, 'createDurableTokenStore');
  const name = options.name ?? 'line-channel-token';
  if (typeof name !== 'string' || name === '') throw new LineError('createDurableTokenStore: name must be a non-empty string.');

  async function call<T>(operation: string, input: Record<string, unknown>): Promise<T> {
    // A stub per call: a stub belongs to the request (or queue batch) that made it.
    const stub = namespace.get(namespace.idFromName(name));
    const response = await stub.fetch(
      new Request(`https://channel-token-object/${operation}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) }),
    );
    const text = await response.text();
    if (!response.ok) {
      // The object's errors name the field, never a token: quote them.
      throw new LineError(`ChannelTokenObject answered ${response.status} to /${operation}: ${text.slice(0, 200)}`);
    }
    return JSON.parse(text) as T;
  }

  return {
    read: async () => (await call<{ pair: StoredToken | null }>('read', {})).pair ?? undefined,
    compareAndSet: async (expectedAccessToken, next) => (await call<{ stored: boolean }>('compare-and-set', { expectedAccessToken: expectedAccessToken ?? null, next })).stored,
    acquireLease: async (holder, ttlMs) => (await call<{ acquired: boolean }>('acquire-lease', { holder, ttlMs })).acquired,
    releaseLease: async (holder) => void (await call('release-lease', { holder })),
  };
}
