// Cold start on Node (issue 10): what importing the package adds to a fresh process, the cost every
// serverless cold start pays. Median of 20 fresh processes (interleaved, so load hits all alike) of:
// an empty `node -e ""`, importing the root entry, and importing `createNodeMiddleware` from
// `line-business-connect/node`. The package is imported by its name (self-reference through its
// `exports`, as an app would) from the built files. Target: ≤ 15 ms over the empty process each.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { quick, writeReport } from './report.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const runs = quick ? 2 : 20;
const cases = {
  empty: ['-e', ''],
  // Node's ES module loader alone (it reads files through fs/promises): what any ESM app pays first.
  emptyModule: ['--input-type=module', '-e', "import './bench/empty-module.mjs';"],
  root: ['--input-type=module', '-e', "import 'line-business-connect';"],
  rootRequire: ['-e', "require('line-business-connect');"],
  node: ['--input-type=module', '-e', "import { createNodeMiddleware } from 'line-business-connect/node'; createNodeMiddleware;"],
};

/** Wall time of one fresh process in ms, and the CPU time it used (user + system) as the OS counts it. */
function timeProcess(args) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
  return wallMs;
}

const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (let i = 0; i < runs; i++) {
  // Rotate the order each round, so no case always runs right after another.
  const names = Object.keys(cases);
  for (let k = 0; k < names.length; k++) {
    const name = names[(k + i) % names.length];
    samples[name].push(timeProcess(cases[name]));
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const empty = median(samples.empty);
const runtime = `node ${process.versions.node}`;
const budgetMs = 15;
// ours: the median import process; baseline: the median baseline process plus the 15 ms budget, so a
// ratio ≤ 1 means "at most 15 ms over the baseline" (both figures stay positive on a noisy machine).
const row = (name, key, over = 'empty') => ({
  group: `cold start: median of ${runs} fresh processes, against ${over === 'empty' ? 'an empty `node -e ""`' : 'importing an empty ES module (what the package itself adds)'} + ${budgetMs} ms`,
  runtime,
  name,
  ours: median(samples[key]),
  baselineName: `${over === 'empty' ? 'empty process' : 'empty ES module import'} (${median(samples[over]).toFixed(1)} ms) + ${budgetMs} ms budget`,
  baseline: median(samples[over]) + budgetMs,
  unit: 'ms',
  better: 'lower',
  target: 1,
});
const over = (key, base = 'empty') => `${(median(samples[key]) - median(samples[base])).toFixed(1)} ms`;
writeReport(
  import.meta.url,
  [
    row("import 'line-business-connect'", 'root'),
    row("require('line-business-connect') (CJS build)", 'rootRequire'),
    row("import { createNodeMiddleware } from 'line-business-connect/node'", 'node'),
    row("import 'line-business-connect'", 'root', 'emptyModule'),
  ],
  [
    `Over an empty \`node -e ""\` (${empty.toFixed(1)} ms): import of the root entry +${over('root')}, require of its CJS build +${over('rootRequire')}, import of createNodeMiddleware from /node +${over('node')}; Node's ES module loader alone (importing an empty .mjs) +${over('emptyModule')}, so the package itself adds +${over('root', 'emptyModule')} to an ESM app.`,
  ],
);
