// A LINE Business Connect webhook in a Fastify 5 app.
// Run: LINE_CHANNEL_SECRET=<channel secret> node examples/fastify/server.mjs   (PORT default 3000)
//
// Fastify parses JSON bodies, but the signature covers the raw bytes: inside the webhook's own plugin
// scope, a buffer parser for application/json keeps them; other routes still get parsed JSON.
import Fastify from 'fastify';
import { pathToFileURL } from 'node:url';
import { createFastifyHandler } from 'line-business-connect/node';

/** The Fastify app: POST /callback for LINE, and JSON routes for everything else. */
export function createApp({ channelSecret, log = console.log }) {
  const app = Fastify();

  app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => done(null, body));
    scope.post(
      '/callback',
      createFastifyHandler({
        channelSecret,
        onMessage: (event) => {
          const { message } = event;
          log(message.type === 'text' ? `text from ${message.from}: ${message.text}` : `${message.type} message from ${message.from}`);
        },
        onAddedAsFriend: (event) => log(`followed by ${event.operation.mid}`),
        onBlocked: (event) => log(`blocked by ${event.operation.mid}`),
      }),
    );
  });

  // Outside the webhook's scope, JSON is parsed as usual.
  app.post('/echo', async (request) => request.body);

  return app;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 3000);
  const app = createApp({ channelSecret: process.env.LINE_CHANNEL_SECRET });
  await app.listen({ port, host: '0.0.0.0' });
  console.log(`LINE webhook listening on http://localhost:${port}/callback`);
}
