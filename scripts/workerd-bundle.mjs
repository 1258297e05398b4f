// Bundles a Worker module the way wrangler does (esbuild, `workerd`/`worker`/`browser` export
// conditions, so `#hmac` is the Web Crypto module) and writes a `workerd` config that runs it without
// nodejs_compat. Used by the runtime matrix (test/runtimes/runtimes.test.ts) and the ingest benchmark.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * The esbuild options of a Worker bundle as wrangler makes it: ESM for a neutral platform with the
 * `workerd`/`worker`/`browser` conditions, which make the package's `#hmac` the Web Crypto module.
 */
export const workerBuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['module', 'main'],
  logLevel: 'silent',
};

/**
 * @param {string} entry absolute path of the Worker module (its default export has `fetch` and/or `test`)
 * @returns {Promise<{ dir: string, config: string, inputs: string[] }>} the temporary folder, the
 *   config file in it, and the input files of the bundle (relative to the working directory)
 */
export async function bundleForWorkerd(entry) {
  const dir = mkdtempSync(join(tmpdir(), 'lbc-workerd-'));
  const result = await build({
    entryPoints: [entry],
    outfile: join(dir, 'worker.mjs'),
    ...workerBuildOptions,
    metafile: true,
  });
  const config = join(dir, 'config.capnp');
  writeFileSync(
    config,
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
);

const worker :Workerd.Worker = (
  # No nodejs_compat flag: the core must run on plain Workers APIs.
  compatibilityDate = "2025-09-01",
  modules = [ (name = "worker.mjs", esModule = embed "worker.mjs") ],
  bindings = [ (name = "SELF", service = "main") ],
);
`,
  );
  return { dir, config, inputs: Object.keys(result.metafile.inputs) };
}
