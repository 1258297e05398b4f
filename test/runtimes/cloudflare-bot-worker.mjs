// The bot of the Cloudflare tests (cloudflare-queues.test.ts), bundled with the BUILT package as wrangler
// does and run by Miniflare in workerd, with local Queues, a Durable Object and KV. Its LINE is the fake
// LINE worker (cloudflare-line-worker.mjs), reached through the default fetch (globalOutbound).
// - POST /callback: createIngestHandler onto EVENTS, whose producer refuses a share of the sendBatch calls;
// - queue line-events: createEventConsumer whose callbacks throw at random on the first three attempts;
// - POST /__test/broadcast {count, from?, id?, failEnqueueAfter?}: enqueueBroadcast of users from..from+count;
// - queue line-broadcast: createBroadcastConsumer, spread over INSTANCES clients, each with its own
//   createRefreshingToken on the one ChannelTokenObject, as separate isolates would be; a share of the
//   messages lose their ack (as if the Worker died between the send and the ack) and the batch throws;
// - queue line-broadcast-failed: collects the BroadcastFailure reports;
// - GET /__test/stats: what happened.
import { createClient, createRefreshingToken, text } from '../../dist/index.js';
import {
  ChannelTokenObject,
  createBroadcastConsumer,
  createDurableTokenStore,
  createEventConsumer,
  createIngestHandler,
  createKvDedupeStore,
  enqueueBroadcast,
  EnqueueError,
} from '../../dist/cloudflare.js';
import { midOf } from './cloudflare-mids.mjs';

export { ChannelTokenObject };

const INSTANCES = 3;
let settings = { enqueueFailure: 0, throwProbability: 0, lostAcks: 0, seed: 7 };
let seed = 7;
const stats = { handled: {}, callbackThrows: 0, enqueueRefusals: 0, failures: [], lostAcks: 0, instances: [] };

// Seeded, so a failing run can be repeated.
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const quiet = { debug() {}, info() {}, warn() {}, error: (...args) => console.error(...args) };

/** A producer that refuses a share of the calls, as a queue over its limits would. */
function flaky(queue, counter) {
  return {
    async sendBatch(messages, options) {
      if (random() < settings.enqueueFailure) {
        stats[counter]++;
        throw new Error('Queue send failed: Too Many Requests (injected)');
      }
      return queue.sendBatch(messages, options);
    },
  };
}

let ingest;
let events;
let instances;

function setup(env) {
  // onError: the refused enqueues are counted (enqueueRefusals); the default would log each one.
  ingest = createIngestHandler({ channelSecret: env.LINE_CHANNEL_SECRET, queue: flaky(env.EVENTS, 'enqueueRefusals'), logger: quiet, onError: () => {} });
  const dedupe = createKvDedupeStore(env.DEDUPE);
  const record = (event) => {
    const key = event.type === 'message' ? event.message.id : `${event.operation.mid}:${event.operation.revision}`;
    stats.handled[key] = (stats.handled[key] ?? 0) + 1;
  };
  const maybeThrow = (context) => {
    if (context.message.attempts < 4 && random() < settings.throwProbability) {
      stats.callbackThrows++;
      throw new Error('handler failed (injected)');
    }
  };
  events = createEventConsumer({
    dedupe,
    retryDelaySeconds: 0,
    // Counted by the test (callbackThrows); the default would log each one.
    onError: () => {},
    onMessage: (event, context) => {
      maybeThrow(context);
      record(event);
    },
    onAddedAsFriend: (event, context) => maybeThrow(context),
    onOperation: (event) => record(event),
  });
  const store = createDurableTokenStore(env.LINE_TOKEN);
  instances = Array.from({ length: INSTANCES }, () => {
    const tokens = createRefreshingToken({
      store,
      accessToken: env.LINE_CHANNEL_TOKEN,
      refreshToken: env.LINE_REFRESH_TOKEN,
      channelSecret: env.LINE_CHANNEL_SECRET,
      pollMs: 10,
      logger: quiet,
    });
    const client = createClient({ channelToken: tokens, retry: false, logger: quiet });
    return createBroadcastConsumer({ client, dedupe, deadLetterQueue: env.FAILED, retryDelaySeconds: 0, maxAttempts: 4, logger: quiet });
  });
}

export default {
  async fetch(request, env) {
    if (ingest === undefined) setup(env);
    const url = new URL(request.url);
    if (url.pathname === '/callback') return ingest(request);
    if (url.pathname === '/__test/settings') {
      settings = { ...settings, ...(await request.json()) };
      seed = settings.seed;
      return Response.json(settings);
    }
    if (url.pathname === '/__test/broadcast') {
      const { count, from = 0, id, failEnqueueAfter } = await request.json();
      const to = Array.from({ length: count }, (_, index) => midOf(from + index));
      let calls = 0;
      // failEnqueueAfter: the queue refuses the call after that many, once; enqueue again with the same id.
      const queue = {
        sendBatch: (messages) => {
          if (calls++ === failEnqueueAfter) return Promise.reject(new Error('Queue send failed (injected)'));
          return env.BROADCAST.sendBatch(messages);
        },
      };
      const message = text('Spring sale: 20% off this week');
      try {
        return Response.json(await enqueueBroadcast(queue, { to, message, id }));
      } catch (error) {
        if (!(error instanceof EnqueueError)) throw error;
        const first = error.sent;
        const again = await enqueueBroadcast(queue, { to, message, id });
        return Response.json({ ...again, firstAttemptSent: first, error: error.message });
      }
    }
    if (url.pathname === '/__test/stats') return Response.json(stats);
    return new Response('Not found', { status: 404 });
  },

  async queue(batch, env) {
    if (events === undefined) setup(env);
    if (batch.queue === 'line-events') return events(batch);
    if (batch.queue === 'line-broadcast-failed') {
      for (const message of batch.messages) {
        stats.failures.push(message.body);
        message.ack();
      }
      return;
    }
    // line-broadcast: the batch is spread over the instances; some messages lose their ack.
    let lost = 0;
    const parts = Array.from({ length: INSTANCES }, () => []);
    batch.messages.forEach((message, index) => {
      if (message.attempts === 1 && random() < settings.lostAcks) {
        lost++;
        parts[index % INSTANCES].push({ get id() { return message.id; }, get body() { return message.body; }, get attempts() { return message.attempts; }, ack() {}, retry: (options) => message.retry(options) });
      } else {
        parts[index % INSTANCES].push(message);
      }
    });
    await Promise.all(parts.map((messages, index) => instances[index]({ queue: batch.queue, messages })));
    stats.lostAcks += lost;
    // Un-acked messages come back: as when the Worker dies after sending.
    if (lost > 0) throw new Error(`${lost} ack(s) lost (injected)`);
  },
};
