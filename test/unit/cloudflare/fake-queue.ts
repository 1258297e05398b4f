// Stand-ins for Cloudflare's queue bindings in the Node tests of the cloudflare entry: a producer that
// records every sendBatch call (and can be told to refuse one), and consumer messages that record their
// ack/retry. The same code runs against Miniflare's real local Queues in test/runtimes/cloudflare-queues.test.ts.
import type { QueueMessage, QueueMessageBatch, QueueProducer, QueueSendRequest } from '../../../src/cloudflare/index.js';

/** A producer that records each call's messages; `refuseCall` makes that call (0-based) reject. */
export function recordingQueue<Body>(refuseCall?: number): QueueProducer<Body> & { calls: QueueSendRequest<Body>[][] } {
  const calls: QueueSendRequest<Body>[][] = [];
  let index = 0;
  return {
    calls,
    async sendBatch(messages) {
      if (index++ === refuseCall) throw new Error('Queue send failed: Too Many Requests');
      calls.push([...messages]);
    },
  };
}

/** A consumer message whose ack/retry are recorded in `outcome`. */
export interface FakeMessage<Body> extends QueueMessage<Body> {
  outcome: { acked: boolean; retried: boolean; delaySeconds: number | undefined };
}

let counter = 0;

export function fakeMessage<Body>(body: Body, attempts = 1): FakeMessage<Body> {
  const outcome = { acked: false, retried: false, delaySeconds: undefined as number | undefined };
  return {
    id: `message-${++counter}`,
    body,
    attempts,
    outcome,
    ack: () => void (outcome.acked = true),
    retry: (options) => {
      outcome.retried = true;
      outcome.delaySeconds = options?.delaySeconds;
    },
  };
}

export function batchOf<Body>(messages: QueueMessage<Body>[], queue = 'test-queue'): QueueMessageBatch<Body> {
  return { queue, messages };
}

/** A DedupeStore on a Set, with the keys visible. */
export function setDedupe(): { keys: Set<string>; has(key: string): boolean; add(key: string): void } {
  const keys = new Set<string>();
  return { keys, has: (key) => keys.has(key), add: (key) => void keys.add(key) };
}
