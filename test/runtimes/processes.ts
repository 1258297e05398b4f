// Helpers of the runtime server tests (examples.test.ts, default-fetch.test.ts): start a runtime as a
// child process, capture its output line by line, wait (bounded) for its port or its output, and stop
// it for sure. Every wait has a deadline and fails with the process's whole output, so a runtime
// that crashes or hangs fails its own test quickly instead of the suite timing out.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { requireRuntimes } from '../../scripts/install-runtimes.mjs';

/** The repository root: every process runs there, so the paths in the examples' headers work. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

/** A running (or finished) child process with its output so far. */
export interface RuntimeProcess {
  /** What was started, for messages. */
  readonly label: string;
  /** Complete stdout lines so far (a last line without "\n" is included once the process exits). */
  stdoutLines(): string[];
  /** Complete stderr lines so far. */
  stderrLines(): string[];
  /** Exit code or signal, once exited. */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Both outputs and the exit state, for failure messages. */
  describe(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Tests never install a runtime: requireRuntimes() throws, saying to run `npm run test:setup`, when one is missing.
export { requireRuntimes };

const running = new Set<RuntimeProcess>();

function splitLines(text: string, exited: boolean): string[] {
  const lines = text.split('\n');
  const last = lines.pop()!;
  if (exited && last !== '') lines.push(last);
  return lines;
}

/** Starts `command args` in the repository root with `env` added to this process's environment. */
export function startProcess(command: string, args: string[], env: Record<string, string> = {}): RuntimeProcess {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(command, args, {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let exitState: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => {
    child.on('error', (error) => {
      spawnError = error;
      exitState ??= { code: null, signal: null };
      resolve();
    });
    // 'close' (not 'exit'): the output pipes are drained by then.
    child.on('close', (code, signal) => {
      exitState = { code, signal };
      resolve();
    });
  });
  const label = [command.slice(command.lastIndexOf('/') + 1), ...args].join(' ');
  const handle: RuntimeProcess = {
    label,
    stdoutLines: () => splitLines(stdout, exitState !== undefined),
    stderrLines: () => splitLines(stderr, exitState !== undefined),
    exit: () => exitState,
    describe: () =>
      `${label}: ${exitState ? `exited (code ${exitState.code}, signal ${exitState.signal})` : 'running'}` +
      `${spawnError ? `, spawn error: ${spawnError.message}` : ''}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
    async stop(graceMs = 2_000) {
      if (exitState === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      running.delete(handle);
    },
  };
  running.add(handle);
  return handle;
}

/** Stops every process started by startProcess that is still running (for afterAll, even after a failure). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((handle) => handle.stop()));
}

/** A TCP port that was free on 127.0.0.1 a moment ago (the OS picks it; we release it for the runtime). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a TCP connection to host:port is accepted (false on refusal or after `timeoutMs`). */
export function canConnect(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls 127.0.0.1:port until it accepts a connection; throws (with the output) if the process exits or after `timeoutMs`. */
export async function waitForPort(handle: RuntimeProcess, port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (handle.exit() !== undefined) throw new Error(`the process exited before listening on 127.0.0.1:${port}\n${handle.describe()}`);
    if (await canConnect('127.0.0.1', port, 250)) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms\n${handle.describe()}`);
    await sleep(50);
  }
}

/** Waits until the process has printed at least `count` stdout lines; throws (with the output) after `timeoutMs`. */
export async function waitForStdoutLines(handle: RuntimeProcess, count: number, timeoutMs = 5_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  while (handle.stdoutLines().length < count) {
    if (handle.exit() !== undefined || Date.now() > deadline) {
      throw new Error(`expected ${count} stdout lines, got ${handle.stdoutLines().length}\n${handle.describe()}`);
    }
    await sleep(20);
  }
  return handle.stdoutLines();
}

/** Waits for the process to exit by itself; kills it and throws (with the output) after `timeoutMs`. */
export async function waitForExit(handle: RuntimeProcess, timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const deadline = Date.now() + timeoutMs;
  while (handle.exit() === undefined) {
    if (Date.now() > deadline) {
      await handle.stop();
      throw new Error(`did not exit within ${timeoutMs} ms\n${handle.describe()}`);
    }
    await sleep(20);
  }
  return handle.exit()!;
}
