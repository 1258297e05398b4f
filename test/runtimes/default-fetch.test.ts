// The client's DEFAULT fetch (no `fetch` option) on runtimes whose global fetch is picky about `this`:
// on workerd, a `globalThis.fetch` stored in an object and called as its method throws "Illegal
// invocation", so createClient must call it as a plain function. Proven on the BUILT package
// (`npm run build` first):
// - workerd: default-fetch-worker.mjs (bundled with dist by esbuild) runs under `workerd test` with
//   `globalOutbound = "fake-line"`, a second in-config worker (fake-line-worker.mjs) that plays LINE
//   and records what it got; a control call shows the method-call pattern really throws there.
// - Deno and Bun: default-fetch-entry.mjs sends with the runtime's real global fetch to a local
//   HTTP server on 127.0.0.1 that plays LINE and records the request.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeBinaries } from '../../scripts/install-runtimes.mjs';
import { requireRuntimes, root, startProcess, stopAll, waitForExit, type RuntimeProcess } from './processes.js';

const testTimeoutMs = 15_000;

// The values of default-fetch.mjs, restated: the test checks them, it does not take them from the code under test.
const channelToken = 'default-fetch-token';
const recipient = 'u0a556cffd4da0dd89c94fb36e36e1cdc';
/** `POST /v1/events` body of one text message to one user (spec §3), byte for byte. */
const expectedBody =
  `{"to":["${recipient}"],"toChannel":1383378250,"eventType":"138311608800106203",` +
  '"content":{"contentType":1,"toType":1,"text":"hello through the default fetch"}}';
const expectedBodyBytes = new TextEncoder().encode(expectedBody).byteLength;
/** The SendResult of LINE accepting that request, and what onRequest saw (fake LINE answers messageId/timestamp 1347940533207). */
const expectedResult = {
  ok: true,
  report: { ok: true, recipients: 1, sent: 1, failed: 0, requests: 1, possibleDuplicates: 0, failures: [] },
  requests: [{ recipients: [recipient], ok: true, messageId: '1347940533207', failed: [], timestamp: 1347940533207, maybeDuplicated: false }],
};

let tempDir: string;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/index.js is missing: run `npm run build` before the runtime tests.');
  requireRuntimes();
  tempDir = mkdtempSync(join(tmpdir(), 'lbc-default-fetch-'));
});

afterAll(async () => {
  await stopAll();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

/** The JSON after `DEFAULT_FETCH_RESULT ` on stdout; throws with the whole output when absent. */
function resultLine<T>(handle: RuntimeProcess): T {
  const marker = 'DEFAULT_FETCH_RESULT ';
  const line = handle.stdoutLines().find((text) => text.startsWith(marker));
  if (line === undefined) throw new Error(`no DEFAULT_FETCH_RESULT line\n${handle.describe()}`);
  return JSON.parse(line.slice(marker.length)) as T;
}

async function bundle(entry: string, outfile: string): Promise<void> {
  // tsconfigRaw {}: no tsconfig `paths`; the workers import ../../dist/index.js directly anyway.
  await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker'],
    mainFields: ['module', 'main'],
    tsconfigRaw: {},
    outfile,
    logLevel: 'silent',
  });
}

describe('workerd: createClient without a fetch option, global outbound to an in-config fake LINE', () => {
  it('sends with the global fetch: exact request recorded by fake-line, exact SendResult', async () => {
    const dir = mkdtempSync(join(tempDir, 'workerd-'));
    await bundle('test/runtimes/default-fetch-worker.mjs', join(dir, 'client.mjs'));
    await bundle('test/runtimes/fake-line-worker.mjs', join(dir, 'fake-line.mjs'));
    writeFileSync(
      join(dir, 'config.capnp'),
      `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .client),
    (name = "fake-line", worker = .fakeLine),
  ],
);

# No nodejs_compat: plain Workers APIs. Every global fetch of "main" goes to "fake-line".
const client :Workerd.Worker = (
  compatibilityDate = "2025-09-01",
  modules = [ (name = "client.mjs", esModule = embed "client.mjs") ],
  bindings = [ (name = "FAKE_LINE", service = "fake-line") ],
  globalOutbound = "fake-line",
);

const fakeLine :Workerd.Worker = (
  compatibilityDate = "2025-09-01",
  modules = [ (name = "fake-line.mjs", esModule = embed "fake-line.mjs") ],
);
`,
    );
    const run = startProcess(runtimeBinaries.workerd, ['test', join(dir, 'config.capnp')]);
    const exit = await waitForExit(run);
    const { control, result, recorded } = resultLine<{ control: string; result: unknown; recorded: unknown }>(run);

    // The pattern the client must avoid does throw here; otherwise this test would prove nothing.
    expect(control).toMatch(/^TypeError: Illegal invocation\b/);
    expect(recorded).toEqual([
      {
        method: 'POST',
        url: 'https://fake-line.test/v1/events',
        headers: [
          ['content-length', String(expectedBodyBytes)],
          ['content-type', 'application/json; charset=UTF-8'],
          ['x-line-channeltoken', channelToken],
        ],
        body: expectedBody,
      },
    ]);
    expect(result).toEqual(expectedResult);
    expect(exit, run.describe()).toEqual({ code: 0, signal: null });
  }, testTimeoutMs);
});

interface RecordedRequest {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local LINE on 127.0.0.1 (free port) that records each request and accepts `POST /v1/events`. */
async function startFakeLine(): Promise<{ server: Server; baseUrl: string; port: number; recorded: RecordedRequest[] }> {
  const recorded: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      recorded.push({ method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (request.method === 'POST' && request.url === '/v1/events') {
        response.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
        response.end('{"failed":[],"messageId":"1347940533207","timestamp":1347940533207,"version":1}');
      } else {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end('{"statusCode":"404","statusMessage":"not found"}');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { server, baseUrl: `http://127.0.0.1:${port}`, port, recorded };
}

const localRuntimes: { name: string; command: () => string; args: (port: number, baseUrl: string) => string[] }[] = [
  {
    name: 'Deno',
    command: () => runtimeBinaries.deno,
    args: (port, baseUrl) => ['run', '--no-prompt', '--no-remote', '--no-lock', `--allow-net=127.0.0.1:${port}`, 'test/runtimes/default-fetch-entry.mjs', baseUrl],
  },
  {
    name: 'Bun',
    command: () => runtimeBinaries.bun,
    args: (_port, baseUrl) => ['--no-install', 'test/runtimes/default-fetch-entry.mjs', baseUrl],
  },
];

describe.each(localRuntimes)('$name: createClient without a fetch option, real global fetch to a local fake LINE', ({ command, args }) => {
  it('sends with the global fetch: exact request recorded, exact SendResult', async () => {
    const line = await startFakeLine();
    try {
      const run = startProcess(command(), args(line.port, line.baseUrl));
      const exit = await waitForExit(run);
      const result = resultLine<unknown>(run);
      expect(line.recorded, run.describe()).toHaveLength(1);
      const [request] = line.recorded;
      expect(request!.method).toBe('POST');
      expect(request!.url).toBe('/v1/events');
      expect(request!.body).toBe(expectedBody);
      expect(request!.headers['host']).toBe(`127.0.0.1:${line.port}`);
      expect(request!.headers['content-type']).toBe('application/json; charset=UTF-8');
      expect(request!.headers['content-length']).toBe(String(expectedBodyBytes));
      expect(request!.headers['x-line-channeltoken']).toBe(channelToken);
      // The library adds no other LINE header (no Trial headers, nothing secret).
      expect(Object.keys(request!.headers).filter((name) => name.startsWith('x-line-'))).toEqual(['x-line-channeltoken']);
      expect(result).toEqual(expectedResult);
      expect(exit, run.describe()).toEqual({ code: 0, signal: null });
    } finally {
      line.server.closeAllConnections();
      await new Promise((resolve) => line.server.close(resolve));
    }
  }, testTimeoutMs);
});
