// A LINE Business Connect webhook on Node's own http server, no framework.
// Run: LINE_CHANNEL_SECRET=<channel secret> node examples/node-http/server.mjs   (PORT default 3000)
// Then set the event endpoint URL to https://<your host>/callback (LINE needs HTTPS: put a TLS proxy in front).
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createNodeMiddleware } from 'line-business-connect/node';

/**
 * The webhook server: POST /callback is verified with the channel secret, anything else is 404/405.
 * Node has no waitUntil, so the callbacks run before LINE gets its 200 (respond: 'auto').
 */
export function createWebhookServer({ channelSecret, log = console.log }) {
  const webhook = createNodeMiddleware({
    channelSecret,
    path: '/callback',
    onMessage: (event) => {
      const { message } = event;
      log(message.type === 'text' ? `text from ${message.from}: ${message.text}` : `${message.type} message from ${message.from}`);
    },
    onAddedAsFriend: (event) => log(`followed by ${event.operation.mid}`),
    // LINE's FAQ: delete everything you hold about a user who blocked the account.
    onBlocked: (event) => log(`blocked by ${event.operation.mid}`),
  });
  return createServer(webhook);
}

// Started only when run directly, so tests can import createWebhookServer without side effects.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 3000);
  createWebhookServer({ channelSecret: process.env.LINE_CHANNEL_SECRET }).listen(port, () => {
    console.log(`LINE webhook listening on http://localhost:${port}/callback`);
  });
}
