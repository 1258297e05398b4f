// Issue 11, defects 1 and 2 (found by a hostile run against the built package):
// 1. a client that hangs up mid-body must be a routine 400 with a LineError (BodyReadError), never an
//    "unexpected" 500 with a console.error stack, and parseWebhook must never reject with a raw TypeError;
// 2. a method `new Request()` refuses (TRACE) must get 405 from the Node adapters.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LineError } from '../../../src/errors.js';
import { createFastifyHandler } from '../../../src/node/create-fastify-handler.js';
import { createNodeMiddleware } from '../../../src/node/create-node-middleware.js';
import { signBody } from '../../../src/signature/sign-body.js';
import { createWebhookHandler } from '../../../src/webhook/create-webhook-handler.js';
import { parseWebhook } from '../../../src/webhook/parse-webhook.js';
import { batchBytes, channelSecret, close, hangUpMidBody, listen } from '../node/helpers.js';

const servers: Server[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map(close));
});

/** A signed POST whose body stream fails after one chunk, the way a runtime reports a client that hung up. */
async function brokenRequest(): Promise<Request> {
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(batchBytes.subarray(0, 100));
      } else {
        controller.error(new TypeError('terminated'));
      }
    },
  });
  return new Request('https://bot.example.com/callback', {
    method: 'POST',
    headers: { 'x-line-channelsignature': await signBody(batchBytes, channelSecret) },
    body,
    duplex: 'half',
  } as RequestInit);
}

describe('a body stream that fails mid-read (defect 1)', () => {
  it('parseWebhook rejects with BodyReadError, a LineError keeping the original error as cause', async () => {
    const error = await parseWebhook(await brokenRequest(), { channelSecret }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(LineError);
    expect((error as Error).name).toBe('BodyReadError');
    expect((error as Error).message).toBe('The request body could not be read to its end: the client probably closed the connection.');
    expect((error as Error & { cause: unknown }).cause).toBeInstanceOf(TypeError);
  });

  it('createWebhookHandler answers 400 body_read_failed and logs no error', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const response = await createWebhookHandler({ channelSecret })(await brokenRequest());
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'body_read_failed', message: 'The request body could not be read to its end.' });
    expect(errors).not.toHaveBeenCalled();
  });

  it('createNodeMiddleware answers 400 to a client that hangs up mid-body and logs no error', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const middleware = createNodeMiddleware({ channelSecret });
    const statuses: number[] = [];
    const finished = new Promise<void>((resolve) => {
      const server = createServer((req, res) => void middleware(req, res).then(() => (statuses.push(res.statusCode), resolve())));
      servers.push(server);
      void listen(server).then(hangUpMidBody);
    });
    await finished;
    expect(statuses).toEqual([400]);
    expect(errors).not.toHaveBeenCalled();
  });
});

/** Sends `method /callback` with a raw socket-level client (fetch refuses TRACE) and returns status, Allow and body. */
function send(url: string, method: string): Promise<{ status: number; allow: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/callback`, { method }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const notAllowed = {
  status: 405,
  allow: 'POST',
  body: JSON.stringify({ error: 'method_not_allowed', message: 'LINE delivers events with POST; other methods are not allowed.' }),
};

describe('methods new Request() refuses (defect 2)', () => {
  // TRACE is the one such method Node's HTTP parser passes to a request listener (CONNECT goes to the
  // 'connect' event, TRACK is refused by Node itself with 400).
  it('createNodeMiddleware answers TRACE with 405 and Allow: POST, logging no error', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const middleware = createNodeMiddleware({ channelSecret });
    const server = createServer((req: IncomingMessage, res: ServerResponse) => void middleware(req, res));
    servers.push(server);
    expect(await send(await listen(server), 'TRACE')).toEqual(notAllowed);
    expect(errors).not.toHaveBeenCalled();
  });

  it('createFastifyHandler answers TRACE with 405 and Allow: POST', async () => {
    const handler = createFastifyHandler({ channelSecret });
    const sent: { status?: number; headers: Record<string, string>; body?: string } = { headers: {} };
    const reply = {
      code(status: number) {
        sent.status = status;
        return reply;
      },
      header(name: string, value: string) {
        sent.headers[name] = value;
        return reply;
      },
      send(payload?: unknown) {
        sent.body = new TextDecoder().decode(payload as Uint8Array);
        return reply;
      },
    };
    const raw = { method: 'TRACE', url: '/callback', headers: { host: 'bot.example.com' }, rawHeaders: ['Host', 'bot.example.com'], socket: {} };
    await handler({ raw: raw as unknown as IncomingMessage }, reply);
    expect({ status: sent.status, allow: sent.headers.allow, body: sent.body }).toEqual(notAllowed);
  });
});
