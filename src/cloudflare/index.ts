// Public API of line-business-connect/cloudflare: past one isolate on Cloudflare Workers. Durable ingest
// on Queues, broadcast fan-out on Queues, one channel token in a Durable Object. Explicit named
// re-exports only. Web APIs only: no node:*, no Cloudflare package (the bindings are typed structurally).
export { createIngestHandler } from './create-ingest-handler.js';
export type { IngestHandlerOptions } from './create-ingest-handler.js';
export { createEventConsumer } from './create-event-consumer.js';
export type { EventConsumerOptions, EventConsumerContext, EventConsumerErrorContext } from './create-event-consumer.js';
export { enqueueBroadcast } from './enqueue-broadcast.js';
export type { BroadcastOptions, EnqueuedBroadcast } from './enqueue-broadcast.js';
export { createBroadcastConsumer, broadcastFailureKind } from './create-broadcast-consumer.js';
export type { BroadcastConsumerOptions, BroadcastFailure } from './create-broadcast-consumer.js';
export { broadcastChunkKind, isBroadcastChunk } from './broadcast-chunk.js';
export type { BroadcastChunk } from './broadcast-chunk.js';
export { ChannelTokenObject } from './channel-token-object.js';
export { createDurableTokenStore } from './create-durable-token-store.js';
export type { DurableTokenStoreOptions } from './create-durable-token-store.js';
export { createKvDedupeStore } from './create-kv-dedupe-store.js';
export type { KvDedupeStoreOptions } from './create-kv-dedupe-store.js';
export { EnqueueError } from './enqueue-error.js';
export { QueueLimits } from './queue-limits.js';
export { defaultRetryDelay } from './retry-delay.js';
export type { RetryDelay } from './retry-delay.js';
export type {
  QueueProducer,
  QueueSendRequest,
  QueueMessage,
  QueueMessageBatch,
  KvNamespaceLike,
  DurableObjectNamespaceLike,
  DurableObjectStateLike,
  DurableObjectStorageLike,
} from './queue-types.js';
// Types these options and results use, from the same module as the root entry's.
export type { DedupeStore } from '../webhook/webhook-handler-options.js';
export type { TokenStore, StoredToken } from '../client/token-store.js';
export type { Logger } from '../logger.js';
