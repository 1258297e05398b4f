// The lower-level pieces of line-business-connect/node, used the way docs/runtimes.md shows for a
// hand-written adapter: readNodeBody → toWebRequest → parseWebhook, and writeNodeResponse.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PayloadTooLargeError } from '../../../src/errors.js';
import { createNodeMiddleware } from '../../../src/node/create-node-middleware.js';
import { readNodeBody } from '../../../src/node/read-node-body.js';
import { toWebRequest } from '../../../src/node/to-web-request.js';
import { writeNodeResponse } from '../../../src/node/write-node-response.js';
import { parseWebhook } from '../../../src/webhook/parse-webhook.js';
import { batchBytes, channelSecret, close, deliver, listen } from './helpers.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

async function start(server: Server): Promise<string> {
  servers.push(server);
  return listen(server);
}

describe('readNodeBody + toWebRequest on a real IncomingMessage', () => {
  it('yield a Request carrying the exact bytes and headers, which parseWebhook accepts', async () => {
    const seen: { bytes: number; url: string; type: string | null; events: string[] }[] = [];
    const url = await start(
      createServer(async (req, res) => {
        const body = await readNodeBody(req, { maxBodyBytes: 4096 });
        const request = toWebRequest(req, body);
        const events = await parseWebhook(request.clone(), { channelSecret });
        seen.push({ bytes: body.byteLength, url: request.url, type: request.headers.get('content-type'), events: events.map((e) => e.type) });
        res.end('done');
      }),
    );
    expect(await (await deliver(`${url}/hook?a=1`)).text()).toBe('done');
    expect(seen).toEqual([{ bytes: 960, url: `${url}/hook?a=1`, type: 'application/json; charset=UTF-8', events: ['message', 'operation'] }]);
  });

  it('readNodeBody rejects a real oversized request with PayloadTooLargeError', async () => {
    const errors: unknown[] = [];
    const url = await start(
      createServer((req, res) => {
        readNodeBody(req, { maxBodyBytes: 100 }).then(
          () => res.end('read'),
          (error: unknown) => {
            errors.push(error);
            res.statusCode = 413;
            res.setHeader('connection', 'close');
            res.end();
          },
        );
      }),
    );
    expect((await deliver(url, batchBytes)).status).toBe(413);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(PayloadTooLargeError);
  });
});

describe('writeNodeResponse', () => {
  it('copies status, headers (each Set-Cookie separately) and body', async () => {
    const url = await start(
      createServer((_req, res) => {
        const headers = new Headers({ 'content-type': 'text/plain; charset=utf-8', 'x-extra': 'a' });
        headers.append('set-cookie', 'a=1; Path=/');
        headers.append('set-cookie', 'b=2; Path=/');
        void writeNodeResponse(res, new Response('héllo', { status: 418, headers }));
      }),
    );
    const response = await fetch(url);
    expect(response.status).toBe(418);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('x-extra')).toBe('a');
    expect(response.headers.get('content-length')).toBe('6');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(await response.text()).toBe('héllo');
  });

  it('does nothing when the response was already sent', async () => {
    const url = await start(
      createServer(async (_req, res) => {
        res.end('first');
        await writeNodeResponse(res, new Response('second', { status: 500 }));
      }),
    );
    const response = await fetch(url);
    expect([response.status, await response.text()]).toEqual([200, 'first']);
  });
});

describe("createNodeMiddleware with respond: 'first'", () => {
  it('answers 200 before the callbacks finish (long-running server)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const middleware = createNodeMiddleware({
      channelSecret,
      respond: 'first',
      onMessage: async () => {
        order.push('callback started');
        await gate;
        order.push('callback done');
      },
    });
    const url = await start(createServer(middleware));
    const response = await deliver(url);
    order.push(`answered ${response.status}`);
    release();
    // The callback finishes after the answer: poll (bounded) rather than sleep a fixed time.
    await vi.waitFor(() => expect(order).toEqual(['callback started', 'answered 200', 'callback done']), { timeout: 5_000, interval: 5 });
  });

  it("by default (respond: 'auto', no waitUntil on Node) answers only after the callbacks", async () => {
    const order: string[] = [];
    const middleware = createNodeMiddleware({
      channelSecret,
      onMessage: async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        order.push('callback done');
      },
    });
    const url = await start(createServer(middleware));
    order.push(`answered ${(await deliver(url)).status}`);
    expect(order).toEqual(['callback done', 'answered 200']);
  });
});
