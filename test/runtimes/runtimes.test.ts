// The runtime matrix: the same smoke module (smoke.mjs) runs on the BUILT package under Node 20 (ESM
// and CJS), Node 22, Bun, Deno and workerd, each in its own process; every runtime must pass every
// check and produce exactly the results of Node 20 ESM. Needs `npm run build` first (npm test does it);
// the runtimes themselves are installed into .runtimes/ by scripts/install-runtimes.mjs (again here, a
// no-op when they are in place, so this file also runs alone).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedRuntimes, runtimeBinaries } from '../../scripts/install-runtimes.mjs';
import { loadModuleGraph, relativePath } from './module-graph.js';
import { ensureRuntimes } from './processes.js';

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
  await ensureRuntimes();
  referenceOutput = await run(process.execPath, ['test/runtimes/entry-esm.mjs']);
  reference = resultLine<CheckResult[]>(referenceOutput, 'SMOKE_RESULT');
});

describe('Node 20 ESM (the reference)', () => {
  it('passes every smoke check', () => {
    expect(reference.length).toBe(20);
    expectAllPassed(reference);
  });

  it('really runs on Node 20 (the Node that runs the tests; engines >=20.18.1)', () => {
    expectRuntime(referenceOutput, { node: 20 });
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
    const results = resultLine<CheckResult[]>(output, 'SMOKE_RESULT');
    expectAllPassed(results);
    expect(results).toEqual(reference);
    expect(output.code).toBe(0);
  }, testTimeoutMs);
});

// --- workerd: a generated config whose modules are the worker, smoke.mjs, dist/index.js with every
// chunk it imports, and each package the core imports (valibot), under the names they are imported by.

interface WaitUntilResult {
  status: number;
  body: string;
  finished: boolean;
  log: string[];
}

let workerdDir: string | undefined;
let workerdRun: Promise<RunOutput> | undefined;

/** The file a bare specifier loads as ESM, from the package's `exports` (or `module`). */
function esmEntryOf(packageName: string): string {
  const packageDir = join(root, 'node_modules', packageName);
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    exports?: Record<string, unknown>;
    module?: string;
  };
  let target: unknown = manifest.exports?.['.'] ?? manifest.module;
  while (target !== null && typeof target === 'object') {
    const conditions = target as Record<string, unknown>;
    target = conditions.workerd ?? conditions.worker ?? conditions.import ?? conditions.default;
  }
  if (typeof target !== 'string') throw new Error(`cannot find the ESM entry of ${packageName}`);
  return join(packageDir, target);
}

function prepareWorkerd(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lbc-workerd-'));
  const modules: { name: string; source: string }[] = [
    { name: 'test/runtimes/workerd-worker.mjs', source: join(root, 'test/runtimes/workerd-worker.mjs') },
    { name: 'test/runtimes/smoke.mjs', source: join(root, 'test/runtimes/smoke.mjs') },
  ];
  const graph = loadModuleGraph(distEsm);
  const packageEntries = new Map<string, string>();
  for (const specifier of graph.bareSpecifiers) {
    const entry = esmEntryOf(specifier);
    const dependencyGraph = loadModuleGraph(entry);
    if (dependencyGraph.bareSpecifiers.length > 0 || dependencyGraph.modules.length > 1) {
      throw new Error(`${specifier} imports other modules; teach prepareWorkerd() to add them`);
    }
    packageEntries.set(specifier, entry);
  }
  const names = new Set<string>();
  for (const module of graph.modules) {
    const name = relativePath(root, module.path);
    modules.push({ name, source: module.path });
    // workerd resolves every specifier against the importer's name, a bare one too:
    // "valibot" imported by "dist/index.js" is the module named "dist/valibot".
    for (const specifier of module.imports) {
      const entry = packageEntries.get(specifier);
      const moduleName = `${name.slice(0, name.lastIndexOf('/') + 1)}${specifier}`;
      if (entry === undefined || names.has(moduleName)) continue;
      names.add(moduleName);
      modules.push({ name: moduleName, source: entry });
    }
  }
  // `embed` paths are relative to the config file and cannot leave its folder: copy everything in.
  const lines = modules.map(({ name, source }, index) => {
    const file = `m${index}.mjs`;
    copyFileSync(source, join(dir, file));
    return `    (name = ${JSON.stringify(name)}, esModule = embed ${JSON.stringify(file)}),`;
  });
  const config = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
);

const worker :Workerd.Worker = (
  # No nodejs_compat flag: the core must run on plain Workers APIs.
  compatibilityDate = "2025-09-01",
  modules = [
${lines.join('\n')}
  ],
  bindings = [ (name = "SELF", service = "main") ],
);
`;
  writeFileSync(join(dir, 'config.capnp'), config);
  return dir;
}

function runWorkerd(): Promise<RunOutput> {
  workerdRun ??= (async () => {
    workerdDir = prepareWorkerd();
    return run(runtimeBinaries.workerd, ['test', join(workerdDir, 'config.capnp')]);
  })();
  return workerdRun;
}

afterAll(() => {
  if (workerdDir) rmSync(workerdDir, { recursive: true, force: true });
});

describe('workerd (Cloudflare Workers runtime, no nodejs_compat)', () => {
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
    expect(result.body).toBe('{"ok":true}');
    expect(result.finished).toBe(true);
    const responded = result.log.indexOf('response 200 {"ok":true}');
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
