// Reliability (issue 11): a 100 MB streamed body is refused (413) after reading at most the cap (1 MiB,
// the default maxBodyBytes) plus one chunk, with memory flat: through createWebhookHandler (a Web Request
// whose body is a lazy ReadableStream: the bytes it actually pulled are counted) and through the Node
// adapters on a real socket (the server socket's bytesRead when it answered, and when the connection
// closed). Chunked, and with an honest Content-Length (refused before reading). The resident set size is
// sampled every 5 ms while each runs: its growth must stay far below the body's size.
import Fastify from 'fastify';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createWebhookHandler } from '../../src/index.js';
import { createFastifyHandler, createNodeMiddleware } from '../../src/node/index.js';
import { Limits } from '../../src/protocol/index.js';
import { scale, writeFigures } from './reliability-report.js';
import { createLeakScanner, secrets } from './secret-scan.js';

const startedAt = Date.now();
const cap = Limits.defaultMaxBodyBytes;
const chunkBytes = 64 * 1024;
const bodyBytes = Math.ceil(100 * 1024 * 1024 * scale);
/** Far below the 100 MB a buffered body would cost (it cost 280 MB of RSS when a body was read whole). */
const rssBudget = 24 * 1024 * 1024;
const scanner = createLeakScanner();
const rows: Record<string, number | string> = {};
let maxPastCap = 0;
let maxRssGrowth = 0;
let cases = 0;
const options = { channelSecret: secrets.channelSecret, logger: scanner.logger('body cap'), onError: (error: unknown) => scanner.collect(error, 'body cap onError') };

afterAll(() => {
  const leaks = scanner.scan();
  writeFigures(
    'body-cap',
    {
      title: `Body cap: ${Math.round(bodyBytes / 2 ** 20)} MB streamed bodies against the default 1 MiB cap (Web handler, Node http, Fastify)`,
      casesRun: cases,
      unit: 'bodies',
      maxBytesPastCap: maxPastCap,
      rssGrowthBytes: maxRssGrowth,
      leaksFound: leaks.length,
      itemsScanned: scanner.collected,
      details: rows,
    },
    startedAt,
  );
  expect(leaks).toEqual([]);
});

/** Runs `work` while sampling the RSS every 5 ms; resolves with its result and the peak growth over the start. */
async function withRss<T>(work: () => Promise<T>): Promise<{ result: T; rssGrowth: number }> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, rssGrowth: peak - start };
  } finally {
    clearInterval(timer);
  }
}

function record(name: string, figures: { status: number; bytesRead: number; rssGrowth: number; closedAt?: number }) {
  cases++;
  maxPastCap = Math.max(maxPastCap, figures.bytesRead - cap);
  maxRssGrowth = Math.max(maxRssGrowth, figures.rssGrowth);
  rows[`${name}: status`] = figures.status;
  rows[`${name}: bytes read when it answered`] = figures.bytesRead;
  if (figures.closedAt !== undefined) rows[`${name}: socket bytes read by the close`] = figures.closedAt;
  rows[`${name}: RSS growth (bytes)`] = figures.rssGrowth;
}

describe(`a ${Math.round(bodyBytes / 2 ** 20)} MB streamed body`, () => {
  it.each([
    ['chunked (no Content-Length)', false],
    ['with its Content-Length', true],
  ])('createWebhookHandler, ReadableStream body %s: 413 after at most the cap plus one chunk, memory flat', async (name, declared) => {
    const handler = createWebhookHandler(options);
    let pulled = 0;
    const chunk = new Uint8Array(chunkBytes).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= bodyBytes) return controller.close();
        pulled += chunk.length;
        // A fresh copy each time, as a runtime hands over fresh buffers.
        controller.enqueue(chunk.slice());
      },
    });
    const headers: Record<string, string> = { 'x-line-channelsignature': 'c2lnbmF0dXJl' };
    if (declared) headers['content-length'] = String(bodyBytes);
    const { result: response, rssGrowth } = await withRss(() => handler(new Request('https://bot.example.com/callback', { method: 'POST', headers, body, duplex: 'half' } as RequestInit)));
    record(`createWebhookHandler, ${name}`, { status: response.status, bytesRead: pulled, rssGrowth });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'payload_too_large', message: `The body is larger than ${cap} bytes.` });
    // Declared: refused before reading (a stream may pull one chunk ahead by itself). Chunked: the chunk that crossed the cap is the last.
    expect(pulled).toBeLessThanOrEqual(declared ? chunkBytes : cap + chunkBytes);
    expect(rssGrowth).toBeLessThan(rssBudget);
  });

  /** Streams the body to `port` on a raw socket (with backpressure) until the server answers and closes; resolves with the status line. */
  function stream(port: number, declared: boolean): Promise<{ status: number; headerBytes: number }> {
    const head = ['POST /callback HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json; charset=UTF-8', 'X-LINE-ChannelSignature: c2lnbmF0dXJl'];
    head.push(declared ? `Content-Length: ${bodyBytes}` : 'Transfer-Encoding: chunked', '', '');
    const header = head.join('\r\n');
    const frame = Buffer.concat([Buffer.from(`${chunkBytes.toString(16)}\r\n`), Buffer.alloc(chunkBytes, 0x20), Buffer.from('\r\n')]);
    const payload = declared ? Buffer.alloc(chunkBytes, 0x20) : frame;
    return new Promise((resolve) => {
      const socket: Socket = connect(port, '127.0.0.1');
      let answer = '';
      let written = 0;
      let closed = false;
      socket.setEncoding('latin1');
      socket.on('data', (data: string) => (answer += data));
      socket.on('error', () => {});
      socket.on('close', () => {
        closed = true;
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), headerBytes: header.length });
      });
      const write = () => {
        while (!closed && written < bodyBytes) {
          written += chunkBytes;
          if (!socket.write(payload)) return void socket.once('drain', write);
        }
        if (!closed && !declared) socket.end('0\r\n\r\n');
      };
      socket.write(header, write);
    });
  }

  /** Socket figures of the server: bytes read when the answer was written, and when the connection closed. */
  function socketFigures() {
    const figures = { atAnswer: 0, atClose: 0, answered: false };
    const watch = (req: IncomingMessage, res: ServerResponse) => {
      res.once('finish', () => {
        figures.atAnswer = req.socket.bytesRead;
        figures.answered = true;
      });
      req.socket.once('close', () => (figures.atClose = req.socket.bytesRead));
    };
    return { figures, watch };
  }

  it.each([
    ['chunked', false],
    ['with its Content-Length', true],
  ])('createNodeMiddleware on a real socket, %s: 413, the connection closed, at most the cap plus one chunk read, memory flat', async (name, declared) => {
    const middleware = createNodeMiddleware(options);
    const { figures, watch } = socketFigures();
    const server = createServer((req, res) => {
      watch(req, res);
      void middleware(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { result, rssGrowth } = await withRss(() => stream((server.address() as AddressInfo).port, declared));
      const bytesRead = figures.atAnswer - result.headerBytes;
      record(`createNodeMiddleware, ${name}`, { status: result.status, bytesRead, rssGrowth, closedAt: figures.atClose });
      expect(result.status).toBe(413);
      expect(figures.answered).toBe(true);
      // Socket reads are up to 64 KiB: the read that crossed the cap is the last before the answer. The bytes
      // counted are the socket's, so a chunked body's framing (size line and CRLF, 9 bytes a frame) is on top.
      const framing = declared ? 0 : (cap / chunkBytes + 2) * (chunkBytes.toString(16).length + 4);
      expect(bytesRead).toBeLessThanOrEqual(declared ? chunkBytes : cap + chunkBytes + framing);
      expect(figures.atClose).toBeLessThan(cap + 4 * chunkBytes);
      expect(rssGrowth).toBeLessThan(rssBudget);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it.each([
    ['chunked', false],
    ['with its Content-Length', true],
  ])('createFastifyHandler on Fastify (set up as documented), %s: 413 from Fastify\'s own body limit, memory flat', async (name, declared) => {
    const { figures, watch } = socketFigures();
    const app = Fastify();
    await app.register(async (scope) => {
      scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      scope.post('/callback', createFastifyHandler(options));
    });
    app.server.on('request', watch);
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { result, rssGrowth } = await withRss(() => stream((app.server.address() as AddressInfo).port, declared));
      const bytesRead = figures.atAnswer - result.headerBytes;
      record(`createFastifyHandler, ${name}`, { status: result.status, bytesRead, rssGrowth, closedAt: figures.atClose });
      expect(result.status).toBe(413);
      expect(bytesRead).toBeLessThanOrEqual(declared ? chunkBytes : cap + chunkBytes);
      // Fastify reads on for a moment after its 413 before it closes the socket (what it read is discarded).
      expect(figures.atClose).toBeLessThan(8 * cap);
      expect(rssGrowth).toBeLessThan(rssBudget);
    } finally {
      await app.close();
    }
  });
});
