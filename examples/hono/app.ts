// A LINE Business Connect webhook in a Hono app: the same file runs on Cloudflare Workers, Bun and Deno
// (Hono hands over the Web Request as c.req.raw; no adapter needed).
//   Workers: `export default app` (this file), secret: `npx wrangler secret put LINE_CHANNEL_SECRET`
//   Bun:     LINE_CHANNEL_SECRET=… bun examples/hono/app.ts            (Bun serves a default export with fetch)
//   Deno:    LINE_CHANNEL_SECRET=… deno serve --allow-env examples/hono/app.ts
//   Node:    compile this file first (Node 20 runs no .ts), then serve(app) with @hono/node-server
import { Hono, type Context } from 'hono';
import { createWebhookHandler, type WebhookContext, type WebhookHandler } from 'line-business-connect';

type Bindings = { LINE_CHANNEL_SECRET?: string };

/** Options of {@link createApp}. */
export interface AppOptions {
  /** Default: the LINE_CHANNEL_SECRET env binding (Workers), else process.env.LINE_CHANNEL_SECRET. */
  channelSecret?: string;
  log?: (line: string) => void;
}

/** The Hono app with POST /callback. */
export function createApp(options: AppOptions = {}): Hono<{ Bindings: Bindings }> {
  const log = options.log ?? console.log;
  const app = new Hono<{ Bindings: Bindings }>();
  let handler: WebhookHandler | undefined;

  app.post('/callback', (c) => {
    // Workers only give secrets to a request (c.env), so the handler is made on the first delivery.
    handler ??= createWebhookHandler({
      channelSecret: options.channelSecret ?? c.env?.LINE_CHANNEL_SECRET ?? globalThis.process?.env.LINE_CHANNEL_SECRET ?? '',
      onMessage: (event) => {
        const { message } = event;
        log(message.type === 'text' ? `text from ${message.from}: ${message.text}` : `${message.type} message from ${message.from}`);
      },
      onAddedAsFriend: (event) => log(`followed by ${event.operation.mid}`),
      onBlocked: (event) => log(`blocked by ${event.operation.mid}`),
    });
    // With the Workers ExecutionContext the handler answers 200 at once and finishes under waitUntil.
    return handler(c.req.raw, executionContext(c));
  });

  return app;
}

/** `c.executionCtx` throws where the runtime passes none (Node, Bun, Deno): then answer after processing. */
function executionContext(c: Context): WebhookContext | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

export default createApp();
