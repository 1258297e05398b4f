// A LINE Business Connect webhook on Cloudflare Workers (no nodejs_compat needed).
// Run locally: cd examples/cloudflare-worker && npx wrangler dev   (secret in .dev.vars: LINE_CHANNEL_SECRET=…)
// Deploy:      npx wrangler secret put LINE_CHANNEL_SECRET && npx wrangler deploy
//
// Secrets are env bindings, handed to each request, so the handler is made on the first request.
// With ctx (the ExecutionContext) the handler answers LINE 200 at once and keeps working under
// ctx.waitUntil: the Worker is not cut off mid-work after it answered.
import { createWebhookHandler } from 'line-business-connect';

let handler;

export default {
  /**
   * @param {Request} request
   * @param {{ LINE_CHANNEL_SECRET: string }} env
   * @param {{ waitUntil(promise: Promise<unknown>): void }} ctx
   */
  async fetch(request, env, ctx) {
    if (new URL(request.url).pathname !== '/callback') return new Response('Not found', { status: 404 });
    handler ??= createWebhookHandler({
      channelSecret: env.LINE_CHANNEL_SECRET,
      onMessage: (event) => {
        const { message } = event;
        console.log(message.type === 'text' ? `text from ${message.from}: ${message.text}` : `${message.type} message from ${message.from}`);
      },
      onAddedAsFriend: (event) => console.log(`followed by ${event.operation.mid}`),
      onBlocked: (event) => console.log(`blocked by ${event.operation.mid}`),
    });
    return handler(request, ctx);
  },
};
