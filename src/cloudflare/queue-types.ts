// Structural types of the Cloudflare bindings this entry calls: what `@cloudflare/workers-types` names
// `Queue`, `MessageBatch`, `Message`, `KVNamespace` and `DurableObjectNamespace`, reduced to the members
// used here, so that the real bindings fit them and no Cloudflare package is a dependency.

/** One message of a `sendBatch` call. */
export interface QueueSendRequest<Body> {
  /** The message body. */
  body: Body;
  /** How the body is serialised. This entry always sends `'json'`, so that any consumer can read it. */
  contentType?: 'json' | 'text' | 'bytes' | 'v8';
  /** Deliver it no earlier than this many seconds from now. */
  delaySeconds?: number;
}

/** A Cloudflare Queues producer binding (`env.MY_QUEUE`), as far as this entry uses it. */
export interface QueueProducer<Body = unknown> {
  /** Sends up to 100 messages of at most 256 KB in total (see {@link QueueLimits}). Rejects when the queue refused them. */
  sendBatch(messages: Iterable<QueueSendRequest<Body>>, options?: { delaySeconds?: number }): Promise<unknown>;
}

/** One message handed to a queue consumer (Cloudflare's `Message`). */
export interface QueueMessage<Body = unknown> {
  /** The message id (the same on every delivery of this message). */
  readonly id: string;
  /** The body as sent. */
  readonly body: Body;
  /** How many times the message was delivered, this delivery included (1 on the first). */
  readonly attempts: number;
  /** Marks it done: it is not delivered again, whatever happens to the rest of the batch. */
  ack(): void;
  /** Delivers it again later (after `delaySeconds`), or moves it to the dead-letter queue after `max_retries`. */
  retry(options?: { delaySeconds?: number }): void;
}

/** The argument of a Worker's `queue` handler (Cloudflare's `MessageBatch`). */
export interface QueueMessageBatch<Body = unknown> {
  /** The name of the queue the batch came from. */
  readonly queue: string;
  /** The messages, in the order they were delivered. */
  readonly messages: readonly QueueMessage<Body>[];
}

/** A Workers KV namespace binding, as far as {@link createKvDedupeStore} uses it. */
export interface KvNamespaceLike {
  /** The value of `key`, or null. */
  get(key: string): Promise<string | null>;
  /** Stores `value` under `key`, expiring after `expirationTtl` seconds (at least 60). */
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
}

/** A Durable Object namespace binding, as far as {@link createDurableTokenStore} uses it. */
export interface DurableObjectNamespaceLike<Id = unknown> {
  /** The id of the object named `name` (the same object everywhere, for the same name). */
  idFromName(name: string): Id;
  /** A stub of the object with that id. */
  get(id: Id): {
    /** Sends a request to the object. */
    fetch(request: Request): Promise<Response>;
  };
}

/** The storage of a Durable Object (`ctx.storage`), as far as {@link ChannelTokenObject} uses it. */
export interface DurableObjectStorageLike {
  /** The value stored under `key`, or undefined. */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Stores `value` under `key`. */
  put<T>(key: string, value: T): Promise<void>;
  /** Deletes `key`. */
  delete(key: string): Promise<boolean>;
}

/** The first argument of a Durable Object's constructor (`DurableObjectState`), as far as {@link ChannelTokenObject} uses it. */
export interface DurableObjectStateLike {
  /** Its transactional storage. */
  readonly storage: DurableObjectStorageLike;
}
