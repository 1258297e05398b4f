// A LINE Business Connect webhook as a Next.js App Router route handler.
// Copy to app/callback/route.ts; set LINE_CHANNEL_SECRET in .env.local / the project's environment.
// The event endpoint URL is then https://<your domain>/callback. Works on the Node.js and Edge runtimes.
//
// Route handlers get the Web Request untouched, so the raw body is available as is. On Next.js 15+,
// to answer LINE first and process after, pass `after` as waitUntil:
//   import { after } from 'next/server';   ...   return webhook()(request, { waitUntil: after });
import { createWebhookHandler, type WebhookHandler } from 'line-business-connect';

let handler: WebhookHandler | undefined;

/** Created on the first request, so `next build` does not need the secret. */
function webhook(): WebhookHandler {
  handler ??= createWebhookHandler({
    channelSecret: process.env.LINE_CHANNEL_SECRET ?? '',
    onMessage: (event) => {
      const { message } = event;
      console.log(message.type === 'text' ? `text from ${message.from}: ${message.text}` : `${message.type} message from ${message.from}`);
    },
    onAddedAsFriend: (event) => console.log(`followed by ${event.operation.mid}`),
    onBlocked: (event) => console.log(`blocked by ${event.operation.mid}`),
  });
  return handler;
}

/** POST /callback: LINE's deliveries. Other methods get Next.js's own 405. */
export async function POST(request: Request): Promise<Response> {
  return webhook()(request);
}
