/**
 * Limits of Cloudflare Queues that this entry packs messages into (Cloudflare's limits page; 1 KB is
 * 1000 bytes there). Every message is sent as JSON, and its size is counted as its UTF-8 JSON text plus
 * `metadataBytes` of Cloudflare's own metadata, which counts towards both limits.
 */
export const QueueLimits = {
  /** Largest message, metadata included. */
  messageBytes: 128_000,
  /** Most messages in one `sendBatch` call. */
  batchMessages: 100,
  /** Largest `sendBatch` call, the metadata of every message included. */
  batchBytes: 256_000,
  /** Cloudflare's metadata per message, counted in both byte limits ("up to ~100 bytes"). */
  metadataBytes: 100,
  /** Longest `delaySeconds` of a send or a retry (24 hours). */
  maxDelaySeconds: 86_400,
} as const;
