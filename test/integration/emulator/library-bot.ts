// A tiny bot written with the library's public pieces (createWebhookHandler + createClient), served by
// node:http, for the emulator's round-trip tests. Also a raw recorder bot that keeps every request.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../../src/client/create-client.js';
import { text } from '../../../src/messages/text.js';
import { createWebhookHandler } from '../../../src/webhook/create-webhook-handler.js';
import type { LineEvent } from '../../../src/events/line-event.js';
import type { Emulator } from '../../../src/emulator/emulator-types.js';

/** A running test server. */
export interface TestServer {
  url: string;
  close(): Promise<void>;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function listen(server: Server, path: string): Promise<TestServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A request the recorder bot received. */
export interface RecordedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A bot that records raw requests and answers `status` (after `delayMs`). */
export async function startRecorderBot(options: { status?: number; delayMs?: number } = {}): Promise<TestServer & { requests: RecordedRequest[] }> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void readAll(req).then(async (body) => {
      requests.push({ method: req.method ?? '', headers: req.headers, body: body.toString('utf8') });
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      res.writeHead(options.status ?? 200, { 'Content-Type': 'text/plain' }).end(options.status && options.status >= 400 ? 'nope' : 'OK');
    });
  });
  return Object.assign(await listen(server, '/callback'), { requests });
}

/** An echo bot on the library: replies `echo: <text>` to texts, `got <type>` to other messages; records events. */
export async function startLibraryBot(emu: Emulator): Promise<TestServer & { events: LineEvent[] }> {
  const events: LineEvent[] = [];
  const client = createClient({ channelToken: emu.channelToken, baseUrl: emu.url });
  const handler = createWebhookHandler({
    channelSecret: emu.channelSecret,
    respond: 'after-processing',
    onEvents: (batch) => {
      events.push(...batch);
    },
    onMessage: async (event) => {
      const reply = event.message.type === 'text' ? `echo: ${event.message.text}` : `got ${event.message.type}`;
      // In the chat the message came from: 1:1, a room or a group.
      await client.reply(event.message, text(reply));
    },
  });
  const server = createServer((req, res) => {
    void readAll(req).then(async (body) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const response = await handler(new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method ?? 'POST', headers, body: req.method === 'GET' ? undefined : new Uint8Array(body) }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  return Object.assign(await listen(server, '/callback'), { events });
}
