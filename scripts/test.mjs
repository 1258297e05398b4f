// `npm test`: every check, with what is independent run side by side. Phases run in order and stop at
// the first failure (exit code 1), so a red type check never reaches vitest:
//   1. the type check, beside the build followed by the test setup (runtimes, Chromium);
//   2. vitest: all five projects, file by file in parallel (vitest.config.ts);
//   3. the packaging checks (publint, attw), beside the size budgets.
// A step that runs beside another has its output held and printed whole when it ends, so logs never
// interleave; a step alone streams its output.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Phases in order; each is a list of lanes run side by side; a lane is `npm run` scripts run one after another. */
const phases = [
  [['typecheck'], ['build', 'test:setup']],
  [['test:projects']],
  [['check:package'], ['size']],
];

/** Runs `npm run <script>`; resolves with its exit code and, when `hold`, its output. */
function runScript(script, hold) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', script], { stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (hold) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('error', (error) => resolve({ code: 1, output: `${output}\ncould not start npm: ${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function runLane(lane, hold) {
  let output = '';
  for (const script of lane) {
    const result = await runScript(script, hold);
    output += result.output;
    if (result.code !== 0) return { lane, code: result.code, output, failed: script };
  }
  return { lane, code: 0, output };
}

const started = Date.now();
for (const phase of phases) {
  const hold = phase.length > 1;
  const results = await Promise.all(phase.map((lane) => runLane(lane, hold)));
  for (const result of results) if (hold) process.stdout.write(result.output);
  const failed = results.filter((result) => result.code !== 0);
  if (failed.length > 0) {
    for (const result of failed) console.error(`npm test: \`npm run ${result.failed}\` failed (exit code ${result.code}).`);
    process.exit(1);
  }
}
console.log(`npm test: every step passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
