// The fake LINE (`createFakeLine` from line-business-connect/emulator) is a plain fetch handler: the same
// scenario (fake-line-smoke.mjs: delivery to the bot's handler, the bot's answer through fake.fetch, an SDK
// shape with its warning, profiles and media, typed input errors, token expiry, the JSON API) runs on the
// BUILT package under Node 20, Deno and workerd (bundled by esbuild as wrangler does, no nodejs_compat),
// with no port and no network; every runtime must produce exactly Node's results.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeBinaries } from '../../scripts/install-runtimes.mjs';
import { requireRuntimes, root, startProcess, stopAll, waitForExit, type RuntimeProcess } from './processes.js';

interface CheckResult {
  name: string;
  ok: boolean;
  actual: unknown;
}

let tempDir: string;
let reference: CheckResult[];

function resultOf(handle: RuntimeProcess): CheckResult[] {
  const marker = 'FAKE_LINE_RESULT ';
  const line = handle.stdoutLines().find((text) => text.startsWith(marker));
  if (line === undefined) throw new Error(`no FAKE_LINE_RESULT line\n${handle.describe()}`);
  return JSON.parse(line.slice(marker.length)) as CheckResult[];
}

function failedChecks(results: CheckResult[]): string[] {
  return results.filter((result) => !result.ok).map((result) => `${result.name}: ${JSON.stringify(result.actual)}`);
}

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'emulator.js'))) throw new Error('dist/emulator.js is missing: run `npm run build` first.');
  requireRuntimes();
  tempDir = mkdtempSync(join(tmpdir(), 'lbc-fake-line-'));
  const node = startProcess(process.execPath, ['test/runtimes/fake-line-entry.mjs']);
  expect(await waitForExit(node)).toEqual({ code: 0, signal: null });
  reference = resultOf(node);
}, 60_000);

afterAll(async () => {
  await stopAll();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

describe('the fake LINE as a fetch handler', () => {
  it('passes every check on Node 20', () => {
    expect(reference.map((result) => result.name)).toHaveLength(6);
    expect(failedChecks(reference)).toEqual([]);
  });

  it('gives exactly the same results on Deno', async () => {
    const deno = startProcess(runtimeBinaries.deno, ['run', '--no-remote', '--no-prompt', '--no-lock', '--allow-read', 'test/runtimes/fake-line-entry.mjs'], {
      DENO_NO_UPDATE_CHECK: '1',
      NO_COLOR: '1',
    });
    expect(await waitForExit(deno), deno.describe()).toEqual({ code: 0, signal: null });
    expect(resultOf(deno)).toEqual(reference);
  }, 30_000);

  it('gives exactly the same results on workerd (bundled as wrangler does, no nodejs_compat)', async () => {
    const dir = mkdtempSync(join(tempDir, 'workerd-'));
    await build({
      entryPoints: [join(root, 'test/runtimes/fake-line-worker-test.mjs')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker'],
      mainFields: ['module', 'main'],
      // startEmulator's dynamic import('node:http') is never called on workerd.
      external: ['node:*'],
      tsconfigRaw: {},
      outfile: join(dir, 'worker.mjs'),
      logLevel: 'silent',
    });
    writeFileSync(
      join(dir, 'config.capnp'),
      `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = ( services = [ (name = "main", worker = .worker) ] );

const worker :Workerd.Worker = (
  compatibilityDate = "2025-09-01",
  modules = [ (name = "worker.mjs", esModule = embed "worker.mjs") ],
);
`,
    );
    const workerd = startProcess(runtimeBinaries.workerd, ['test', join(dir, 'config.capnp')]);
    const exit = await waitForExit(workerd);
    expect(resultOf(workerd)).toEqual(reference);
    expect(exit, workerd.describe()).toEqual({ code: 0, signal: null });
  }, 30_000);
});
