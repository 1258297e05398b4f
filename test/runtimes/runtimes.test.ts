// The runtime matrix: the same smoke module (smoke.mjs) runs on the BUILT package under Node 20 (ESM
// and CJS), Node 22, Bun, Deno and workerd, each in its own process; every runtime must pass every
// check and produce exactly the results of Node 20 ESM. Needs `npm run build` first (npm test does it);
// the runtimes themselves are installed into .runtimes/ by scripts/install-runtimes.mjs (again here, a
// no-op when they are in place, so this file also runs alone).
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedRuntimes, runtimeBinaries } from '../../scripts/install-runtimes.mjs';
import { bundleForWorkerd } from '../../scripts/workerd-bundle.mjs';
import { requireRuntimes } from './processes.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const distEsm = join(root, 'dist', 'index.js');
const distCjs = join(root, 'dist', 'index.cjs');
/** A runtime process is killed after this; each test may take a little longer (spawn, parse). */
const runTimeoutMs = 20_000;
const testTimeoutMs = 30_000;

interface CheckResult {
  name: string;
  ok: boolean;
  actual: unknown;
}

interface RunOutput {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command from the repository root, with a hard time limit; never rejects on a non-zero exit. */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<RunOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), runTimeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The JSON after `<marker> ` on its own line of stdout; throws with the whole output when absent. */
function resultLine<T>(output: RunOutput, marker: string): T {
  const line = output.stdout.split('\n').find((text) => text.startsWith(`${marker} `));
  if (line === undefined) {
    throw new Error(
      `no ${marker} line (exit ${output.code}, signal ${output.signal})\n--- stdout\n${output.stdout}\n--- stderr\n${output.stderr}`,
    );
  }
  return JSON.parse(line.slice(marker.length + 1)) as T;
}

/** The file name of the #hmac module the process loaded (its `HMAC_MODULE` line). */
function hmacModule(output: RunOutput): string | undefined {
  return output.stdout.split('\n').find((line) => line.startsWith('HMAC_MODULE '))?.slice('HMAC_MODULE '.length);
}

/** Asserts every check passed, naming the failed ones with what they saw. */
function expectAllPassed(results: CheckResult[]): void {
  const failed = results.filter((result) => !result.ok).map((result) => `${result.name}: ${JSON.stringify(result.actual)}`);
  expect(failed).toEqual([]);
}

/** `RUNTIME_VERSION` of the entry files: the version numbers the runtime reports about itself. */
interface RuntimeVersion {
  node: string | null;
  bun: string | null;
  deno: string | null;
}

/** What a leg's name promises: a Node major (and no Bun/Deno), or an exact Bun or Deno version. */
type ExpectedRuntime = { node: number } | { bun: string } | { deno: string };

/** Asserts the process that ran really was the runtime the leg is named after. */
function expectRuntime(output: RunOutput, expected: ExpectedRuntime): void {
  const actual = resultLine<RuntimeVersion>(output, 'RUNTIME_VERSION');
  if ('node' in expected) {
    expect({ nodeMajor: Number(actual.node?.split('.')[0]), bun: actual.bun, deno: actual.deno }).toEqual({ nodeMajor: expected.node, bun: null, deno: null });
  } else if ('bun' in expected) {
    expect({ bun: actual.bun, deno: actual.deno }).toEqual({ bun: expected.bun, deno: null });
  } else {
    expect({ bun: actual.bun, deno: actual.deno }).toEqual({ bun: null, deno: expected.deno });
  }
}

let reference: CheckResult[];
let referenceOutput: RunOutput;

beforeAll(async () => {
  if (!existsSync(distEsm) || !existsSync(distCjs)) {
    throw new Error('dist/index.js or dist/index.cjs is missing: run `npm run build` before the runtime tests.');
  }
  requireRuntimes();
  referenceOutput = await run(process.execPath, ['test/runtimes/entry-esm.mjs']);
  reference = resultLine<CheckResult[]>(referenceOutput, 'SMOKE_RESULT');
});

describe('Node 20 ESM (the reference)', () => {
  it('passes every smoke check', () => {
    expect(reference.length).toBe(21);
    expectAllPassed(reference);
  });

  it('really runs on Node 20 (the Node that runs the tests; engines >=20.18.1)', () => {
    expectRuntime(referenceOutput, { node: 20 });
  });

  it('loads the node:crypto #hmac module (the `node` condition)', () => {
    expect(hmacModule(referenceOutput)).toBe('hmac-node.js');
  });
});

const processRuntimes: { name: string; command: () => string; args: string[]; env?: Record<string, string>; runtime: ExpectedRuntime }[] = [
  { name: 'Node 20 CJS (require dist/index.cjs)', command: () => process.execPath, args: ['test/runtimes/entry-cjs.cjs'], runtime: { node: 20 } },
  { name: 'Node 22 ESM', command: () => runtimeBinaries.node22, args: ['test/runtimes/entry-esm.mjs'], runtime: { node: 22 } },
  { name: 'Node 22 CJS', command: () => runtimeBinaries.node22, args: ['test/runtimes/entry-cjs.cjs'], runtime: { node: 22 } },
  { name: 'Bun ESM', command: () => runtimeBinaries.bun, args: ['--no-install', 'test/runtimes/entry-esm.mjs'], runtime: { bun: pinnedRuntimes.bun } },
  { name: 'Bun CJS', command: () => runtimeBinaries.bun, args: ['--no-install', 'test/runtimes/entry-cjs.cjs'], runtime: { bun: pinnedRuntimes.bun } },
  {
    name: 'Deno',
    command: () => runtimeBinaries.deno,
    args: ['run', '--no-remote', '--no-prompt', '--no-lock', '--allow-read', 'test/runtimes/entry-esm.mjs'],
    env: { DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    runtime: { deno: pinnedRuntimes.deno },
  },
];

describe.each(processRuntimes)('$name', ({ command, args, env, runtime }) => {
  it('passes every smoke check with exactly the Node 20 ESM results, on the runtime it is named after', async () => {
    const output = await run(command(), args, env);
    expectRuntime(output, runtime);
    // Node, Bun and Deno honour the `node` condition: they run the node:crypto HMAC, workerd the Web Crypto one.
    expect(hmacModule(output)).toBe(args.some((arg) => arg.endsWith('.cjs')) ? 'hmac-node.cjs' : 'hmac-node.js');
    const results = resultLine<CheckResult[]>(output, 'SMOKE_RESULT');
    expectAllPassed(results);
    expect(results).toEqual(reference);
    expect(output.code).toBe(0);
  }, testTimeoutMs);
});

// --- workerd: the worker, smoke.mjs and dist/index.js bundled as wrangler would (esbuild with the
// workerd/worker/browser conditions, so #hmac is the Web Crypto module), run without nodejs_compat.

interface WaitUntilResult {
  status: number;
  body: string;
  finished: boolean;
  log: string[];
}

let workerdBundle: { dir: string; config: string; inputs: string[] } | undefined;
let workerdRun: Promise<RunOutput> | undefined;

function runWorkerd(): Promise<RunOutput> {
  workerdRun ??= (async () => {
    workerdBundle = await bundleForWorkerd(join(root, 'test/runtimes/workerd-worker.mjs'));
    return run(runtimeBinaries.workerd, ['test', workerdBundle.config]);
  })();
  return workerdRun;
}

afterAll(() => {
  if (workerdBundle) rmSync(workerdBundle.dir, { recursive: true, force: true });
});

describe('workerd (Cloudflare Workers runtime, no nodejs_compat)', () => {
  it('loads the Web Crypto #hmac module, not the node:crypto one', async () => {
    await runWorkerd();
    expect(workerdBundle!.inputs.filter((input) => /hmac-(node|web)/.test(input))).toEqual(['dist/hmac-web.js']);
  }, testTimeoutMs);

  it('passes every smoke check with exactly the Node 20 ESM results', async () => {
    const output = await runWorkerd();
    const results = resultLine<CheckResult[]>(output, 'SMOKE_RESULT');
    expectAllPassed(results);
    expect(results).toEqual(reference);
  }, testTimeoutMs);

  it('createWebhookHandler answers 200 first and finishes the work under the real ctx.waitUntil', async () => {
    const output = await runWorkerd();
    const result = resultLine<WaitUntilResult>(output, 'WAITUNTIL_RESULT');
    expect(result.status).toBe(200);
    expect(result.body).toBe('');
    expect(result.finished).toBe(true);
    const responded = result.log.indexOf('response 200 ');
    const started = result.log.indexOf('work started (2 events)');
    const done = result.log.indexOf('work done');
    expect(responded).toBeGreaterThanOrEqual(0);
    expect(started).toBeGreaterThanOrEqual(0);
    // The response reached the caller while the work was still running, and the work completed after it.
    expect(done).toBeGreaterThan(responded);
    expect(done).toBeGreaterThan(started);
    expect(output.code).toBe(0);
  }, testTimeoutMs);
});
