import { ApiError, LineError, MessageValidationError } from '../errors.js';
import { checkOptionKeys, optionKeys } from '../option-keys.js';
import type { LineClient } from '../client/line-client.js';
import { positiveInteger } from '../client/option-checks.js';
import { isRetryable } from '../client/retry.js';
import { runWithConcurrency } from '../client/run-with-concurrency.js';
import type { SendRequestResult } from '../client/send-result.js';
import { defaultLogger, type Logger } from '../logger.js';
import type { DedupeStore } from '../webhook/webhook-handler-options.js';
import { isBroadcastChunk, type BroadcastChunk } from './broadcast-chunk.js';
import type { QueueMessage, QueueMessageBatch, QueueProducer } from './queue-types.js';
import { checkRetryDelay, retryDelaySeconds, type RetryDelay } from './retry-delay.js';

/** The `kind` of a {@link BroadcastFailure}. */
export const broadcastFailureKind = 'line-business-connect/broadcast-failure';

/**
 * Recipients of a broadcast chunk that were finally not sent, as {@link createBroadcastConsumer} reports
 * them (to `deadLetterQueue` as a JSON message, and to `onFailed`). It carries the message, so that you
 * can send it to them again once the cause is fixed (as a new broadcast).
 */
export interface BroadcastFailure {
  /** Always {@link broadcastFailureKind}. */
  kind: typeof broadcastFailureKind;
  /** The broadcast. */
  broadcastId: string;
  /** The chunk (`<broadcastId>:<index>`). */
  chunkId: string;
  /** The MIDs not sent, in order. */
  recipients: string[];
  /** Why: the error's name and message; for an answer from LINE, its HTTP status and LINE `statusCode`. */
  error: {
    /** The error class, e.g. `ApiError`. */
    name: string;
    /** Its message (never a token or secret). */
    message: string;
    /** HTTP status of LINE's answer, for an `ApiError`. */
    status?: number;
    /** LINE's `statusCode` (e.g. `"422"`), when its answer had one. */
    statusCode?: string;
  };
  /**
   * True when the request may have reached LINE anyway (a timeout, HTTP 500/502/504, a connection lost
   * after sending): they may have got the message, and sending again may deliver it twice. Such a
   * request is never retried.
   */
  maybeDelivered: boolean;
  /** Deliveries of the chunk's queue message when it was given up (1 = the first). */
  attempts: number;
  /** The chunk's message(s). */
  message: BroadcastChunk['message'];
  /** Who the MIDs are. */
  toType: BroadcastChunk['toType'];
  /** The chunk's `messageNotified`, if any. */
  messageNotified?: number;
}

/** Options of {@link createBroadcastConsumer}. */
export interface BroadcastConsumerOptions {
  /** The client that sends (`createClient`; give every isolate the same `TokenStore`, see {@link createDurableTokenStore}). Required. */
  client: LineClient;
  /**
   * Where accepted chunks are remembered (key: the chunk id), so that a chunk LINE accepted is never
   * sent again, whether its queue message comes back because Queues deliver at least once or because
   * the Worker died between the send and the `ack`. Shared by every consumer, e.g.
   * {@link createKvDedupeStore}. Required.
   */
  dedupe: DedupeStore;
  /**
   * Deliveries of a chunk before recipients that keep failing with a transient error (429, 503, a
   * connection never made, a token that could not be renewed) are reported failed. Set it to the
   * consumer's `max_retries` + 1 (or less): after `max_retries`, Cloudflare moves the message to the
   * queue's dead-letter queue as it is, without the reason. Default `4` (Cloudflare's default `max_retries` is 3).
   */
  maxAttempts?: number;
  /** Delay before a chunk is tried again; at least LINE's `Retry-After`. Default: 10 s doubling per attempt, at most 10 minutes. */
  retryDelaySeconds?: RetryDelay;
  /** Chunks of a batch sent at once. Default `6` (a Worker invocation opens at most 6 connections at a time). */
  concurrency?: number;
  /** Where each {@link BroadcastFailure} is put (a producer binding of your failures queue). Default: none. */
  deadLetterQueue?: QueueProducer<BroadcastFailure>;
  /** Called with each {@link BroadcastFailure}. An error it throws is logged. Default: none. */
  onFailed?(failure: BroadcastFailure): unknown;
  /**
   * Where retries are logged (`warn`) and failures at `error` when neither `deadLetterQueue` nor
   * `onFailed` took them. Default: {@link defaultLogger}.
   */
  logger?: Logger;
}

/** What became of the recipients of one attempt at a chunk. */
interface Outcome {
  /** Recipients with nothing left to do: LINE accepted them, or they were reported failed. */
  settled: string[];
  /** Recipients to report failed now. */
  failures: { recipients: string[]; error: LineError; maybeDelivered: boolean }[];
  /** Recipients to try again later, why, and LINE's `Retry-After`. */
  retry: { recipients: string[]; error: unknown; retryAfterMs: number };
}

const BROADCAST_CONSUMER_OPTION_KEYS = optionKeys<BroadcastConsumerOptions>()(['client', 'dedupe', 'maxAttempts', 'retryDelaySeconds', 'concurrency', 'deadLetterQueue', 'onFailed', 'logger']);

/**
 * Creates the consumer of a broadcast queue ({@link enqueueBroadcast}): call it from the Worker's
 * `queue(batch)` handler. It sends each chunk with `client.send` (up to `concurrency` at a time) and:
 *
 * - LINE accepted it: remembers the chunk id in `dedupe`, then `ack`s it. A chunk already remembered is
 *   `ack`ed without sending: a request LINE accepted is never sent again. Recipients LINE listed in its
 *   `failed` array are reported failed.
 * - it failed in a way that provably did not deliver (HTTP 429 or 503, a connection never made, a 401
 *   the token rotation could not cure): `retry`s it with backoff (at least LINE's `Retry-After`), and
 *   after `maxAttempts` deliveries reports its recipients failed.
 * - it failed for good (a 4xx such as 422 unknown recipients, an invalid message) or may have been
 *   delivered (a timeout, HTTP 500/502/504): reports its recipients failed, with `maybeDelivered`, and
 *   never sends it again.
 *
 * Failed recipients are reported as a {@link BroadcastFailure} to `deadLetterQueue` and `onFailed`, or
 * logged at `error` when neither takes it; then the chunk is remembered and `ack`ed. When a chunk's
 * requests partly succeeded (a client with lower limits split it), the settled recipients are
 * remembered one by one (`<chunk id>/<MID>`) and only the others are retried. The returned function never rejects.
 *
 * @param options - `client` and `dedupe`; optionally `maxAttempts`, `retryDelaySeconds`, `concurrency`, `deadLetterQueue`, `onFailed`, `logger`
 * @returns `(batch) => Promise<void>`
 * @throws LineError at once for a missing client or dedupe store, or an invalid option
 */
export function createBroadcastConsumer(options: BroadcastConsumerOptions): (batch: QueueMessageBatch<unknown>) => Promise<void> {
  const caller = 'createBroadcastConsumer';
  if (options === null || typeof options !== 'object') throw new LineError(`${caller}: pass { client, dedupe }.`);
  checkOptionKeys(options, BROADCAST_CONSUMER_OPTION_KEYS, caller);
  const { client, dedupe, deadLetterQueue, onFailed } = options;
  if (typeof client?.send !== 'function') throw new LineError(`${caller}: client must be a LineClient (createClient).`);
  if (typeof dedupe?.has !== 'function' || typeof dedupe.add !== 'function') {
    throw new LineError(`${caller}: dedupe is required: a DedupeStore shared by every consumer (e.g. createKvDedupeStore(env.MY_KV)), so that a chunk LINE accepted is never sent twice.`);
  }
  if (deadLetterQueue !== undefined && typeof deadLetterQueue?.sendBatch !== 'function') throw new LineError(`${caller}: deadLetterQueue must be a Cloudflare Queues producer binding.`);
  if (onFailed !== undefined && typeof onFailed !== 'function') throw new LineError(`${caller}: onFailed must be a function.`);
  const maxAttempts = positiveInteger('maxAttempts', options.maxAttempts, 4, caller);
  const concurrency = positiveInteger('concurrency', options.concurrency, 6, caller);
  const delay = checkRetryDelay(options.retryDelaySeconds, caller);
  const logger = options.logger ?? defaultLogger;

  /** Logs without ever throwing: a broken logger must not break the batch. */
  function log(level: 'warn' | 'error', text: string, detail?: unknown): void {
    try {
      if (detail === undefined) logger[level](text);
      else logger[level](text, detail);
    } catch {
      // Nothing better to do.
    }
  }

  /** Sends `recipients` of `chunk` once and sorts them by what happened (never rejects). */
  async function attempt(chunk: BroadcastChunk, recipients: string[]): Promise<Outcome> {
    const requests: SendRequestResult[] = [];
    let thrown: unknown;
    try {
      const sendOptions: Parameters<LineClient['send']>[2] = { toType: chunk.toType, onRequest: (request) => void requests.push(request) };
      if (chunk.messageNotified !== undefined) sendOptions.messageNotified = chunk.messageNotified;
      await client.send(recipients, chunk.message, sendOptions);
    } catch (error) {
      // A SendError's report is the requests above, one by one.
      thrown = error;
    }
    const outcome: Outcome = { settled: [], failures: [], retry: { recipients: [], error: undefined, retryAfterMs: 0 } };
    const covered = new Set<string>();
    for (const request of requests) {
      for (const mid of request.recipients) covered.add(mid);
      if (request.ok) {
        const refused = new Set(request.failed);
        outcome.settled.push(...request.recipients);
        const listed = request.recipients.filter((mid) => refused.has(mid));
        if (listed.length > 0) {
          const error = new LineError(`POST /v1/events: LINE accepted the request (messageId ${request.messageId || 'none'}) but listed these recipients as failed.`);
          outcome.failures.push({ recipients: listed, error, maybeDelivered: false });
        }
      } else if (request.maybeDelivered || !mayRetry(request.error)) {
        outcome.settled.push(...request.recipients);
        outcome.failures.push({ recipients: request.recipients, error: request.error, maybeDelivered: request.maybeDelivered });
      } else {
        outcome.retry.recipients.push(...request.recipients);
        outcome.retry.error = request.error;
        if (request.error instanceof ApiError) outcome.retry.retryAfterMs = Math.max(outcome.retry.retryAfterMs, request.error.retryAfterMs ?? 0);
      }
    }
    // Recipients no request carried: the send failed before any request (nothing reached LINE).
    const rest = recipients.filter((mid) => !covered.has(mid));
    if (rest.length > 0) {
      if (thrown instanceof MessageValidationError) {
        outcome.settled.push(...rest);
        outcome.failures.push({ recipients: rest, error: thrown, maybeDelivered: false });
      } else {
        outcome.retry.recipients.push(...rest);
        outcome.retry.error ??= thrown ?? new LineError('client.send made no request for these recipients.');
      }
    }
    return outcome;
  }

  /** Hands one failure to the dead-letter queue and `onFailed`, or logs it. Never rejects. */
  async function report(chunk: BroadcastChunk, failure: Outcome['failures'][number], attempts: number): Promise<void> {
    const { error } = failure;
    const record: BroadcastFailure = {
      kind: broadcastFailureKind,
      broadcastId: chunk.broadcastId,
      chunkId: chunk.id,
      recipients: failure.recipients,
      error: { name: error.name, message: error.message },
      maybeDelivered: failure.maybeDelivered,
      attempts,
      message: chunk.message,
      toType: chunk.toType,
    };
    if (error instanceof ApiError) {
      record.error.status = error.status;
      if (error.statusCode !== undefined) record.error.statusCode = error.statusCode;
    }
    if (chunk.messageNotified !== undefined) record.messageNotified = chunk.messageNotified;
    let taken = false;
    if (deadLetterQueue !== undefined) {
      try {
        await deadLetterQueue.sendBatch([{ body: record, contentType: 'json' }]);
        taken = true;
      } catch (queueError) {
        log('error', `[line-business-connect] broadcast chunk ${chunk.id}: the dead-letter queue refused the failure report:`, queueError);
      }
    }
    if (onFailed !== undefined) {
      try {
        await onFailed(record);
        taken = true;
      } catch (callbackError) {
        log('error', `[line-business-connect] broadcast chunk ${chunk.id}: onFailed threw:`, callbackError);
      }
    }
    if (!taken) log('error', `[line-business-connect] broadcast chunk ${chunk.id}: ${record.recipients.length} recipient(s) not sent: ${error.name}: ${error.message}`, record);
  }

  /** Remembers that nothing is left to do for `chunk`; a store that fails is logged (the chunk is acknowledged anyway). */
  async function remember(chunk: BroadcastChunk): Promise<void> {
    try {
      await dedupe.add(chunk.id);
    } catch (error) {
      log('error', `[line-business-connect] broadcast chunk ${chunk.id} is done, but the dedupe store could not remember it (a repeat delivery would send it again):`, error);
    }
  }

  function retryLater(message: QueueMessage<unknown>, seconds: number, why: string, error: unknown): void {
    message.retry({ delaySeconds: seconds });
    log('warn', `[line-business-connect] ${why}; attempt ${message.attempts} of ${maxAttempts}, retrying in ${seconds} s:`, error);
  }

  async function consume(message: QueueMessage<unknown>): Promise<void> {
    const chunk = message.body;
    if (!isBroadcastChunk(chunk)) {
      // It can never be sent; retried, it ends in the queue's dead-letter queue instead of being lost.
      message.retry();
      log('error', `[line-business-connect] queue message ${message.id} is not a broadcast chunk (enqueueBroadcast makes them); retried so that it reaches the dead-letter queue.`);
      return;
    }
    const attempts = message.attempts;
    let pending = chunk.to;
    try {
      if ((await dedupe.has(chunk.id)) === true) return message.ack();
      if (attempts > 1 && (await dedupe.has(partKey(chunk, 'partial'))) === true) {
        const settled = await Promise.all(chunk.to.map((mid) => dedupe.has(partKey(chunk, mid))));
        pending = chunk.to.filter((_mid, index) => settled[index] !== true);
      }
    } catch (error) {
      // Nothing was sent: trying later is safe.
      return retryLater(message, retryDelaySeconds(delay, attempts), `broadcast chunk ${chunk.id}: the dedupe store failed`, error);
    }

    const outcome = pending.length > 0 ? await attempt(chunk, pending) : { settled: [], failures: [], retry: { recipients: [], error: undefined, retryAfterMs: 0 } };
    const { retry } = outcome;
    if (retry.recipients.length > 0 && attempts >= maxAttempts) {
      const error = retry.error instanceof LineError ? retry.error : new LineError('The send failed (see cause).', { cause: retry.error });
      outcome.failures.push({ recipients: retry.recipients, error, maybeDelivered: false });
      outcome.settled.push(...retry.recipients);
      retry.recipients = [];
    }
    for (const failure of outcome.failures) await report(chunk, failure, attempts);
    if (retry.recipients.length === 0) {
      await remember(chunk);
      return message.ack();
    }
    if (outcome.settled.length > 0) {
      // Part of the chunk is done: remember who, so that the retry sends only the others.
      try {
        await Promise.all(outcome.settled.map((mid) => dedupe.add(partKey(chunk, mid))));
        await dedupe.add(partKey(chunk, 'partial'));
      } catch (error) {
        // A retry would resend what LINE accepted: give the rest up instead.
        await report(chunk, { recipients: retry.recipients, error: new LineError('Not sent: the dedupe store could not remember which recipients of the chunk were already sent (see cause).', { cause: error }), maybeDelivered: false }, attempts);
        await remember(chunk);
        return message.ack();
      }
    }
    const seconds = retryDelaySeconds(delay, attempts, retry.retryAfterMs);
    retryLater(message, seconds, `broadcast chunk ${chunk.id}: ${retry.recipients.length} recipient(s) not sent yet`, retry.error);
  }

  return async (batch) => {
    // Two copies of one chunk in a batch (it was enqueued twice) run one after the other, so that the
    // second finds the first one's id in the dedupe store instead of racing it.
    const byChunk = new Map<string, Promise<void>>();
    await runWithConcurrency(batch.messages, concurrency, async (message) => {
      const id = isBroadcastChunk(message.body) ? message.body.id : undefined;
      const before = id === undefined ? undefined : byChunk.get(id);
      const run = (before ?? Promise.resolve()).then(() => consume(message)).catch((error: unknown) => {
        // Only a bug gets here (consume catches what it calls): the message comes back later.
        message.retry();
        log('error', `[line-business-connect] broadcast queue message ${message.id} failed unexpectedly; retried:`, error);
      });
      if (id !== undefined) byChunk.set(id, run);
      await run;
    });
  };
}

/** Key of a part of a chunk's progress: `<chunk id>/<MID>`, or `<chunk id>/partial` once any part is remembered. */
function partKey(chunk: BroadcastChunk, part: string): string {
  return `${chunk.id}/${part}`;
}

/**
 * Whether a failed request that did not deliver may succeed later: 401 (the token may be renewed by
 * then), 429 and 503, a connection never made, and errors of the token provider or store; not a 4xx
 * LINE refused the request with, nor an invalid message.
 */
function mayRetry(error: LineError): boolean {
  if (error instanceof ApiError) return error.status === 401 || isRetryable(error, 'send', false);
  if (error instanceof MessageValidationError) return false;
  return true;
}
