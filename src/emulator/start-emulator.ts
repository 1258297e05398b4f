import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LineError } from '../errors.js';
import { nodeBodyStream } from '../node/node-body-stream.js';
import { toWebRequest } from '../node/to-web-request.js';
import { writeNodeResponse } from '../node/write-node-response.js';
import type { Emulator, EmulatorOptions } from './emulator-types.js';
import { createFakeLine, FAKE_LINE_OPTION_KEYS } from './fake-line.js';
import { checkOptionKeys } from '../option-keys.js';
import { jsonResponse } from './line-error-response.js';

// The fake's options but `url` (the server's own address), plus where to listen.
const EMULATOR_OPTION_KEYS = [...FAKE_LINE_OPTION_KEYS.filter((key) => key !== 'url'), 'port', 'host'];

/**
 * Starts the local Business Connect emulator: the fake LINE of {@link createFakeLine} served by a Node HTTP
 * server on 127.0.0.1 (a free port by default). Give your bot `emu.url` as its REST base URL and
 * `emu.channelSecret` for its webhook; open `emu.inboxUrl` in a browser. Node only (Bun and Deno run it
 * too); on other runtimes use `createFakeLine().fetch` directly. See docs/emulator.md.
 *
 * Only requests for the host names it listens as (and `localhost`) are answered, unless `allowedHosts`
 * says otherwise, so a web page cannot reach it through DNS rebinding.
 *
 * @example
 * const emu = await startEmulator({ webhookUrl: 'http://127.0.0.1:3000/callback' });
 * const client = createClient({ channelToken: emu.channelToken, baseUrl: emu.url });
 * await emu.sendAs('Sally', 'hello');
 * const [reply] = await emu.waitFor({ chat: 'Sally' });
 * await emu.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  if (options === null || typeof options !== 'object') throw new LineError('startEmulator: pass an options object (or nothing).');
  checkOptionKeys(options, EMULATOR_OPTION_KEYS, 'startEmulator');
  const { port = 0, host = '127.0.0.1', ...fakeOptions } = options;
  if (!Number.isSafeInteger(port) || port < 0 || port > 65535) throw new LineError(`startEmulator: port must be an integer 0..65535, got ${String(port)}.`);
  if (typeof host !== 'string' || host === '') throw new LineError('startEmulator: host must be a non-empty string.');
  // Imported here, not at the top: the emulator entry loads on runtimes without node:http (Workers).
  const { createServer } = await import('node:http');
  let handler: (request: Request) => Promise<Response> = () => Promise.resolve(jsonResponse(503, { error: 'The emulator is starting.' }));
  const server = createServer((req, res) => void serve(handler, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let fake;
  try {
    fake = createFakeLine({ ...fakeOptions, url: `http://${hostForUrl}:${address.port}`, allowedHosts: fakeOptions.allowedHosts ?? (await listenedNames(address.address)) });
  } catch (error) {
    // Bad options must not leave a server listening.
    await closeServer(server);
    throw error;
  }
  handler = fake.fetch;
  const stopDelivering = fake.close;
  return Object.assign(fake, {
    async close() {
      await stopDelivering();
      await closeServer(server);
    },
  });
}

/** The host names a server listening on `address` is reached as: the address itself and `localhost`, or every local address for a wildcard. */
async function listenedNames(address: string): Promise<string[]> {
  const names = ['localhost', address];
  if (address === '0.0.0.0' || address === '::') {
    const { hostname, networkInterfaces } = await import('node:os');
    names.push(hostname());
    for (const list of Object.values(networkInterfaces())) for (const item of list ?? []) names.push(item.address);
  } else if (address === '127.0.0.1' || address === '::1') {
    names.push('127.0.0.1', '::1');
  }
  return names;
}

/** Serves one Node request with the fake's fetch handler; never rejects, whatever the client sends. */
async function serve(handler: (request: Request) => Promise<Response>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    let request: Request;
    try {
      const target = req.url ?? '/';
      // Origin-form targets only, and a Host that makes a URL (toWebRequest would fall back to `/`).
      if (!target.startsWith('/') || !URL.canParse(`http://${req.headers.host ?? 'localhost'}${target}`)) {
        await writeNodeResponse(res, jsonResponse(400, { statusCode: '400', statusMessage: 'Bad Request: the request target or Host header is not valid.' }));
        return;
      }
      const method = req.method ?? 'GET';
      request = toWebRequest(req, method === 'GET' || method === 'HEAD' ? undefined : nodeBodyStream(req));
    } catch {
      // new Request() refuses TRACE, TRACK and CONNECT: LINE's API has no such method either.
      await writeNodeResponse(res, jsonResponse(405, { statusCode: '405', statusMessage: 'Method Not Allowed.' }));
      return;
    }
    const response = await handler(request);
    // A body the handler did not read (a refused request): stop reading it, and do not reuse the connection.
    await request.body?.cancel().catch(() => {});
    if (!req.complete) res.setHeader('connection', 'close');
    await writeNodeResponse(res, response);
  } catch {
    // Only a connection that went away gets here.
    res.destroy();
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
