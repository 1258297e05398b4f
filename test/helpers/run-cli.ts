// Runs the BUILT `line-bc` (dist/cli.js; `npm test` builds first) as a process, asynchronously so that
// servers in the test process keep answering it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** dist/cli.js of this checkout. */
export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** How a CLI run ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js …args`; `onStart` gets the child process once it runs (to signal it). */
export function runCli(args: readonly string[], onStart?: (child: ChildProcess) => void): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    onStart?.(child);
  });
}

/** Runs `node dist/cli.js …args` that print one JSON object (`--json`); fails with both outputs when stdout is not JSON. */
export async function runCliJson<T>(args: readonly string[]): Promise<{ code: number | null; report: T; stderr: string }> {
  const run = await runCli(args);
  let report: T;
  try {
    report = JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
  return { code: run.code, report, stderr: run.stderr };
}
