import { LineError, MessageValidationError } from '../errors.js';
import { checkOptionKeys, optionKeys } from '../option-keys.js';
import type { OutgoingMessage } from '../messages/outgoing-message.js';
import { validateOutgoingMessage } from '../messages/validate-outgoing-message.js';
import { recipientsPerRequest, requestBodyBytes } from '../protocol/limits.js';
import { baseBodyBytes, buildSendPayload } from '../client/build-send-payload.js';
import { planRequests, type Recipients } from '../client/plan-requests.js';
import { broadcastChunkKind, type BroadcastChunk } from './broadcast-chunk.js';
import { EnqueueError } from './enqueue-error.js';
import type { QueueProducer } from './queue-types.js';
import { sendToQueue } from './send-to-queue.js';

/** What {@link enqueueBroadcast} sends, and to whom. */
export interface BroadcastOptions {
  /**
   * The recipients: an array of MIDs (checked whole before anything is enqueued, repeats removed), or
   * any iterable or async iterable (a database cursor: read as the chunks are enqueued, in bounded
   * memory, not de-duplicated).
   */
  to: Recipients;
  /** One message (single message event) or an array (multiple-messages event); validated as `client.send` does. */
  message: OutgoingMessage | readonly OutgoingMessage[];
  /** Who the MIDs are: `'user'`, `'room'` or `'group'`. Default `'user'`. */
  toType?: 'user' | 'room' | 'group';
  /** For an array of messages: the index of the one used for the push notification. Default `0`. */
  messageNotified?: number;
  /**
   * Names the broadcast; chunk `i` gets the id `<id>:<i>`. Enqueueing again with the same id over the
   * same recipients in the same order (after a failure half-way) gives the same chunk ids, so the
   * consumer skips the chunks LINE already accepted. Default: a random UUID.
   */
  id?: string;
  /** Most MIDs per request. Default `Limits.recipientsPerRequest` (150). Lower it only if your channel's limit is lower. */
  maxRecipientsPerRequest?: number;
  /** A request body must be under this many UTF-8 bytes. Default `Limits.requestBodyBytes` (8192). */
  maxBodyBytes?: number;
}

/** What {@link enqueueBroadcast} put on the queue. */
export interface EnqueuedBroadcast {
  /** The broadcast id (given, or generated). */
  id: string;
  /** Recipients enqueued (after de-duplication for an array). */
  recipients: number;
  /** Queue messages, one per `POST /v1/events` request. */
  chunks: number;
}

const BROADCAST_OPTION_KEYS = optionKeys<BroadcastOptions>()(['to', 'message', 'toType', 'messageNotified', 'id', 'maxRecipientsPerRequest', 'maxBodyBytes']);

/**
 * Puts a broadcast on a Cloudflare Queue, for {@link createBroadcastConsumer} to send: the recipients are
 * packed into chunks of exactly one LINE request each (≤ 150 MIDs and a body under 8192 bytes, by the
 * same code `client.send` packs with), one JSON message per chunk, sent in `sendBatch` calls within
 * Queues' limits (≤ 100 messages and 256 KB per call; a chunk is at most about 8.5 KB). Any number of
 * recipients: a million MIDs from a cursor are read and enqueued holding one call's worth.
 *
 * @param queue - the broadcast queue's producer binding (`env.LINE_BROADCAST`)
 * @param options - `to`, `message`; optionally `toType`, `messageNotified`, `id`
 * @returns the broadcast id and how many recipients and chunks were enqueued
 * @throws MessageValidationError before anything is enqueued for an invalid message, an array with a
 *   bad MID, or no recipient; EnqueueError when the queue refused a call (its `sent` chunks stay
 *   enqueued: enqueue again with the same `id` to finish) or a streamed source gave a bad MID or threw
 */
export async function enqueueBroadcast(queue: QueueProducer<BroadcastChunk>, options: BroadcastOptions): Promise<EnqueuedBroadcast> {
  if (typeof queue?.sendBatch !== 'function') throw new LineError('enqueueBroadcast: queue must be a Cloudflare Queues producer binding (env.MY_QUEUE, with sendBatch).');
  if (options === null || typeof options !== 'object') throw new LineError('enqueueBroadcast: pass { to, message }.');
  checkOptionKeys(options, BROADCAST_OPTION_KEYS, 'enqueueBroadcast');
  const id = options.id ?? crypto.randomUUID();
  if (typeof id !== 'string' || id.trim() === '') throw new LineError('enqueueBroadcast: id must be a non-empty string.');
  const toType = options.toType ?? 'user';
  const message = Array.isArray(options.message)
    ? (options.message as readonly unknown[]).map((item, index) => validateOutgoingMessage(item, { field: `messages[${index}]` }))
    : validateOutgoingMessage(options.message);
  // The same payload client.send builds: its size is what each request's recipients must fit next to.
  const payload = buildSendPayload(message, { toType, messageNotified: options.messageNotified, trial: false });
  const plan = planRequests(options.to, {
    baseBytes: baseBodyBytes(payload),
    maxRecipients: limit('maxRecipientsPerRequest', options.maxRecipientsPerRequest, recipientsPerRequest),
    maxBodyBytes: limit('maxBodyBytes', options.maxBodyBytes, requestBodyBytes),
  });

  let recipients = 0;
  async function* chunks(): AsyncGenerator<BroadcastChunk> {
    let index = 0;
    for await (const to of plan.requests) {
      const chunk: BroadcastChunk = { kind: broadcastChunkKind, broadcastId: id, id: `${id}:${index}`, index, to, message, toType };
      if (options.messageNotified !== undefined) chunk.messageNotified = options.messageNotified;
      index++;
      yield chunk;
      recipients += to.length;
    }
  }
  let sent: number;
  try {
    sent = await sendToQueue(queue, chunks(), (index) => `chunk ${index} of broadcast ${id}`);
  } catch (error) {
    if (!(error instanceof EnqueueError)) throw error;
    throw new EnqueueError(
      `enqueueBroadcast: ${error.sent} chunk(s) of broadcast ${id} were enqueued, then: ${error.message} Enqueue again with id ${JSON.stringify(id)} and the same recipients in the same order to finish: the consumer skips the chunks LINE accepted.`,
      error.sent,
      { cause: error.cause },
    );
  }
  const stop = plan.stopped;
  if (stop !== undefined) {
    // Nothing enqueued because the first MID of a stream was bad (or there was none): the input error itself.
    if (sent === 0 && stop.cause instanceof MessageValidationError) throw stop.cause;
    throw new EnqueueError(`enqueueBroadcast: stopped after ${sent} chunk(s) of broadcast ${id} were enqueued, because ${stop.why}.`, sent, { cause: stop.cause });
  }
  return { id, recipients, chunks: sent };
}

function limit(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > fallback) {
    throw new LineError(`enqueueBroadcast: ${name} must be an integer from 1 to ${fallback} (LINE's limit), got ${String(value)}.`);
  }
  return value;
}
