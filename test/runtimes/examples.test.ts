// The runtime examples, each run IN ITS RUNTIME as a real server on 127.0.0.1 (a free port, no other
// address), the way its header comment says: examples/deno/main.ts under `deno run`,
// examples/bun/server.ts under `bun`, examples/hono/app.ts under `bun` and `deno serve`, and
// examples/cloudflare-worker/worker.mjs under workerd (bundled by esbuild as wrangler does, with the
// channel secret as a text binding). Each gets a wrongly signed delivery (401, exact JSON) and then
// the signed SDK batch (200, no body); its stdout must be exactly the two log lines of the batch.
// 'line-business-connect' resolves to the BUILT package (dist/, via package.json `exports`): run
// `npm run build` first. (Node runs the same examples in test/integration/node/examples.test.ts.)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeBinaries } from '../../scripts/install-runtimes.mjs';
import { canConnect, requireRuntimes, freePort, root, startProcess, stopAll, waitForPort, waitForStdoutLines } from './processes.js';

/** What the library's default logger prints for the delivery signed with the wrong secret. */
const forgedWarning =
  '[line-business-connect] webhook delivery rejected with 401: SignatureError: The X-LINE-ChannelSignature header does not match the body: check the channel secret, and verify the raw body bytes, not re-serialised JSON.';

const channelSecret = 'testsecret';
const testTimeoutMs = 15_000;

/** test/fixtures/sdk-batch.json: a text message "hello" and an opType 4 (added as friend), as LINE sent it. */
const batch = new Uint8Array(readFileSync(join(root, 'test/fixtures/sdk-batch.json')));
/** What every example logs for that batch, in order. */
const batchLog = ['text from uff2aec188e58752ee1fb0f9507c6529a: hello', 'followed by u0f3bfc598b061eba02183bfc5280886a'];
const json = 'application/json; charset=utf-8';
const rejectedBody = '{"error":"signature_mismatch","message":"The X-LINE-ChannelSignature header does not match the body."}';

let signBody: (body: Uint8Array | string, secret: string) => Promise<string>;
let tempDir: string;

beforeAll(async () => {
  const dist = join(root, 'dist', 'index.js');
  ({ signBody } = (await import(pathToFileURL(dist).href).catch(() => {
    throw new Error('dist/index.js is missing: run `npm run build` before the runtime tests.');
  })) as { signBody: typeof signBody });
  requireRuntimes();
  tempDir = mkdtempSync(join(tmpdir(), 'lbc-examples-'));
  // Bun applies tsconfig.json `paths`, which map the package's own name to src/ (for type checking
  // the examples); an empty tsconfig makes Bun resolve it like a user's install: dist/ via `exports`.
  writeFileSync(join(tempDir, 'tsconfig.json'), '{}\n');
});

afterAll(async () => {
  await stopAll();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

async function deliver(port: number, signature: string): Promise<{ status: number; type: string | null; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=UTF-8', 'x-line-channelsignature': signature },
    body: batch,
  });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

/** The workerd config of the Worker example: the bundled module, the secret binding, one socket on 127.0.0.1. */
async function prepareWorker(port: number): Promise<string> {
  const dir = mkdtempSync(join(tempDir, 'workerd-'));
  // tsconfigRaw {}: ignore the repository's `paths` (→ src/), resolve the package's `exports` (→ dist/).
  await build({
    entryPoints: [join(root, 'examples/cloudflare-worker/worker.mjs')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker'],
    mainFields: ['module', 'main'],
    tsconfigRaw: {},
    outfile: join(dir, 'worker.mjs'),
    logLevel: 'silent',
  });
  // The example's own compatibility date, and (like its wrangler.toml) no compatibility flags.
  const wrangler = readFileSync(join(root, 'examples/cloudflare-worker/wrangler.toml'), 'utf8');
  const compatibilityDate = /^compatibility_date\s*=\s*"([\d-]+)"/m.exec(wrangler)?.[1];
  if (compatibilityDate === undefined) throw new Error('no compatibility_date in examples/cloudflare-worker/wrangler.toml');
  const config = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  compatibilityDate = "${compatibilityDate}",
  modules = [ (name = "worker.mjs", esModule = embed "worker.mjs") ],
  bindings = [ (name = "LINE_CHANNEL_SECRET", text = "${channelSecret}") ],
);
`;
  const file = join(dir, 'config.capnp');
  writeFileSync(file, config);
  return file;
}

interface ExampleRun {
  name: string;
  /** Command, arguments and extra environment to serve the example on 127.0.0.1:port. */
  start(port: number): Promise<{ command: string; args: string[]; env: Record<string, string> }>;
  /** The runtime's own startup lines, before the example's log. */
  banner(port: number): { stdout: string[]; stderr: string[] };
}

const denoFlags = ['--no-prompt', '--no-remote', '--no-lock'];

const examples: ExampleRun[] = [
  {
    name: 'examples/deno/main.ts under `deno run` (Deno.serve)',
    start: async (port) => ({
      command: runtimeBinaries.deno,
      args: ['run', ...denoFlags, '--allow-net', '--allow-env', 'examples/deno/main.ts'],
      env: { LINE_CHANNEL_SECRET: channelSecret, HOST: '127.0.0.1', PORT: String(port) },
    }),
    banner: (port) => ({ stdout: [], stderr: [`Listening on http://127.0.0.1:${port}/`] }),
  },
  {
    name: 'examples/bun/server.ts under `bun` (Bun.serve)',
    start: async (port) => ({
      command: runtimeBinaries.bun,
      args: ['--no-install', '--tsconfig-override', join(tempDir, 'tsconfig.json'), 'examples/bun/server.ts'],
      env: { LINE_CHANNEL_SECRET: channelSecret, HOST: '127.0.0.1', PORT: String(port) },
    }),
    banner: (port) => ({ stdout: [`LINE webhook listening on http://127.0.0.1:${port}/callback`], stderr: [] }),
  },
  {
    name: 'examples/hono/app.ts under `bun` (default export served by Bun)',
    start: async (port) => ({
      command: runtimeBinaries.bun,
      args: [
        '--no-install',
        '--tsconfig-override',
        join(tempDir, 'tsconfig.json'),
        // Bun has no flag for the address: the preload pins 127.0.0.1 (see the file).
        '--preload',
        './test/runtimes/bun-listen-loopback.mjs',
        '--port',
        String(port),
        'examples/hono/app.ts',
      ],
      env: { LINE_CHANNEL_SECRET: channelSecret },
    }),
    banner: (port) => ({ stdout: [`Started development server: http://127.0.0.1:${port}`], stderr: [] }),
  },
  {
    name: 'examples/hono/app.ts under `deno serve`',
    start: async (port) => ({
      command: runtimeBinaries.deno,
      args: ['serve', ...denoFlags, '--allow-env', '--host', '127.0.0.1', '--port', String(port), 'examples/hono/app.ts'],
      env: { LINE_CHANNEL_SECRET: channelSecret },
    }),
    banner: (port) => ({ stdout: [], stderr: [`deno serve: Listening on http://127.0.0.1:${port}/`] }),
  },
  {
    name: 'examples/cloudflare-worker/worker.mjs under `workerd serve` (text binding LINE_CHANNEL_SECRET)',
    start: async (port) => ({ command: runtimeBinaries.workerd, args: ['serve', await prepareWorker(port)], env: {} }),
    banner: () => ({ stdout: [], stderr: [] }),
  },
];

describe.each(examples)('$name', ({ start, banner }) => {
  it(
    'serves on 127.0.0.1 only: wrong signature 401, signed batch 200, logs exactly the batch',
    async () => {
      const port = await freePort();
      const { command, args, env } = await start(port);
      const server = startProcess(command, args, env);
      try {
        await waitForPort(server, port);
        // 127.0.0.2 is loopback too: a server bound to all interfaces would accept it.
        expect(await canConnect('127.0.0.2', port), 'listens beyond 127.0.0.1').toBe(false);

        // Wrong signature first: had it reached a callback, its log line would come before the batch's.
        const wrong = await deliver(port, await signBody(batch, 'not-the-channel-secret'));
        expect(wrong).toEqual({ status: 401, type: json, body: rejectedBody });

        const accepted = await deliver(port, await signBody(batch, channelSecret));
        expect(accepted).toEqual({ status: 200, type: null, body: '' });

        const expected = banner(port);
        // Workers answer before the callbacks run (ctx.waitUntil): wait for the lines, bounded.
        const stdout = await waitForStdoutLines(server, expected.stdout.length + batchLog.length);
        expect(stdout, server.describe()).toEqual([...expected.stdout, ...batchLog]);
        // The library warns (default logger, stderr) about the delivery with the wrong signature: exactly once.
        expect(server.stderrLines(), server.describe()).toEqual([...expected.stderr, forgedWarning]);
        expect(server.exit(), 'the server exited while serving').toBeUndefined();
      } finally {
        await server.stop();
      }
      expect(await canConnect('127.0.0.1', port), 'still listening after stop').toBe(false);
    },
    testTimeoutMs,
  );
});
