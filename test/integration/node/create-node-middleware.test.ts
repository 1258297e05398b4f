import { createServer, type Server } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { BodyReadError, LineError } from '../../../src/errors.js';
import type { LineEvent } from '../../../src/events/line-event.js';
import { createNodeMiddleware, type NodeMiddlewareOptions } from '../../../src/node/create-node-middleware.js';
import { signBody } from '../../../src/signature/sign-body.js';
import { batchBytes, channelSecret, close, deliver, hangUpMidBody, listen, summary } from './helpers.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

async function start(server: Server): Promise<string> {
  servers.push(server);
  return listen(server);
}

/** A middleware that records what it sees. */
function recording(options: Partial<NodeMiddlewareOptions> = {}) {
  const events: LineEvent[] = [];
  const errors: unknown[] = [];
  const middleware = createNodeMiddleware({
    channelSecret,
    onEvents: (batch) => {
      events.push(...batch);
    },
    onError: (error) => {
      errors.push(error);
    },
    ...options,
  });
  return { middleware, events, errors };
}

const accepted = { status: 200, type: null, body: null };
const alreadyParsed = {
  status: 500,
  type: 'application/json; charset=utf-8',
  body: {
    error: 'body_already_parsed',
    message:
      "The request body was already parsed into an object, so the raw bytes the signature covers are gone. With Express, put express.raw({ type: 'application/json' }) on the webhook route, or mount the webhook middleware before express.json().",
  },
};

describe('createNodeMiddleware on http.createServer', () => {
  it('accepts a signed delivery and decodes its events before answering', async () => {
    const { middleware, events } = recording();
    const url = await start(createServer(middleware));
    const response = await deliver(`${url}/callback`);
    // No body, framed by an explicit length rather than as a chunked stream.
    expect([response.headers.get('content-length'), response.headers.get('transfer-encoding')]).toEqual(['0', null]);
    expect(await summary(response)).toEqual(accepted);
    expect(events.map((event) => event.type)).toEqual(['message', 'operation']);
    expect(events[0]).toMatchObject({ type: 'message', channelId: '1441301333', message: { type: 'text', text: 'hello' } });
  });

  it('answers 401 to a bad or missing signature, without running callbacks', async () => {
    const { middleware, events, errors } = recording();
    const url = await start(createServer(middleware));
    const tampered = await deliver(url, batchBytes, await signBody('other body', channelSecret));
    expect(await summary(tampered)).toEqual({
      status: 401,
      type: 'application/json; charset=utf-8',
      body: { error: 'signature_mismatch', message: 'The X-LINE-ChannelSignature header does not match the body.' },
    });
    const missing = await fetch(url, { method: 'POST', body: batchBytes });
    expect(await summary(missing)).toEqual({
      status: 401,
      type: 'application/json; charset=utf-8',
      body: { error: 'signature_missing', message: 'The X-LINE-ChannelSignature header is missing or empty.' },
    });
    expect(events).toEqual([]);
    expect(errors.map((error) => (error as Error).name)).toEqual(['SignatureError', 'SignatureError']);
  });

  it('answers 405 with Allow: POST to other methods', async () => {
    const { middleware } = recording();
    const url = await start(createServer(middleware));
    const response = await fetch(`${url}/callback`);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await summary(response)).toEqual({
      status: 405,
      type: 'application/json; charset=utf-8',
      body: { error: 'method_not_allowed', message: 'LINE delivers events with POST; other methods are not allowed.' },
    });
  });

  it('answers 413 to a streamed body past maxBodyBytes, stops reading and closes the connection', async () => {
    const { middleware, events } = recording({ maxBodyBytes: 1024 });
    let bytesReadByServer = 0;
    const server = createServer((req, res) => {
      req.on('data', (chunk: Buffer) => (bytesReadByServer += chunk.length));
      void middleware(req, res);
    });
    const url = await start(server);
    const body = new Uint8Array(64 * 1024).fill(0x20);
    // Chunked (no Content-Length), so the limit is enforced while reading.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < body.length; offset += 512) controller.enqueue(body.subarray(offset, offset + 512));
        controller.close();
      },
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'x-line-channelsignature': await signBody(body, channelSecret) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.headers.get('connection')).toBe('close');
    expect(await summary(response)).toEqual({
      status: 413,
      type: 'application/json; charset=utf-8',
      body: { error: 'payload_too_large', message: 'The body is larger than 1024 bytes.' },
    });
    expect(events).toEqual([]);
    expect(bytesReadByServer).toBeLessThan(64 * 1024);
  });

  it('answers 413 to a declared Content-Length past maxBodyBytes', async () => {
    const { middleware } = recording({ maxBodyBytes: 959 });
    const url = await start(createServer(middleware));
    expect((await deliver(url)).status).toBe(413);
  });

  it('uses req.rawBody when a platform provides it (and verifies those bytes, not the stream)', async () => {
    const { middleware, events } = recording();
    const server = createServer((req, res) => {
      // What Google Cloud Functions does: the body is read and kept as req.rawBody, req.body parsed.
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        Object.assign(req, { rawBody: raw, body: JSON.parse(raw.toString('utf8')) as unknown });
        void middleware(req, res);
      });
    });
    const url = await start(server);
    expect(await summary(await deliver(url))).toEqual(accepted);
    expect(events).toHaveLength(2);
  });

  it('with path: handles only that path and answers 404 elsewhere', async () => {
    const { middleware } = recording({ path: '/callback' });
    const url = await start(createServer(middleware));
    expect((await deliver(`${url}/callback?probe=1`)).status).toBe(200);
    expect(await summary(await deliver(`${url}/other`))).toEqual({
      status: 404,
      type: 'application/json; charset=utf-8',
      body: { error: 'not_found', message: 'No LINE webhook at this path.' },
    });
  });

  it('rejects a path that does not start with /', () => {
    expect(() => createNodeMiddleware({ channelSecret, path: 'callback' })).toThrow(LineError);
    expect(() => createNodeMiddleware(null as never)).toThrow(new LineError('createNodeMiddleware: pass an options object with channelSecret.'));
  });

  it('survives a client that disconnects mid-body (no unhandled rejection)', async () => {
    const { middleware, errors } = recording();
    const finished = new Promise<void>((resolve) => {
      const server = createServer((req, res) => void middleware(req, res).then(() => resolve()));
      servers.push(server);
      void listen(server).then(hangUpMidBody);
    });
    await finished;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(BodyReadError);
    expect((errors[0] as Error).message).toBe('The request body could not be read to its end: the client probably closed the connection.');
  });
});

describe('createNodeMiddleware in Express', () => {
  it('works as a route handler mounted before express.json()', async () => {
    const { middleware, events } = recording();
    const app = express();
    app.post('/callback', middleware);
    app.use(express.json());
    app.post('/other', (req, res) => {
      res.json({ parsed: req.body as unknown });
    });
    const url = await start(createServer(app));
    expect(await summary(await deliver(`${url}/callback`))).toEqual(accepted);
    expect(events).toHaveLength(2);
    const other = await fetch(`${url}/other`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await other.json()).toEqual({ parsed: { a: 1 } });
  });

  it('works behind express.raw({ type: "application/json" })', async () => {
    const { middleware, events } = recording();
    const app = express();
    app.use(express.json({ type: 'text/plain' }));
    app.post('/callback', express.raw({ type: 'application/json' }), middleware);
    const url = await start(createServer(app));
    expect(await summary(await deliver(`${url}/callback`))).toEqual(accepted);
    expect(events).toHaveLength(2);
    // express.raw kept the bytes: a tampered body still fails.
    expect((await deliver(`${url}/callback`, batchBytes, await signBody('x', channelSecret))).status).toBe(401);
  });

  it('answers 500 body_already_parsed naming the fix when express.json() ran first, and reports it', async () => {
    const { middleware, events, errors } = recording();
    const app = express();
    app.use(express.json());
    app.post('/callback', middleware);
    const url = await start(createServer(app));
    expect(await summary(await deliver(`${url}/callback`))).toEqual(alreadyParsed);
    expect(events).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(LineError);
    expect((errors[0] as Error).message).toBe(alreadyParsed.body.message);
  });

  it('logs the misconfiguration with console.error when there is no onError', async () => {
    const middleware = createNodeMiddleware({ channelSecret });
    const app = express();
    app.use(express.json());
    app.post('/callback', middleware);
    const url = await start(createServer(app));
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      expect((await deliver(`${url}/callback`)).status).toBe(500);
    } finally {
      console.error = original;
    }
    expect(logged).toEqual([[`[line-business-connect] ${alreadyParsed.body.message}`]]);
  });

  it('with path: calls next() for other paths', async () => {
    const { middleware } = recording({ path: '/callback' });
    const app = express();
    app.use(middleware);
    app.get('/health', (_req, res) => {
      res.send('up');
    });
    const url = await start(createServer(app));
    expect(await (await fetch(`${url}/health`)).text()).toBe('up');
    expect((await deliver(`${url}/callback`)).status).toBe(200);
  });
});
