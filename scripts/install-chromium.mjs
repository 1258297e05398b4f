// Finds a Chromium for the browser test project (test/browser/), which drives it headless with
// playwright-core (`npx playwright install` cannot download browsers on every machine). In order:
//   1. the executable named by CHROMIUM_PATH (an error if it does not run: you asked for it);
//   2. the first of chromium, chromium-browser, google-chrome-stable, google-chrome on PATH that runs;
//   3. as a last resort, on Debian/Ubuntu as root, `apt-get install chromium`.
// Run by scripts/test-setup.mjs (part of `npm test`); also runnable alone: `node scripts/install-chromium.mjs`.
// When none can be had, setup only warns: the browser project then fails with the same advice.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Executable names looked up on PATH, in order. */
const names = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

/** What to do when no Chromium can be found (the browser project's failure message). */
export const howToGetChromium =
  'No Chromium for the browser tests: set CHROMIUM_PATH to a Chromium or Chrome executable, or put one on PATH ' +
  `(${names.join(', ')}); on Debian/Ubuntu: sudo apt-get install chromium. Then run \`npm run test:setup\` to check it.`;

/** The `--version` line of `file`, or undefined when it does not run. */
function versionOf(file) {
  try {
    return execFileSync(file, ['--version'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to use, with its version: CHROMIUM_PATH if set, else the first one on PATH that runs.
 * Undefined when there is none. Throws when CHROMIUM_PATH is set but does not run.
 * @returns {{ path: string, version: string } | undefined}
 */
export function findChromium() {
  const named = process.env.CHROMIUM_PATH;
  if (named) {
    const version = versionOf(named);
    if (!version) throw new Error(`CHROMIUM_PATH=${named} does not run (\`${named} --version\` failed): point it at a Chromium or Chrome executable.`);
    return { path: named, version };
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const file = join(dir, name);
      if (!isExecutable(file)) continue;
      const version = versionOf(file);
      if (version) return { path: file, version };
    }
  }
  return undefined;
}

function run(command, args) {
  console.log(`[chromium] $ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.error) throw new Error(`[chromium] could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`[chromium] "${command} ${args.join(' ')}" failed with exit code ${result.status}.`);
}

/**
 * Returns the Chromium of {@link findChromium}; when there is none and this is Debian/Ubuntu as root,
 * installs Debian's `chromium` package first. Throws {@link howToGetChromium} when none can be had.
 * @returns {Promise<{ path: string, version: string }>}
 */
export async function installChromium() {
  const found = findChromium();
  if (found) {
    console.log(`[chromium] using ${found.version} at ${found.path}.`);
    return found;
  }
  const canApt = process.platform === 'linux' && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!canApt || typeof process.getuid !== 'function' || process.getuid() !== 0) throw new Error(howToGetChromium);
  console.log("[chromium] none on PATH: installing Debian's chromium package.");
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
  const installed = findChromium();
  if (!installed) throw new Error(`[chromium] apt-get finished but no chromium runs. ${howToGetChromium}`);
  console.log(`[chromium] installed ${installed.version} at ${installed.path}.`);
  return installed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  installChromium().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
