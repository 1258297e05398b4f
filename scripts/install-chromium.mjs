// Installs Debian's Chromium for the inbox page test (test/integration/emulator/inbox-page.test.ts),
// which drives it headless with playwright-core (`npx playwright install` cannot download browsers here).
// Idempotent: when /usr/bin/chromium exists and answers --version, it returns at once.
// Run by scripts/test-setup.mjs (part of `npm test`); also runnable alone: `node scripts/install-chromium.mjs`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the test expects the browser. */
export const chromiumPath = '/usr/bin/chromium';

/** Flags for a headless run in a container (see ../shared/toolchain.md); add a fresh --user-data-dir per run. */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function version() {
  try {
    return execFileSync(chromiumPath, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim();
  } catch {
    return undefined;
  }
}

function run(command, args) {
  console.log(`[install-chromium] $ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.error) throw new Error(`[install-chromium] could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`[install-chromium] "${command} ${args.join(' ')}" failed with exit code ${result.status}.`);
}

/**
 * Makes sure `/usr/bin/chromium` exists: if it is missing, runs
 * `apt-get update && apt-get install -y --no-install-recommends chromium` (needs root), printing what
 * it does. Throws an Error that says what to do when that is impossible.
 */
export async function installChromium() {
  if (existsSync(chromiumPath)) {
    const found = version();
    if (found) {
      console.log(`[install-chromium] ${found} is installed at ${chromiumPath}.`);
      return;
    }
  }
  if (process.platform !== 'linux' || spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(`[install-chromium] ${chromiumPath} is missing and apt-get is not available: install Chromium so that ${chromiumPath} exists, then rerun.`);
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`[install-chromium] ${chromiumPath} is missing; installing it needs root: run "sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium", then rerun.`);
  }
  console.log(`[install-chromium] ${chromiumPath} is missing: installing Debian's chromium package.`);
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
  const installed = version();
  if (!installed) throw new Error(`[install-chromium] apt-get finished but ${chromiumPath} --version does not answer.`);
  console.log(`[install-chromium] installed ${installed}.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  installChromium().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
