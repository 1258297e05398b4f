// A LINE Business Connect webhook on Bun, with Bun.serve and no framework.
// Run: LINE_CHANNEL_SECRET=<channel secret> bun examples/bun/server.ts
//   PORT: default 3000; HOST: the address to listen on, default all interfaces (HOST=127.0.0.1 behind a local proxy)
import { createWebhookHandler, type WebhookHandler } from 'line-business-connect';

// Type of the Bun global for type checkers that do not know Bun (this repository uses tsc).
declare const Bun: {
  env: Record<string, string | undefined>;
  serve(options: { port: number; hostname?: string; fetch(request: Request): Response | Promise<Response> }): { port: number; stop(): void };
};

/** The request handler: POST /callback is LINE's; anything else is 404. */
export function createHandler(options: { channelSecret: string; log?: (line: string) => void }): (request: Request) => Promise<Response> {
  const log = options.log ?? console.log;
  const webhook: WebhookHandler = createWebhookHandler({
    channelSecret: options.channelSecret,
    onMessage: (event) => {
      const { message } = event;
      log(message.type === 'text' ? `text from ${message.from}: ${message.text}` : `${message.type} message from ${message.from}`);
    },
    onAddedAsFriend: (event) => log(`followed by ${event.operation.mid}`),
    onBlocked: (event) => log(`blocked by ${event.operation.mid}`),
  });
  // Bun.serve passes no waitUntil: the callbacks run before LINE gets its 200 (respond: 'auto').
  return async (request) => (new URL(request.url).pathname === '/callback' ? webhook(request) : new Response('Not found', { status: 404 }));
}

// Served only when run directly (`import.meta.main`), so a test can import createHandler.
if ((import.meta as { main?: boolean }).main) {
  const server = Bun.serve({
    port: Number(Bun.env.PORT ?? 3000),
    hostname: Bun.env.HOST,
    fetch: createHandler({ channelSecret: Bun.env.LINE_CHANNEL_SECRET ?? '' }),
  });
  console.log(`LINE webhook listening on http://${Bun.env.HOST ?? 'localhost'}:${server.port}/callback`);
}
