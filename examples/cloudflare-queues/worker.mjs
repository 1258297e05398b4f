// A LINE Business Connect bot on Cloudflare Workers past one isolate (see docs/scaling.md):
// - POST /callback: durable ingest. Each delivery is verified and its events put on the line-events
//   queue before LINE gets its 200; a queue consumer answers them, with retries and a dead-letter queue.
// - POST /broadcast (Authorization: Bearer <ADMIN_TOKEN>, body {"to":[MIDs],"text":"…"}): the
//   recipients are put on the line-broadcast queue, one LINE request per message; the consumer sends
//   them, never twice, and reports who finally failed on line-broadcast-failed.
// - ChannelTokenObject: the one channel token pair every isolate uses; one reissue per rotation.
// Run locally: cd examples/cloudflare-queues && npx wrangler dev   (secrets in .dev.vars)
import { createClient, createRefreshingToken, MessageValidationError, text } from 'line-business-connect';
import {
  ChannelTokenObject,
  createBroadcastConsumer,
  createDurableTokenStore,
  createEventConsumer,
  createIngestHandler,
  createKvDedupeStore,
  enqueueBroadcast,
} from 'line-business-connect/cloudflare';

// The Durable Object class must be exported by the Worker's main module.
export { ChannelTokenObject };

let bot;

/** Made once per isolate, on the first request or batch: secrets and bindings come with env. */
function botFor(env) {
  if (bot) return bot;
  const dedupe = createKvDedupeStore(env.LINE_DEDUPE);
  const client = createClient({
    channelToken: createRefreshingToken({
      store: createDurableTokenStore(env.LINE_TOKEN),
      // Fill the empty token object once; after that the stored pair wins.
      accessToken: env.LINE_CHANNEL_TOKEN,
      refreshToken: env.LINE_REFRESH_TOKEN,
      channelSecret: env.LINE_CHANNEL_SECRET,
    }),
  });
  bot = {
    ingest: createIngestHandler({ channelSecret: env.LINE_CHANNEL_SECRET, queue: env.LINE_EVENTS }),
    events: createEventConsumer({
      dedupe,
      onMessage: async ({ message }) => {
        if (message.type === 'text') await client.reply(message, text(`You said: ${message.text}`));
      },
      onAddedAsFriend: async (event) => {
        await client.send(event.operation.mid, text('Thanks for adding us!'));
      },
      onBlocked: (event) => console.log(`blocked by ${event.operation.mid}: delete what we hold about them`),
    }),
    // maxAttempts = max_retries + 1 of the line-broadcast consumer in wrangler.toml.
    broadcast: createBroadcastConsumer({ client, dedupe, deadLetterQueue: env.LINE_BROADCAST_FAILED, maxAttempts: 6 }),
  };
  return bot;
}

/** Compares the Authorization header with the admin token in constant time. */
async function isAdmin(request, env) {
  const given = new TextEncoder().encode(request.headers.get('authorization') ?? '');
  const expected = new TextEncoder().encode(`Bearer ${env.ADMIN_TOKEN}`);
  return given.byteLength === expected.byteLength && crypto.subtle.timingSafeEqual(given, expected);
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === '/callback') return botFor(env).ingest(request);
    if (pathname === '/broadcast' && request.method === 'POST') {
      if (!(await isAdmin(request, env))) return new Response('Unauthorized', { status: 401 });
      try {
        const { to, text: body } = await request.json();
        const enqueued = await enqueueBroadcast(env.LINE_BROADCAST, { to, message: text(body) });
        return Response.json(enqueued, { status: 202 });
      } catch (error) {
        // A bad MID or message is refused before anything is enqueued.
        if (error instanceof MessageValidationError) return Response.json({ error: error.message }, { status: 400 });
        throw error;
      }
    }
    return new Response('Not found', { status: 404 });
  },

  async queue(batch, env) {
    const { events, broadcast } = botFor(env);
    if (batch.queue === 'line-events') return events(batch);
    if (batch.queue === 'line-broadcast') return broadcast(batch);
    if (batch.queue === 'line-broadcast-failed') {
      for (const { body } of batch.messages) {
        // A BroadcastFailure (or, if the Worker kept crashing, a chunk Cloudflare moved here as it was).
        const recipients = body.recipients ?? body.to;
        console.error(`broadcast ${body.broadcastId}: ${recipients.length} recipient(s) not sent: ${body.error?.message ?? 'retries exhausted'}`);
      }
    }
  },
};
