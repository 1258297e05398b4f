import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { LineError } from '../../../src/errors.js';
import { text } from '../../../src/messages/text.js';
import { createKeepAliveFetch, type KeepAliveFetch } from '../../../src/node/create-keep-alive-fetch.js';
import { close, listen } from './helpers.js';

const servers: Server[] = [];
const fetches: KeepAliveFetch[] = [];
afterEach(async () => {
  await Promise.all(fetches.splice(0).map((f) => f.close().catch(() => {})));
  await Promise.all(servers.splice(0).map(close));
});

/** A server that counts TCP connections and requests in flight, answering each request after `delayMs`. */
async function countingServer(delayMs = 0) {
  const stats = { connections: 0, openSockets: 0, inFlight: 0, maxInFlight: 0, requests: [] as { method: string; url: string; body: string; header: string | undefined }[] };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      stats.requests.push({ method: req.method!, url: req.url!, body: Buffer.concat(chunks).toString('utf8'), header: req.headers['x-probe'] as string | undefined });
      setTimeout(() => {
        stats.inFlight -= 1;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ n: stats.requests.length }));
      }, delayMs);
    });
  });
  server.on('connection', (socket) => {
    stats.connections += 1;
    stats.openSockets += 1;
    socket.on('close', () => (stats.openSockets -= 1));
  });
  servers.push(server);
  const url = await listen(server);
  return { url, stats };
}

function keepAliveFetch(options?: Parameters<typeof createKeepAliveFetch>[0]): KeepAliveFetch {
  const f = createKeepAliveFetch(options);
  fetches.push(f);
  return f;
}

describe('createKeepAliveFetch', () => {
  it('reuses warm sockets for sequential requests (at most two: undici frees a socket one tick after its answer)', async () => {
    const { url, stats } = await countingServer();
    const f = keepAliveFetch();
    const answers: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await f(`${url}/v1/events`, { method: 'POST', headers: { 'x-probe': String(i) }, body: `{"i":${i}}` });
      expect(response.status).toBe(200);
      answers.push(await response.json());
    }
    expect(answers).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }]);
    expect(stats.connections).toBeLessThanOrEqual(2);
    expect(stats.requests.map((r) => [r.method, r.url, r.body, r.header])).toEqual(
      [0, 1, 2, 3, 4].map((i) => ['POST', '/v1/events', `{"i":${i}}`, String(i)]),
    );
  });

  it('opens at most `connections` sockets under concurrency; the rest wait their turn', async () => {
    const { url, stats } = await countingServer(50);
    const f = keepAliveFetch({ connections: 2 });
    const responses = await Promise.all(Array.from({ length: 6 }, () => f(url).then((r) => r.status)));
    expect(responses).toEqual([200, 200, 200, 200, 200, 200]);
    expect(stats.connections).toBe(2);
    expect(stats.maxInFlight).toBe(2);
  });

  it('accepts a global Request (method, headers, body, signal carried over)', async () => {
    const { url, stats } = await countingServer();
    const f = keepAliveFetch();
    const response = await f(new Request(`${url}/x?y=1`, { method: 'PUT', headers: { 'x-probe': 'req' }, body: 'payload' }));
    expect(response.status).toBe(200);
    expect(stats.requests).toEqual([{ method: 'PUT', url: '/x?y=1', body: 'payload', header: 'req' }]);
    const aborted = f(url, { signal: AbortSignal.abort() });
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('close() releases the sockets, and later calls reject', async () => {
    const { url, stats } = await countingServer();
    const f = createKeepAliveFetch();
    expect((await f(url)).status).toBe(200);
    expect(stats.openSockets).toBe(1);
    await f.close();
    // The server sees the socket close a moment later: poll (bounded) instead of a fixed sleep. Keep the
    // bound under ~3 s: undici drops an idle socket by itself then (server hint 5 s minus its 2 s margin).
    await vi.waitFor(() => expect(stats.openSockets).toBe(0), { timeout: 2_000, interval: 10 });
    await expect(f(url)).rejects.toThrow();
  });

  it('rejects invalid options with a LineError', () => {
    expect(() => createKeepAliveFetch({ connections: 0 })).toThrow(LineError);
    expect(() => createKeepAliveFetch({ keepAliveTimeoutMs: 1.5 })).toThrow(
      'createKeepAliveFetch: keepAliveTimeoutMs must be an integer >= 1, got 1.5.',
    );
  });

  it('drives createClient: a 400-recipient send over at most `connections` warm sockets', async () => {
    const seen: { token: string | undefined; to: number }[] = [];
    let connections = 0;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string[] };
        seen.push({ token: req.headers['x-line-channeltoken'] as string | undefined, to: body.to.length });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ failed: [], messageId: `m${seen.length}`, timestamp: 1, version: 1 }));
      });
    });
    server.on('connection', () => (connections += 1));
    servers.push(server);
    const baseUrl = await listen(server);
    const client = createClient({ channelToken: 'token-1', baseUrl, fetch: keepAliveFetch({ connections: 2 }), concurrency: 2 });
    const recipients = Array.from({ length: 400 }, (_, i) => `u${i.toString(16).padStart(32, '0')}`);
    for (let round = 0; round < 3; round++) {
      const result = await client.send(recipients, text('hello'));
      expect(result).toEqual({ ok: true, recipients: 400, sent: 400, failed: 0, requests: 3, possibleDuplicates: 0, failures: [] });
    }
    expect(seen).toHaveLength(9);
    expect(seen.every(({ token }) => token === 'token-1')).toBe(true);
    expect(connections).toBeLessThanOrEqual(2);
  });
});
