import { LineError } from '../errors.js';
import { checkOptionKeys, optionKeys } from '../option-keys.js';
import type { LineEvent } from '../events/line-event.js';
import { createWebhookHandler } from '../webhook/create-webhook-handler.js';
import type { WebhookHandlerOptions } from '../webhook/webhook-handler-options.js';
import type { QueueProducer } from './queue-types.js';
import { sendToQueue } from './send-to-queue.js';

/** Options of {@link createIngestHandler}. */
export interface IngestHandlerOptions extends Pick<WebhookHandlerOptions, 'channelSecret' | 'maxBodyBytes' | 'logger'> {
  /**
   * The queue the events go to (a producer binding, `env.LINE_EVENTS`): one JSON message per decoded
   * event, read by {@link createEventConsumer}. Required.
   */
  queue: QueueProducer<LineEvent>;
  /**
   * Called for a rejected delivery (`phase: 'request'`, as in `createWebhookHandler`) and for a failed
   * enqueue (`phase: 'callback'`, with the {@link EnqueueError}). Default: none; a failed enqueue then goes
   * to `logger.error`.
   */
  onError?: WebhookHandlerOptions['onError'];
}

const INGEST_HANDLER_OPTION_KEYS = optionKeys<IngestHandlerOptions>()(['channelSecret', 'maxBodyBytes', 'logger', 'queue', 'onError']);

/**
 * Creates the webhook endpoint of durable ingest: it verifies and decodes each delivery as
 * {@link createWebhookHandler} does (same statuses: 401, 400, 413, 405, same rate-limited `warn` log),
 * puts every event on `queue` as its own message (`sendBatch` calls within Cloudflare's limits, see
 * {@link QueueLimits}), and answers LINE 200 only once the queue took them all. When the queue refuses
 * them it answers 500, so LINE counts the delivery as failed; the {@link EnqueueError} goes to `onError`
 * (`phase: 'callback'`) or `logger.error`. Events put on the queue before such a failure stay there: a
 * redelivery repeats them, and the consumer's dedupe store skips the repeats.
 *
 * The events are then handled by a queue consumer ({@link createEventConsumer}), with Cloudflare's
 * retries and dead-letter queue, instead of under `ctx.waitUntil`, where work is lost when the
 * isolate dies.
 *
 * @param options - `channelSecret`, `queue`; optionally `maxBodyBytes`, `onError`, `logger`
 * @returns `(request) => Promise<Response>`: call it from the Worker's `fetch`
 * @throws LineError at once for an empty secret or a `queue` without `sendBatch`
 */
export function createIngestHandler(options: IngestHandlerOptions): (request: Request) => Promise<Response> {
  const queue = options?.queue;
  if (typeof queue?.sendBatch !== 'function') {
    throw new LineError('createIngestHandler: queue must be a Cloudflare Queues producer binding (env.MY_QUEUE, with sendBatch).');
  }
  checkOptionKeys(options, INGEST_HANDLER_OPTION_KEYS, 'createIngestHandler');
  const { channelSecret, maxBodyBytes, onError, logger } = options;
  const handler = createWebhookHandler({
    channelSecret,
    maxBodyBytes,
    onError,
    logger,
    // The answer waits for the enqueue: a 200 tells LINE the events are safe.
    respond: 'after-processing',
    onEvents: async (events) => {
      await sendToQueue(queue, events, (index) => `event ${index} of the delivery`);
    },
  });
  return (request) => handler(request);
}
