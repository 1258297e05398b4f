import { LineError } from '../errors.js';
import { checkOptionKeys, optionKeys } from '../option-keys.js';
import type { DedupeStore } from '../webhook/webhook-handler-options.js';
import type { KvNamespaceLike } from './queue-types.js';

/** Options of {@link createKvDedupeStore}. */
export interface KvDedupeStoreOptions {
  /**
   * How long a key is kept, in seconds (KV's minimum is 60). Default `1209600` (14 days, the longest a
   * Cloudflare Queue keeps a message, so a key outlives every delivery of its message).
   */
  ttlSeconds?: number;
  /** Put in front of every key, so that one namespace can serve several stores. Default `'line-dedupe:'`. */
  prefix?: string;
}

const KV_DEDUPE_STORE_OPTION_KEYS = optionKeys<KvDedupeStoreOptions>()(['ttlSeconds', 'prefix']);

/**
 * A {@link DedupeStore} on Workers KV, for {@link createEventConsumer} and {@link createBroadcastConsumer}.
 * KV is eventually consistent: a key written in one location can take up to 60 s to be seen in another,
 * so a repeat that reaches another location within that time may run again. Queue consumers of one
 * queue usually run close together; where even that is too weak, back a {@link DedupeStore} with a
 * Durable Object instead.
 *
 * @param kv - a KV namespace binding (`env.LINE_DEDUPE`)
 * @param options - `ttlSeconds`, `prefix`
 * @returns the store
 */
export function createKvDedupeStore(kv: KvNamespaceLike, options: KvDedupeStoreOptions = {}): DedupeStore {
  if (typeof kv?.get !== 'function' || typeof kv.put !== 'function') throw new LineError('createKvDedupeStore: pass a KV namespace binding (env.MY_KV).');
  checkOptionKeys(options, KV_DEDUPE_STORE_OPTION_KEYS, 'createKvDedupeStore');
  const ttlSeconds = options.ttlSeconds ?? 1_209_600;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 60) throw new LineError(`createKvDedupeStore: ttlSeconds must be an integer >= 60 (KV's minimum), got ${String(ttlSeconds)}.`);
  const prefix = options.prefix ?? 'line-dedupe:';
  if (typeof prefix !== 'string') throw new LineError('createKvDedupeStore: prefix must be a string.');
  return {
    has: async (key) => (await kv.get(prefix + key)) !== null,
    add: (key) => kv.put(prefix + key, '1', { expirationTtl: ttlSeconds }),
  };
}
