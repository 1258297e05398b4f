import { LineError } from '../errors.js';
import type { LineEvent, MessageEvent, OperationEvent, UnknownEvent } from '../events/line-event.js';
import { defaultLogger, type Logger } from '../logger.js';
import { checkOptionKeys, optionKeys } from '../option-keys.js';
import { eventDedupeKey } from '../webhook/event-dedupe-key.js';
import type { DedupeStore } from '../webhook/webhook-handler-options.js';
import type { QueueMessage, QueueMessageBatch } from './queue-types.js';
import { checkRetryDelay, retryDelaySeconds, type RetryDelay } from './retry-delay.js';

/** The second argument of every callback of {@link createEventConsumer}. */
export interface EventConsumerContext {
  /** The queue message that carried the event (`attempts` counts its deliveries, this one included). */
  message: QueueMessage<unknown>;
}

/** The second argument of `onError` of {@link createEventConsumer}. */
export interface EventConsumerErrorContext extends EventConsumerContext {
  /**
   * `callback`: one of your callbacks threw; `dedupe`: the dedupe store threw; `message`: the body is
   * not a LINE event (a message put on this queue by something else).
   */
  phase: 'callback' | 'dedupe' | 'message';
  /** The event, when the body was one. */
  event?: LineEvent;
  /**
   * The `delaySeconds` of the retry; undefined when the message was acknowledged anyway (the dedupe
   * store failed to remember an event that was handled).
   */
  retryDelaySeconds?: number;
}

/** Options of {@link createEventConsumer}. */
export interface EventConsumerOptions {
  /**
   * Remembers handled events (keys of {@link eventDedupeKey}) so that a repeat is acknowledged without
   * running the callbacks: Queues deliver at least once, and LINE redelivers a batch whose enqueue
   * failed half-way. Use a store shared by every consumer, e.g. {@link createKvDedupeStore}. Default:
   * none (every delivery of an event runs the callbacks).
   */
  dedupe?: DedupeStore;
  /** Called for every message event. Default: none. */
  onMessage?(event: MessageEvent, context: EventConsumerContext): unknown;
  /** Called for every operation event, after its own callback (`onAddedAsFriend`…). Default: none. */
  onOperation?(event: OperationEvent, context: EventConsumerContext): unknown;
  /** Called when a user added the account as a friend or unblocked it (opType 4). Default: none. */
  onAddedAsFriend?(event: OperationEvent, context: EventConsumerContext): unknown;
  /** Called when a user blocked the account (opType 8): delete what you hold about them (see the webhook handler's `onBlocked`). Default: none. */
  onBlocked?(event: OperationEvent, context: EventConsumerContext): unknown;
  /** Called when the bot was invited to a group (opType 5); `event.operation.chat` is the group. Default: none. */
  onInvitedToGroup?(event: OperationEvent, context: EventConsumerContext): unknown;
  /** Called when the bot was added to a room (opType 7); `event.operation.chat` is the room. Default: none. */
  onAddedToRoom?(event: OperationEvent, context: EventConsumerContext): unknown;
  /** Called for events with an unknown `eventType` or content that failed validation. Default: none. */
  onUnknown?(event: UnknownEvent, context: EventConsumerContext): unknown;
  /** Called for every failure (`context.retryDelaySeconds` says whether the message is retried). An error it throws is ignored. Default: none; failures go to `logger.error`. */
  onError?(error: unknown, context: EventConsumerErrorContext): unknown;
  /** Delay before a failed message is delivered again. Default: 10 s doubling per attempt, at most 10 minutes. */
  retryDelaySeconds?: RetryDelay;
  /** Where failures are logged when there is no `onError`. Default: {@link defaultLogger}. */
  logger?: Logger;
}

const CALLBACKS = ['onMessage', 'onOperation', 'onAddedAsFriend', 'onBlocked', 'onInvitedToGroup', 'onAddedToRoom', 'onUnknown', 'onError'] as const;
const EVENT_CONSUMER_OPTION_KEYS = optionKeys<EventConsumerOptions>()(['dedupe', ...CALLBACKS, 'retryDelaySeconds', 'logger']);

/**
 * Creates the consumer of the queue {@link createIngestHandler} fills: call it from the Worker's
 * `queue(batch)` handler. Each message holds one decoded event; they are handled one at a time in batch
 * order. For each: a repeat known to `dedupe` is acknowledged at once; otherwise its callbacks run (as in
 * `createWebhookHandler`: `onMessage`; the operation's own callback, then `onOperation`; `onUnknown`), and
 * the message is `ack`ed when they all succeeded (the key is added to `dedupe` first), or `retry`ed with
 * backoff when one threw (the later callbacks of that event do not run; the whole event runs again).
 * A dedupe store that throws also retries the message: unlike a webhook, a queue can try again later
 * without losing anything. After the queue's `max_retries`, Cloudflare moves the message to its
 * dead-letter queue. The returned function never rejects.
 *
 * @param options - callbacks, `dedupe`, `onError`, `retryDelaySeconds`, `logger`
 * @returns `(batch) => Promise<void>`
 * @throws LineError at once for an invalid `retryDelaySeconds` or a callback that is not a function
 */
export function createEventConsumer(options: EventConsumerOptions): (batch: QueueMessageBatch<unknown>) => Promise<void> {
  if (options === null || typeof options !== 'object') throw new LineError('createEventConsumer: pass an options object.');
  checkOptionKeys(options, EVENT_CONSUMER_OPTION_KEYS, 'createEventConsumer');
  for (const name of CALLBACKS) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw new LineError(`createEventConsumer: ${name} must be a function.`);
  }
  const { dedupe, onMessage, onOperation, onUnknown, onError } = options;
  // The callback of each operation type, named after it, as in createWebhookHandler.
  const byOperation = { addedAsFriend: options.onAddedAsFriend, blocked: options.onBlocked, invitedToGroup: options.onInvitedToGroup, addedToRoom: options.onAddedToRoom, unknown: undefined };
  const delay = checkRetryDelay(options.retryDelaySeconds, 'createEventConsumer');
  const logger = options.logger ?? defaultLogger;

  async function dispatch(event: LineEvent, context: EventConsumerContext): Promise<void> {
    switch (event.type) {
      case 'message':
        await onMessage?.(event, context);
        return;
      case 'operation': {
        await byOperation[event.operation.type]?.(event, context);
        await onOperation?.(event, context);
        return;
      }
      default:
        await onUnknown?.(event, context);
    }
  }

  /** Hands a failure to `onError`, else logs it at `error`. Never rejects. */
  async function report(error: unknown, context: EventConsumerErrorContext): Promise<void> {
    const { message, event, phase, retryDelaySeconds: seconds } = context;
    try {
      if (onError) await onError(error, context);
      else if (seconds === undefined) logger.error(`[line-business-connect] queued event ${describe(message, event)} was handled, but the dedupe store could not remember it:`, error);
      else logger.error(`[line-business-connect] queued event ${describe(message, event)} failed (${phase}) on attempt ${message.attempts}; retrying in ${seconds} s:`, error);
    } catch {
      // An onError (or a logger) that throws must not stop the batch.
    }
  }

  function retry(message: QueueMessage<unknown>, error: unknown, phase: EventConsumerErrorContext['phase'], event?: LineEvent): Promise<void> {
    const seconds = retryDelaySeconds(delay, message.attempts);
    message.retry({ delaySeconds: seconds });
    const context: EventConsumerErrorContext = { message, phase, retryDelaySeconds: seconds };
    if (event !== undefined) context.event = event;
    return report(error, context);
  }

  async function consume(message: QueueMessage<unknown>): Promise<void> {
    const event = message.body;
    if (!isLineEvent(event)) {
      return retry(message, new LineError(`Queue message ${message.id} is not a LINE event (createIngestHandler puts one decoded event in each message).`), 'message');
    }
    const key = dedupe === undefined ? undefined : eventDedupeKey(event);
    if (key !== undefined) {
      try {
        if ((await dedupe!.has(key)) === true) return message.ack();
      } catch (error) {
        return retry(message, error, 'dedupe', event);
      }
    }
    try {
      await dispatch(event, { message });
    } catch (error) {
      return retry(message, error, 'callback', event);
    }
    if (key !== undefined) {
      try {
        await dedupe!.add(key);
      } catch (error) {
        // Handled already: acknowledged anyway; only a later repeat could run it again.
        message.ack();
        return report(error, { message, phase: 'dedupe', event });
      }
    }
    message.ack();
  }

  return async (batch) => {
    for (const message of batch.messages) await consume(message);
  };
}

/** A body that has the shape of a decoded {@link LineEvent}. */
function isLineEvent(body: unknown): body is LineEvent {
  if (body === null || typeof body !== 'object') return false;
  const event = body as { type?: unknown; message?: { type?: unknown }; operation?: { type?: unknown } };
  if (event.type === 'message') return typeof event.message?.type === 'string';
  if (event.type === 'operation') return typeof event.operation?.type === 'string';
  return event.type === 'unknown';
}

function describe(message: QueueMessage<unknown>, event: LineEvent | undefined): string {
  return event === undefined ? message.id : (eventDedupeKey(event) ?? `${event.type} (message ${message.id})`);
}
