// Ingest at the floor (issue 10): parseWebhook and createWebhookHandler on a signed 100-event (~47 kB,
// every message kind and operation) and 1-event batch, against the fastest thing each runtime offers
// (read the body, its fastest HMAC-SHA256, compare, JSON.parse), on Node, Bun, Deno and workerd; on Node
// also against @line/bot-sdk's validateSignature + JSON.parse. The measuring code is one runtime-neutral
// module (ingest-measure.mjs); Bun, Deno and workerd run it in their own processes on the built package.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateSignature } from '@line/bot-sdk';
import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as lib from '../dist/index.js';
import { runtimeBinaries } from '../scripts/install-runtimes.mjs';
import { bundleForWorkerd } from '../scripts/workerd-bundle.mjs';
import { measureIngest, secret } from './ingest-measure.mjs';
import { quick, writeReport } from './report.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const key = Buffer.from(secret);
const rows = await measureIngest({
  lib,
  runtime: `node ${process.versions.node}`,
  hmacName: 'node:crypto',
  quick,
  floorVerify(bytes, signature) {
    const mac = createHmac('sha256', key).update(bytes).digest();
    const given = Buffer.from(signature, 'base64');
    return given.length === mac.length && timingSafeEqual(given, mac);
  },
  peer: {
    name: '@line/bot-sdk 11',
    parse(bytes, signature) {
      const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (!validateSignature(body, secret, signature)) throw new Error('bot-sdk: bad signature');
      return JSON.parse(body.toString());
    },
  },
});

/** Runs a command from the repository root and returns the rows it printed on its `INGEST_ROWS` line. */
function rowsOf(label, command, args) {
  const run = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, BENCH_QUICK: quick ? '1' : '0', DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' }, timeout: 600_000 });
  const line = `${run.stdout}\n${run.stderr}`.split('\n').find((text) => text.includes('INGEST_ROWS '));
  if (!line) throw new Error(`${label}: no INGEST_ROWS line (exit ${run.status})\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line.slice(line.indexOf('INGEST_ROWS ') + 'INGEST_ROWS '.length));
}

rows.push(...rowsOf('bun', runtimeBinaries.bun, ['--no-install', 'bench/ingest-runtime.mjs']));
rows.push(...rowsOf('deno', runtimeBinaries.deno, ['run', '--no-remote', '--no-prompt', '--no-lock', '--allow-read', '--allow-env', 'bench/ingest-runtime.mjs']));

// workerd: the worker entry bundled as wrangler would (Web Crypto #hmac), run by `workerd test`.
const entry = join(root, '.reports', `ingest-worker-entry-${process.pid}.mjs`);
writeFileSync(entry, `import { run } from ${JSON.stringify(join(root, 'bench/ingest-worker.mjs'))};\nexport default { test: () => run(${quick}) };\n`);
const worker = await bundleForWorkerd(entry);
try {
  rows.push(...rowsOf('workerd', runtimeBinaries.workerd, ['test', worker.config]));
} finally {
  rmSync(worker.dir, { recursive: true, force: true });
  rmSync(entry, { force: true });
}

writeReport(import.meta.url, rows, [
  'Each time is the median µs per delivery over 80 interleaved rounds of batched calls (every Request built before the clock starts); each ratio is the median of the per-round ratios of the two, which ran back to back. The ratio is the figure of record: when the rounds fall into a fast and a slow cluster (the machine was busy for part of the run), the two medians can come from different clusters and disagree with it.',
  'The floor reads the body (arrayBuffer), runs the runtime’s fastest HMAC-SHA256 (node:crypto on Node, Bun and Deno; crypto.subtle on workerd), compares in constant time and JSON.parses; it validates nothing.',
]);
