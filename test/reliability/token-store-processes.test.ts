// Many instances, one token (issue 11): 4 separate Node processes (token-store-instance.mjs, on the BUILT
// package) share a TokenStore served over HTTP on 127.0.0.1 by this test, and send 1,000 texts to a fake LINE
// (also here) that follows LINE's token rules: one valid token at a time, a reissue kills the old token at
// once, and tokens expire. Two rotations happen while they send (the initial pair and the first new one
// expire, 500 ms refreshAheadMs); LINE must see exactly one reissue per rotation and every send must succeed,
// each recipient delivered exactly once.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { startProcess, stopAll, waitForExit, waitForStdoutLines, type RuntimeProcess } from '../runtimes/processes.js';
import { scaled, writeFigures } from './reliability-report.js';
import { createLeakScanner } from './secret-scan.js';

const INSTANCES = 4;
const SENDS_PER_INSTANCE = scaled(250);
const INTERVAL_MS = 4_000 / SENDS_PER_INSTANCE; // the sends of each instance spread over 4 s (16 ms apart at scale 1)

const servers: Server[] = [];
afterAll(async () => {
  await stopAll();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(handle: (path: string, body: string, response: ServerResponse) => void): Promise<string> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => handle(request.url ?? '', body, response));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (response: ServerResponse, status: number, value: unknown) => {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(value));
};

interface Pair {
  accessToken: string;
  refreshToken: string;
  expiresAt?: number;
}

it(`${INSTANCES} processes, ${INSTANCES * SENDS_PER_INSTANCE} sends across 2 rotations: 0 failed sends, exactly 1 reissue per rotation, each recipient once`, async () => {
  const startedAt = Date.now();
  // --- the shared store: compare-and-set on the access token, an expiring lease (what Redis SET NX PX gives)
  const store: { pair: Pair | undefined; lease: { holder: string; until: number } | undefined; go: number | undefined; operations: Record<string, number> } = {
    pair: undefined,
    lease: undefined,
    go: undefined,
    operations: {},
  };
  const storeUrl = await serve((path, body, response) => {
    const operation = path.slice(1);
    store.operations[operation] = (store.operations[operation] ?? 0) + 1;
    const input = body === '' ? {} : (JSON.parse(body) as { expected?: string | null; next?: Pair; holder?: string; ttlMs?: number });
    if (operation === 'go') return json(response, 200, { go: store.go ?? null });
    if (operation === 'read') return json(response, 200, { pair: store.pair ?? null });
    if (operation === 'cas') {
      const stored = (store.pair?.accessToken ?? null) === input.expected;
      if (stored) store.pair = input.next;
      return json(response, 200, { stored });
    }
    if (operation === 'lease') {
      const now = Date.now();
      const held = store.lease === undefined || store.lease.holder === input.holder || store.lease.until <= now;
      if (held) store.lease = { holder: input.holder!, until: now + input.ttlMs! };
      return json(response, 200, { held });
    }
    if (operation === 'release') {
      if (store.lease?.holder === input.holder) store.lease = undefined;
      return json(response, 200, {});
    }
    json(response, 404, {});
  });

  // --- LINE: one valid token; reissue kills it at once; generation 2 expires 1.5 s after issue, 3 never soon
  const line = { generation: 1, reissues: [] as { token: string; body: string; status: number }[], delivered: new Map<string, number>(), unauthorized: 0 };
  const valid = () => ({ accessToken: `ACCESS-${line.generation}`, refreshToken: `REFRESH-${line.generation}` });
  const lineUrl = await serve((path, body, response) => {
    // The token header, as the client sent it: read from the raw request by the wrapper below.
    const token = (response as ServerResponse & { token?: string }).token;
    if (path === '/v1/oauth/accessToken') {
      const form = new URLSearchParams(body);
      const ok = token === valid().accessToken && form.get('refreshToken') === valid().refreshToken && form.get('channelSecret') === 'CHANNEL-SECRET';
      line.reissues.push({ token: token ?? '', body, status: ok ? 200 : 401 });
      if (!ok) return json(response, 401, { statusCode: '411', statusMessage: 'TOKEN_INVALID_TOKEN' });
      line.generation++;
      const expire = line.generation === 2 ? Date.now() + 1_500 : Date.now() + 86_400_000;
      return json(response, 200, { ...valid(), expire });
    }
    if (path === '/v1/events') {
      if (token !== valid().accessToken) {
        line.unauthorized++;
        return json(response, 401, { statusCode: '401', statusMessage: 'Authentication failed' });
      }
      for (const mid of (JSON.parse(body) as { to: string[] }).to) line.delivered.set(mid, (line.delivered.get(mid) ?? 0) + 1);
      return json(response, 200, { failed: [], messageId: String(line.delivered.size), timestamp: Date.now(), version: 1 });
    }
    json(response, 404, { statusCode: '404', statusMessage: 'not found' });
  });
  servers.at(-1)!.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    (response as ServerResponse & { token?: string }).token = request.headers['x-line-channeltoken'] as string | undefined;
  });

  // --- 4 instances; the pair is stored, expiring 1.5 s after the start, once they are all ready
  const instances: RuntimeProcess[] = Array.from({ length: INSTANCES }, (_, i) =>
    startProcess(process.execPath, ['test/reliability/token-store-instance.mjs', storeUrl, lineUrl, String(i + 1), String(SENDS_PER_INSTANCE), String(INTERVAL_MS)]),
  );
  for (const instance of instances) await waitForStdoutLines(instance, 1, 30_000);
  const go = Date.now() + 300;
  store.pair = { accessToken: 'ACCESS-1', refreshToken: 'REFRESH-1', expiresAt: go + 1_500 };
  store.go = go;
  const results = [];
  for (const instance of instances) {
    const exit = await waitForExit(instance, 60_000);
    expect(exit.code, instance.describe()).toBe(0);
    const line = instance.stdoutLines().find((text) => text.startsWith('RESULT '));
    expect(line, instance.describe()).toBeDefined();
    results.push(JSON.parse(line!.slice('RESULT '.length)) as { failed: string[] });
  }

  expect(results.flatMap((result) => result.failed)).toEqual([]);
  expect(line.reissues).toEqual([
    { token: 'ACCESS-1', body: 'refreshToken=REFRESH-1&channelSecret=CHANNEL-SECRET', status: 200 },
    { token: 'ACCESS-2', body: 'refreshToken=REFRESH-2&channelSecret=CHANNEL-SECRET', status: 200 },
  ]);
  expect(store.pair).toMatchObject({ accessToken: 'ACCESS-3', refreshToken: 'REFRESH-3' });
  expect(line.delivered.size).toBe(INSTANCES * SENDS_PER_INSTANCE);
  expect([...line.delivered.values()].every((count) => count === 1)).toBe(true);
  // For the record (printed by vitest on failure only through the assertions above): how the instances met.
  expect(store.operations.lease ?? 0).toBeGreaterThanOrEqual(2);

  // What the instances printed (their logger is the console) holds none of the tokens or the secret.
  const scanner = createLeakScanner({ channelSecret: 'CHANNEL-SECRET', ...Object.fromEntries([1, 2, 3].flatMap((n) => [[`access${n}`, `ACCESS-${n}`], [`refresh${n}`, `REFRESH-${n}`]])) });
  for (const instance of instances) for (const output of [...instance.stdoutLines(), ...instance.stderrLines()]) scanner.collect(output, instance.label);
  const leaks = scanner.scan();
  writeFigures(
    'token-store-processes',
    {
      title: `Rotation, ${INSTANCES} processes sharing a TokenStore over HTTP: ${INSTANCES * SENDS_PER_INSTANCE} sends across 2 rotations`,
      casesRun: INSTANCES * SENDS_PER_INSTANCE,
      unit: 'sends',
      recipientsLost: results.flatMap((result) => result.failed).length,
      duplicated: [...line.delivered.values()].filter((count) => count > 1).length,
      leaksFound: leaks.length,
      itemsScanned: scanner.collected,
      details: {
        rotations: 2,
        reissues: line.reissues.length,
        'sends answered 401 and replayed': line.unauthorized,
        'lease requests to the store': store.operations.lease ?? 0,
        'compare-and-set requests to the store': store.operations.cas ?? 0,
      },
    },
    startedAt,
  );
  expect(leaks).toEqual([]);
}, 120_000);
