// The `line-bc` bin. The source is bundled with esbuild into a temp dir (so this test does not depend on
// the order of `npm run build`); the built dist/cli.js is checked too when it exists (always in `npm test`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let cli: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'line-bc-cli-'));
  cli = join(dir, 'cli.mjs');
  await build({ entryPoints: ['src/cli/line-bc.ts'], bundle: true, platform: 'node', format: 'esm', outfile: cli, logLevel: 'silent' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], file = cli) {
  const result = spawnSync(process.execPath, [file, ...args], { encoding: 'utf8', timeout: 15_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('line-bc: bad command lines exit with code 2 and say why on stderr', () => {
  const cases: [string[], string][] = [
    [['emulator', '--port', 'abc'], 'line-bc: --port must be an integer from 0 to 65535, got "abc".'],
    [['emulator', '--port', '70000'], 'line-bc: --port must be an integer from 0 to 65535, got "70000".'],
    [['emulator', '--port=-1'], 'line-bc: --port must be an integer from 0 to 65535, got "-1".'],
    [['emulator', '--port', '-1'], "line-bc: Option '--port' argument is ambiguous."],
    [['emulator', '--port'], "line-bc: Option '--port <value>' argument missing"],
    [['emulator', '--bogus'], "line-bc: Unknown option '--bogus'"],
    [['emulator', 'extra'], 'line-bc: Unexpected argument \'extra\'.'],
    [['emulator', '--webhook', 'ftp://example.com/x'], 'line-bc: --webhook must be an absolute http: or https: URL, e.g. http://127.0.0.1:3000/callback, got "ftp://example.com/x".'],
    [['emulator', '--webhook', 'not a url'], 'line-bc: --webhook must be an absolute http: or https: URL'],
    [['emulator', '--channel-id', '12ab'], 'line-bc: --channel-id must be digits, got "12ab".'],
    [['emulator', '--channel-secret', ''], 'line-bc: --channel-secret must not be empty.'],
    [['emulator', '--batch-window-ms', '1.5'], 'line-bc: --batch-window-ms must be an integer from 0 to 60000, got "1.5".'],
    [['emulator', '--trial=yes'], "line-bc: Option '--trial' does not take an argument"],
    [['emulator', '--deliveries-in-flight', '0'], 'line-bc: --deliveries-in-flight must be an integer from 1 to 1000, got "0".'],
    [['emulator', '--history-limit', 'many'], 'line-bc: --history-limit must be an integer from 1 to 10000000, got "many".'],
    [['emulator', '--token-lifetime-ms', '-5'], "line-bc: Option '--token-lifetime-ms' argument is ambiguous."],
    [['emulator', '--allowed-host', ''], 'line-bc: --allowed-host must not be empty.'],
    [['launch-rockets'], 'line-bc: unknown command "launch-rockets".'],
    [[], 'line-bc: no command given.'],
  ];
  for (const [args, message] of cases) {
    it(`line-bc ${args.join(' ') || '(nothing)'}`, () => {
      const result = run(args);
      expect(result.code).toBe(2);
      expect(result.stderr.slice(0, message.length)).toBe(message);
      expect(result.stderr).toContain('Usage: line-bc');
      expect(result.stdout).toBe('');
    });
  }
});

describe('line-bc emulator', () => {
  it('--help prints the options and exits 0', () => {
    const result = run(['emulator', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: line-bc emulator \[options\]/);
    for (const flag of ['--port', '--host', '--webhook', '--channel-secret', '--channel-token', '--channel-id', '--trial', '--batch-window-ms', '--deliveries-in-flight', '--history-limit', '--token-lifetime-ms', '--allowed-host']) {
      expect(result.stdout).toContain(flag);
    }
    expect(run(['--help']).code).toBe(0);
  });

  it('starts, prints the inbox URL, serves the REST API with the given token, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, 'emulator', '--port', '0', '--channel-token', 'cli-token', '--webhook', 'http://127.0.0.1:9/callback'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => stdout, { timeout: 10_000 }).toContain('Press Ctrl-C to stop.');
      const inbox = /inbox: +(http:\/\/127\.0\.0\.1:[0-9]+\/)/.exec(stdout)?.[1];
      expect(inbox).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/$/);
      expect(stdout).toContain('channel token:  cli-token');
      expect(stdout).toContain('webhook:        http://127.0.0.1:9/callback');
      expect((await fetch(inbox!)).headers.get('content-type')).toBe('text/html; charset=UTF-8');
      const profiles = await fetch(`${inbox}v1/profiles?mids=x`, { headers: { 'X-Line-ChannelToken': 'cli-token' } });
      expect(profiles.status).toBe(200);
      expect((await fetch(`${inbox}v1/profiles?mids=x`, { headers: { 'X-Line-ChannelToken': 'emulator-channel-token' } })).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('applies --allowed-host, --token-lifetime-ms and --deliveries-in-flight', async () => {
    const child = spawn(process.execPath, [cli, 'emulator', '--port', '0', '--allowed-host', 'emulator.test', '--token-lifetime-ms', '1', '--deliveries-in-flight', '4', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => stdout, { timeout: 10_000 }).toContain('Press Ctrl-C to stop.');
      const base = /REST base URL: +(http:\/\/127\.0\.0\.1:[0-9]+)/.exec(stdout)![1]!;
      const { request } = await import('node:http');
      const statusFor = (host: string) =>
        new Promise<number | undefined>((resolve) => {
          const call = request(`${base}/_emulator/users`, { headers: { host } }, (response) => {
            response.resume();
            resolve(response.statusCode);
          });
          call.on('error', () => resolve(undefined));
          call.end();
        });
      // Only the listed name: not even the address it listens on.
      expect(await statusFor('emulator.test')).toBe(200);
      expect(await statusFor(new URL(base).host)).toBe(403);
      // A 1 ms token lifetime: the token is already expired.
      const profiles = await new Promise<number | undefined>((resolve) => {
        const call = request(`${base}/v1/profiles?mids=x`, { headers: { host: 'emulator.test', 'X-Line-ChannelToken': 'emulator-channel-token' } }, (response) => {
          response.resume();
          resolve(response.statusCode);
        });
        call.end();
      });
      expect(profiles).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    try {
      const result = run(['emulator', '--port', String(port)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^line-bc: cannot listen: listen EADDRINUSE.*Pick another --port or --host\.\n$/);
    } finally {
      server.close();
    }
  });

  it.runIf(existsSync('dist/cli.js'))('the built bin dist/cli.js behaves the same', () => {
    expect(run(['emulator', '--help'], 'dist/cli.js').code).toBe(0);
    const bad = run(['emulator', '--port', 'x'], 'dist/cli.js');
    expect(bad.code).toBe(2);
    expect(bad.stderr.startsWith('line-bc: --port must be an integer from 0 to 65535, got "x".')).toBe(true);
  });
});
