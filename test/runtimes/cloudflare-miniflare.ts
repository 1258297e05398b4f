// Loads Miniflare from .runtimes/ (scripts/install-runtimes.mjs pins it there, outside the library's
// dependencies) and bundles Workers for it the way wrangler does. The types below are the few members
// the Cloudflare tests use (Miniflare's own types are not available to `npm run typecheck`, which runs
// before the runtimes are installed).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { runtimeModules } from '../../scripts/install-runtimes.mjs';
import { workerBuildOptions } from '../../scripts/workerd-bundle.mjs';

/** A fetch handler of a Worker in Miniflare (`mf.getWorker(name)`). */
export interface WorkerFetcher {
  fetch(url: string, init?: RequestInit): Promise<Response>;
}

/** The Miniflare instance, as far as the tests use it. */
export interface MiniflareInstance {
  /** Sends a request to the first Worker. */
  dispatchFetch(url: string, init?: RequestInit): Promise<Response>;
  getWorker(name: string): Promise<WorkerFetcher>;
  ready: Promise<URL>;
  dispose(): Promise<void>;
}

/** `new Miniflare(options)` from the pinned Miniflare. */
export async function startMiniflare(options: Record<string, unknown>): Promise<MiniflareInstance> {
  const module = (await import(pathToFileURL(join(runtimeModules.miniflare, 'dist', 'src', 'index.js')).href)) as {
    Miniflare: new (options: Record<string, unknown>) => MiniflareInstance;
  };
  const mf = new module.Miniflare(options);
  await mf.ready;
  return mf;
}

/**
 * Bundles `entry` into `outfile` as wrangler does: esbuild, ESM, the `workerd`/`worker`/`browser`
 * conditions (so the package's `#hmac` is the Web Crypto module), no Node built-ins.
 */
export async function bundleWorker(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    ...workerBuildOptions,
    // startEmulator's dynamic import('node:http') is never called on workerd.
    external: ['node:*'],
    tsconfigRaw: {},
  });
  return outfile;
}
