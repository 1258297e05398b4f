// A LINE Business Connect webhook in an Express 5 app.
// Run: LINE_CHANNEL_SECRET=<channel secret> node examples/express/server.mjs   (PORT default 3000)
//
// The signature covers the raw body bytes, so the webhook route must see the body before
// express.json() parses it: register it first (as here), or give it express.raw({ type: 'application/json' }).
import express from 'express';
import { pathToFileURL } from 'node:url';
import { createNodeMiddleware } from 'line-business-connect/node';

/** The Express app: POST /callback for LINE, and JSON routes for everything else. */
export function createApp({ channelSecret, log = console.log }) {
  const app = express();

  app.post(
    '/callback',
    createNodeMiddleware({
      channelSecret,
      onMessage: (event) => {
        const { message } = event;
        log(message.type === 'text' ? `text from ${message.from}: ${message.text}` : `${message.type} message from ${message.from}`);
      },
      onAddedAsFriend: (event) => log(`followed by ${event.operation.mid}`),
      onBlocked: (event) => log(`blocked by ${event.operation.mid}`),
    }),
  );

  // Other routes may parse JSON: the parser is mounted after the webhook route.
  app.use(express.json());
  app.post('/echo', (req, res) => res.json(req.body));

  return app;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 3000);
  createApp({ channelSecret: process.env.LINE_CHANNEL_SECRET }).listen(port, () => {
    console.log(`LINE webhook listening on http://localhost:${port}/callback`);
  });
}
