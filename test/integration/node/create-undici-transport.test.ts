// createUndiciTransport against real HTTP servers on 127.0.0.1: what the server receives, socket reuse and
// the connections limit, time limits, aborts, streamed downloads, close(), and its use by createClient.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { LineError, NetworkError, SendError, TimeoutError } from '../../../src/errors.js';
import { text } from '../../../src/messages/text.js';
import { createUndiciTransport, type UndiciTransport } from '../../../src/node/create-undici-transport.js';
import { close, listen } from './helpers.js';

const servers: Server[] = [];
const transports: UndiciTransport[] = [];
afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close().catch(() => {})));
  await Promise.all(servers.splice(0).map(close));
});

interface Received {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A server that records requests and counts sockets; `answer` writes the response (default: LINE's success). */
async function lineServer(answer?: (request: Received, res: ServerResponse) => void) {
  const stats = { connections: 0, inFlight: 0, maxInFlight: 0, received: [] as Received[] };
  let messageId = 1;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      stats.received.push(received);
      res.on('finish', () => stats.inFlight--);
      if (answer) return answer(received, res);
      setTimeout(() => {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ failed: [], messageId: String(messageId++), timestamp: 1, version: 1 }));
      }, 2);
    });
  });
  server.on('connection', () => stats.connections++);
  servers.push(server);
  return { baseUrl: await listen(server), stats };
}

function transport(options?: Parameters<typeof createUndiciTransport>[0]): UndiciTransport {
  const created = createUndiciTransport(options);
  transports.push(created);
  return created;
}

describe('createUndiciTransport', () => {
  it('hands the server exactly the request, and the client exactly the answer', async () => {
    const { baseUrl, stats } = await lineServer((_request, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json', 'Retry-After': '7', 'Set-Cookie': ['a=1', 'b=2'] });
      res.end('{"statusCode":"422","statusMessage":"invalid users"}');
    });
    const response = await transport().request({
      method: 'POST',
      url: `${baseUrl}/v1/events?x=1`,
      headers: { 'X-Line-ChannelToken': 'TOKEN', 'Content-Type': 'application/json; charset=UTF-8' },
      body: '{"to":["u1"]}',
      timeoutMs: 5_000,
    });
    expect(stats.received).toEqual([
      {
        method: 'POST',
        url: '/v1/events?x=1',
        headers: expect.objectContaining({ 'x-line-channeltoken': 'TOKEN', 'content-type': 'application/json; charset=UTF-8', 'content-length': '13' }),
        body: '{"to":["u1"]}',
      },
    ]);
    expect(response.status).toBe(400);
    expect(response.headers.get('RETRY-AFTER')).toBe('7');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(response.headers.get('x-absent')).toBeNull();
    expect(await response.text()).toBe('{"statusCode":"422","statusMessage":"invalid users"}');
  });

  it('drives createClient: 3,000 recipients in 20 requests over at most `connections` sockets, each body exact', async () => {
    const { baseUrl, stats } = await lineServer();
    const client = createClient({ channelToken: 'token-1', baseUrl, transport: transport({ connections: 4 }), concurrency: 4 });
    const recipients = Array.from({ length: 3_000 }, (_, i) => `u${i.toString(16).padStart(32, '0')}`);
    for (let round = 0; round < 2; round++) {
      expect(await client.send(recipients, text('hello'))).toEqual({ ok: true, recipients: 3_000, sent: 3_000, failed: 0, requests: 20, possibleDuplicates: 0, failures: [] });
    }
    expect(stats.received).toHaveLength(40);
    const bodies = stats.received.slice(0, 20).map((r) => r.body).sort();
    const expected = Array.from({ length: 20 }, (_, i) =>
      `{"to":${JSON.stringify(recipients.slice(i * 150, i * 150 + 150))},"toChannel":1383378250,"eventType":"138311608800106203","content":{"contentType":1,"toType":1,"text":"hello"}}`,
    ).sort();
    expect(bodies).toEqual(expected);
    expect(stats.received.every((r) => r.headers['x-line-channeltoken'] === 'token-1')).toBe(true);
    expect(stats.connections).toBeLessThanOrEqual(4);
    expect(stats.maxInFlight).toBeLessThanOrEqual(4);
  });

  it('reuses warm sockets for sequential requests (at most two: undici frees a socket one tick after its answer)', async () => {
    const { baseUrl, stats } = await lineServer();
    const client = createClient({ channelToken: 'token-1', baseUrl, transport: transport() });
    for (let i = 0; i < 6; i++) await client.send(`u${i}`, text('x'));
    expect(stats.received).toHaveLength(6);
    expect(stats.connections).toBeLessThanOrEqual(2);
  });

  it('timeoutMs: no answer in time is a TimeoutError (ambiguous for a send: not retried by default)', async () => {
    const { baseUrl, stats } = await lineServer(() => {
      // Never answers.
    });
    const client = createClient({ channelToken: 'token-1', baseUrl, transport: transport(), timeoutMs: 150 });
    const error = (await client.send('u1', text('x')).then(() => undefined, (e: unknown) => e)) as SendError;
    const failure = error.result.failures[0]!;
    expect(failure.error).toBeInstanceOf(TimeoutError);
    expect(failure.error).toMatchObject({ endpoint: 'POST /v1/events', timeoutMs: 150 });
    // undici's own error, renamed by the transport: TimeoutError → the transport's "TimeoutError" → undici's.
    expect(((failure.error.cause as Error).cause as { code?: string }).code).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(failure.maybeDelivered).toBe(true);
    expect(stats.received).toHaveLength(1);
  });

  it("the caller's signal cancels a request in flight (NetworkError caused by the reason)", async () => {
    const controller = new AbortController();
    const { baseUrl } = await lineServer(() => controller.abort(new Error('shutting down')));
    const client = createClient({ channelToken: 'token-1', baseUrl, transport: transport(), retry: false });
    const error = (await client.send('u1', text('x'), { signal: controller.signal }).then(() => undefined, (e: unknown) => e)) as SendError;
    expect(error.result.failures[0]!.error).toBeInstanceOf(NetworkError);
    expect((error.result.failures[0]!.error.cause as Error).message).toBe('shutting down');
  });

  it('streams a content download, and the caller can cancel it', async () => {
    const { baseUrl } = await lineServer((_request, res) => {
      res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': '6', 'Content-Disposition': 'attachment; filename="clip.mp4"' });
      res.write('abc');
      setTimeout(() => res.end('def'), 20);
    });
    const client = createClient({ channelToken: 'token-1', baseUrl, transport: transport() });
    const content = await client.getMessageContent('m1');
    expect(content).toMatchObject({ contentType: 'video/mp4', contentLength: 6, fileName: 'clip.mp4' });
    expect(await new Response(content.body).text()).toBe('abcdef');
  });

  it('a refused connection is a NetworkError that a send retries (nothing was sent)', async () => {
    const { baseUrl } = await lineServer();
    await close(servers.pop()!);
    const delays: number[] = [];
    const client = createClient({ channelToken: 'token-1', baseUrl, transport: transport(), retry: { maxAttempts: 2, sleep: async (ms) => void delays.push(ms) } });
    const error = (await client.send('u1', text('x')).then(() => undefined, (e: unknown) => e)) as SendError;
    expect(error.result.failures[0]!.error).toBeInstanceOf(NetworkError);
    expect(error.result.failures[0]!.error.message).toContain('ECONNREFUSED');
    expect(error.result.failures[0]!.maybeDelivered).toBe(false);
    expect(delays).toHaveLength(1);
  });

  it('never follows a redirect: a 307 to another origin is an ApiError, and the other origin gets nothing', async () => {
    const elsewhere = await lineServer();
    const { baseUrl } = await lineServer((request, res) => {
      res.writeHead(307, { Location: `${elsewhere.baseUrl}${request.url}` });
      res.end();
    });
    const client = createClient({ channelToken: 'SECRET-307', baseUrl, transport: transport() });
    const error = (await client.send('u1', text('x')).then(() => undefined, (e: unknown) => e)) as SendError;
    expect(error.result.failures[0]!.error).toMatchObject({ name: 'ApiError', status: 307 });
    expect(elsewhere.stats.received).toEqual([]);
  });

  it('close() closes the sockets; requests after it reject', async () => {
    const { baseUrl } = await lineServer();
    const created = createUndiciTransport();
    const client = createClient({ channelToken: 'token-1', baseUrl, transport: created });
    await client.send('u1', text('x'));
    await created.close();
    await expect(created.request({ method: 'GET', url: `${baseUrl}/`, headers: {}, timeoutMs: 1_000 })).rejects.toThrow();
  });

  it('rejects invalid options with a LineError naming it', () => {
    expect(() => createUndiciTransport({ connections: 0 })).toThrow(new LineError('createUndiciTransport: connections must be an integer >= 1, got 0.'));
    expect(() => createUndiciTransport({ connectTimeoutMs: -5 })).toThrow(/connectTimeoutMs/);
  });
});
