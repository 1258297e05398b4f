import { LineError } from '../errors.js';

/**
 * Messages could not all be put on a Cloudflare Queue: `sendBatch` rejected (the queue is over its
 * throughput or backlog limit, or unreachable), or one message is larger than Queues accept. The
 * messages of the calls before the failing one are on the queue: `sent` says how many. `cause` is
 * the queue's own error.
 */
export class EnqueueError extends LineError {
  /** Messages already on the queue when it failed (they stay there). */
  declare readonly sent: number;

  constructor(message: string, sent: number, options?: { cause?: unknown }) {
    super(message, options);
    this.sent = sent;
  }
}
