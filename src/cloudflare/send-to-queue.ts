import { utf8Length } from '../client/build-send-payload.js';
import { EnqueueError } from './enqueue-error.js';
import { QueueLimits } from './queue-limits.js';
import type { QueueProducer, QueueSendRequest } from './queue-types.js';

/**
 * Puts `bodies` on `queue` as JSON messages, in order, in as few `sendBatch` calls as Cloudflare's
 * limits allow: at most 100 messages and 256 KB per call, each message at most 128 KB (sizes counted as
 * the UTF-8 JSON text plus Cloudflare's metadata, see {@link QueueLimits}). Bodies are read as needed,
 * so an async source of any length is sent holding one call's worth.
 *
 * @param what - names one body in errors, e.g. `event 3 of the delivery`
 * @returns how many messages were sent
 * @throws EnqueueError when a body is too large or a `sendBatch` call rejects (with `sent` so far)
 */
export async function sendToQueue<Body>(
  queue: QueueProducer<Body>,
  bodies: Iterable<Body> | AsyncIterable<Body>,
  what: (index: number) => string,
): Promise<number> {
  let batch: QueueSendRequest<Body>[] = [];
  let batchBytes = 0;
  let sent = 0;
  let index = 0;
  const flush = async () => {
    try {
      await queue.sendBatch(batch);
    } catch (error) {
      throw new EnqueueError(
        `Cloudflare Queues refused a sendBatch of ${batch.length} message(s) after ${sent} were sent: ${error instanceof Error ? error.message : String(error)}`,
        sent,
        { cause: error },
      );
    }
    sent += batch.length;
    batch = [];
    batchBytes = 0;
  };
  for await (const body of bodies) {
    const bytes = utf8Length(JSON.stringify(body)) + QueueLimits.metadataBytes;
    if (bytes > QueueLimits.messageBytes) {
      throw new EnqueueError(
        `${what(index)} is ${bytes} bytes as a queue message (JSON and metadata); Cloudflare Queues take at most ${QueueLimits.messageBytes}. Only ${sent} message(s) were sent.`,
        sent,
      );
    }
    if (batch.length === QueueLimits.batchMessages || batchBytes + bytes > QueueLimits.batchBytes) await flush();
    batch.push({ body, contentType: 'json' });
    batchBytes += bytes;
    index++;
  }
  if (batch.length > 0) await flush();
  return sent;
}
