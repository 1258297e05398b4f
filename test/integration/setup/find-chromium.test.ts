// How the browser project finds its Chromium (scripts/install-chromium.mjs), on made-up machines: a
// PATH and CHROMIUM_PATH of our choosing, with small shell scripts standing in for browsers (they
// answer --version like Chromium does). And what the browser project says when there is none.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { howToGetChromium } from '../../../scripts/install-chromium.mjs';

const root = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lbc-chromium-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A fake browser: an executable that prints `version` for --version (or exits 1 when `version` is undefined). */
function fakeBrowser(path: string, version: string | undefined): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, version === undefined ? '#!/bin/sh\nexit 1\n' : `#!/bin/sh\necho "${version}"\n`);
  chmodSync(path, 0o755);
  return path;
}

/** findChromium() in a fresh Node process with exactly this PATH and CHROMIUM_PATH. */
async function findWith(env: { PATH: string; CHROMIUM_PATH?: string }): Promise<unknown> {
  const script = `import { findChromium } from ${JSON.stringify(join(root, 'scripts', 'install-chromium.mjs'))};
try { console.log(JSON.stringify({ found: findChromium() ?? null })); } catch (error) { console.log(JSON.stringify({ error: error.message })); }`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env });
  return JSON.parse(stdout);
}

describe('findChromium', () => {
  it('takes the first chromium, chromium-browser, google-chrome-stable or google-chrome on PATH that runs', async () => {
    const broken = fakeBrowser(join(dir, 'a', 'chromium'), undefined);
    const chrome = fakeBrowser(join(dir, 'b', 'google-chrome'), 'Google Chrome 140.0.7339.80');
    const later = fakeBrowser(join(dir, 'c', 'chromium'), 'Chromium 139.0.7258.154');
    const PATH = [dirname(broken), dirname(chrome), dirname(later)].join(':');
    expect(await findWith({ PATH })).toEqual({ found: { path: chrome, version: 'Google Chrome 140.0.7339.80' } });
  });

  it('prefers CHROMIUM_PATH, and refuses one that does not run instead of looking elsewhere', async () => {
    const onPath = fakeBrowser(join(dir, 'd', 'chromium'), 'Chromium 139.0.7258.154');
    const named = fakeBrowser(join(dir, 'e', 'my-chrome'), 'Chromium 141.0.7390.54');
    expect(await findWith({ PATH: dirname(onPath), CHROMIUM_PATH: named })).toEqual({ found: { path: named, version: 'Chromium 141.0.7390.54' } });
    const missing = join(dir, 'nowhere', 'chrome');
    expect(await findWith({ PATH: dirname(onPath), CHROMIUM_PATH: missing })).toEqual({
      error: `CHROMIUM_PATH=${missing} does not run (\`${missing} --version\` failed): point it at a Chromium or Chrome executable.`,
    });
  });

  it('finds nothing on a PATH without a browser', async () => {
    mkdirSync(join(dir, 'empty'), { recursive: true });
    expect(await findWith({ PATH: join(dir, 'empty') })).toEqual({ found: null });
  });
});

describe('the browser project without a Chromium', () => {
  it('fails, saying how to get one', async () => {
    // Only node on PATH (a folder with a link to it: node's own folder may hold a browser too). The
    // default reporter only, so this run writes no .reports/vitest.json.
    const onlyNode = join(dir, 'only-node');
    mkdirSync(onlyNode, { recursive: true });
    symlinkSync(process.execPath, join(onlyNode, 'node'));
    const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
    const result = await run(process.execPath, [vitest, 'run', '--project', 'browser', '--reporter=default'], {
      cwd: root,
      env: { PATH: onlyNode, NO_COLOR: '1', HOME: process.env.HOME ?? dir },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
    );
    expect(result.code, result.output).toBe(1);
    expect(result.output.replace(/\s+/g, ' ')).toContain(howToGetChromium);
  }, 120_000);
});
