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
  root: ['--input-type=module', '-e', "import 'line-business-connect';"],
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
const row = (name, key) => ({
  group: 'cold start: import over an empty `node -e ""` (median of 20 fresh processes)',
  runtime,
  name,
  ours: median(samples[key]) - empty,
  baselineName: 'budget',
  baseline: 15,
  unit: 'ms',
  better: 'lower',
  target: 1,
});
writeReport(
  import.meta.url,
  [row("import 'line-business-connect'", 'root'), row("import { createNodeMiddleware } from 'line-business-connect/node'", 'node')],
  [`An empty \`node -e ""\` took ${empty.toFixed(1)} ms (median) in this run; the rows are the median import process minus it, against the 15 ms budget (ratio ≤ 1 meets it).`],
);
