// A LINE Business Connect webhook on Deno, with Deno.serve and no framework.
// Run: LINE_CHANNEL_SECRET=<channel secret> deno run --allow-net --allow-env examples/deno/main.ts
//   PORT: default 8000; HOST: the address to listen on, default all interfaces (HOST=127.0.0.1 behind a local proxy)
// Outside this repository import from 'npm:line-business-connect' (or map it in deno.json "imports").
// Deno Deploy: the same file; set LINE_CHANNEL_SECRET in the project's environment variables.
import { createWebhookHandler, type WebhookHandler } from 'line-business-connect';

// Type of the Deno global for type checkers that do not know Deno (this repository uses tsc).
declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(options: { port: number; hostname?: string }, handler: (request: Request) => Response | Promise<Response>): unknown;
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
  // Deno.serve passes no waitUntil: the callbacks run before LINE gets its 200 (respond: 'auto').
  return async (request) => (new URL(request.url).pathname === '/callback' ? webhook(request) : new Response('Not found', { status: 404 }));
}

// Served only when run directly (`import.meta.main`), so a test can import createHandler.
if ((import.meta as { main?: boolean }).main) {
  const handler = createHandler({ channelSecret: Deno.env.get('LINE_CHANNEL_SECRET') ?? '' });
  Deno.serve({ port: Number(Deno.env.get('PORT') ?? 8000), hostname: Deno.env.get('HOST') }, handler);
}
