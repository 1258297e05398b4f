// Fan-out: `client.send` of a 200-character text to 100,000 recipients against a local server that answers
// like LINE (bench/line-server.mjs, its own process), measured against the floor in the same run: a bare
// undici Pool sending the same pre-built bodies (same requests, same bytes) with the same concurrency.
// Wall time gives recipients/s; process.cpuUsage() the CPU of this process (the client side only).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { Pool } from 'undici';
import { createClient, text } from '../dist/index.js';
import { createUndiciTransport } from '../dist/node.js';
import { messageText, mids, prebuiltBodies } from './fanout-setup.mjs';
import { quick, writeReport } from './report.mjs';
import { pinnedRuntimes, runtimeBinaries } from '../scripts/install-runtimes.mjs';

/**
 * Starts bench/line-server.mjs as its own process.
 * @returns {Promise<{ origin: string, stats(): Promise<{ requests: number, bodyBytes: number }>, stop(): void }>}
 */
async function startLineServer() {
  const child = spawn(process.execPath, [new URL('./line-server.mjs', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench: line-server exited (${code}) before listening`)));
  });
  const origin = `http://127.0.0.1:${JSON.parse(first).port}`;
  return {
    origin,
    stats: async () => (await fetch(`${origin}/stats`)).json(),
    stop: () => child.stdin.end(),
  };
}

const recipientCount = quick ? 3_000 : 100_000;
const rounds = quick ? 1 : Number(process.env.BENCH_ROUNDS ?? 9);
// JavaScriptCore (Bun) and V8 tier code up only after many runs; the floor's few lines warm up sooner.
const warmup = quick ? 1 : Number(process.env.BENCH_WARMUP ?? 3);
const concurrencies = [16, 64];
const server = await startLineServer();
const recipients = mids(recipientCount);
const bodies = prebuiltBodies(recipients);
const headers = { 'Content-Type': 'application/json; charset=UTF-8', 'X-Line-ChannelToken': 'bench-token' };

/** Runs `send` once: wall ms, CPU ms, and what the server received (checked to be the floor's). */
async function measure(send) {
  global.gc?.();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await send();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, received: await server.stats() };
}

/** The floor: a bare undici Pool, `concurrency` loops sending the pre-built bodies and reading each answer. */
function floorSender(concurrency) {
  const pool = new Pool(server.origin, { connections: concurrency, pipelining: 1 });
  const send = async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const response = await pool.request({ path: '/v1/events', method: 'POST', headers, body: bodies[next++] });
          await response.body.text();
        }
      }),
    );
  };
  return { send, close: () => pool.close() };
}

/** A bare `fetch` loop with the same bodies (the baseline of the default transport). */
function fetchLoopSender(concurrency) {
  const send = async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const response = await fetch(`${server.origin}/v1/events`, { method: 'POST', headers, body: bodies[next++] });
          await response.text();
        }
      }),
    );
  };
  return { send, close: async () => {} };
}

function clientSender(concurrency, transportName) {
  const transport = transportName === 'undici' ? createUndiciTransport({ connections: concurrency }) : undefined;
  const client = createClient({ channelToken: 'bench-token', baseUrl: server.origin, concurrency, ...(transport ? { transport } : {}) });
  const message = text(messageText);
  const send = async () => {
    const result = await client.send(recipients, message);
    if (result.sent !== recipientCount || result.requests !== bodies.length) throw new Error(`bench: unexpected report ${JSON.stringify(result)}`);
  };
  return { send, close: async () => transport?.close() };
}

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
const runtime = `node ${process.versions.node}`;
const rows = [];
for (const concurrency of concurrencies) {
  const senders = {
    floor: floorSender(concurrency),
    undici: clientSender(concurrency, 'undici'),
    fetchLoop: fetchLoopSender(concurrency),
    fetch: clientSender(concurrency, 'fetch'),
  };
  const samples = Object.fromEntries(Object.keys(senders).map((name) => [name, { wallMs: [], cpuMs: [] }]));
  let expected;
  // Warm-up rounds (JIT, sockets), then rounds interleaving the senders so that load drifts hit all alike.
  for (let round = -warmup; round < rounds; round++) {
    for (const [name, sender] of Object.entries(senders)) {
      const { wallMs, cpuMs, received } = await measure(sender.send);
      expected ??= received;
      if (received.requests !== expected.requests || received.bodyBytes !== expected.bodyBytes) {
        throw new Error(`bench: ${name} sent ${JSON.stringify(received)}, the floor ${JSON.stringify(expected)}`);
      }
      if (round >= 0) {
        samples[name].wallMs.push(wallMs);
        samples[name].cpuMs.push(cpuMs);
      }
    }
  }
  for (const sender of Object.values(senders)) await sender.close();
  const rate = (name) => recipientCount / (median(samples[name].wallMs) / 1000);
  const cpu = (name) => median(samples[name].cpuMs);
  const group = `fan-out, ${recipientCount.toLocaleString('en-US')} recipients, concurrency ${concurrency}`;
  const floorName = `floor: undici Pool, ${expected.requests} pre-built bodies`;
  rows.push(
    { group, runtime, name: 'client.send, createUndiciTransport', ours: rate('undici'), baselineName: floorName, baseline: rate('floor'), unit: 'recipients/s', better: 'higher', target: 0.9 },
    { group, runtime, name: 'CPU of client.send, createUndiciTransport', ours: cpu('undici'), baselineName: `CPU of the ${floorName}`, baseline: cpu('floor'), unit: 'ms', better: 'lower', target: 1.5 },
    { group, runtime, name: 'client.send, default fetch transport', ours: rate('fetch'), baselineName: floorName, baseline: rate('floor'), unit: 'recipients/s', better: 'higher' },
    { group, runtime, name: 'client.send, default fetch transport', ours: rate('fetch'), baselineName: 'bare fetch loop, same bodies', baseline: rate('fetchLoop'), unit: 'recipients/s', better: 'higher' },
    { group, runtime, name: 'CPU of client.send, default fetch transport', ours: cpu('fetch'), baselineName: `CPU of the ${floorName}`, baseline: cpu('floor'), unit: 'ms', better: 'lower' },
  );
}

// Memory: a streamed send of 1,000,000 (and 100,000) recipients, each in a fresh process.
const memory = (count) => {
  const output = execFileSync(process.execPath, ['--expose-gc', new URL('./fanout-memory.mjs', import.meta.url).pathname, server.origin, String(count)], { encoding: 'utf8' });
  const figure = JSON.parse(output.trim().split('\n').at(-1));
  if (figure.report.sent !== count) throw new Error(`bench: the streamed send of ${count} reported ${JSON.stringify(figure.report)}`);
  return figure;
};
const [large, small] = quick ? [20_000, 2_000] : [1_000_000, 100_000];
const memoryRuns = Number(process.env.BENCH_MEMORY_RUNS ?? (quick ? 1 : 3));
// Growth under 1 MB counts as 1 MB: below that RSS sampling only sees page noise (a small send can
// even measure 0), and a ratio against noise means nothing.
const growth = (count) => Math.max(1, median(Array.from({ length: memoryRuns }, () => memory(count).peakGrowthMb)));
const largeMb = growth(large);
const smallMb = growth(small);
const memoryGroup = 'memory: peak RSS growth of a streamed send (async generator, createUndiciTransport, concurrency 16)';
rows.push(
  { group: memoryGroup, runtime, name: `${large.toLocaleString('en-US')} recipients`, ours: largeMb, baselineName: 'budget', baseline: 64, unit: 'MB', better: 'lower', target: 1 },
  { group: memoryGroup, runtime, name: `${large.toLocaleString('en-US')} recipients`, ours: largeMb, baselineName: `${small.toLocaleString('en-US')} recipients`, baseline: smallMb, unit: 'MB', better: 'lower', target: 1.2 },
);

// Bun, Deno and workerd: the default transport (their own fetch) against a bare fetch loop, same bodies.
const runtimeRounds = quick ? 1 : Number(process.env.BENCH_RUNTIME_ROUNDS ?? 7);
const runtimeWarmup = quick ? 1 : Number(process.env.BENCH_RUNTIME_WARMUP ?? 8);
const runtimeArgs = [server.origin, String(recipientCount), String(runtimeRounds), concurrencies.join(','), String(runtimeWarmup)];
const runOutput = (command, args) => {
  const run = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' }, maxBuffer: 16 * 2 ** 20 });
  const line = run.stdout.split('\n').find((text) => text.startsWith('FANOUT_RESULT '));
  if (run.status !== 0 || line === undefined) throw new Error(`bench: ${command} failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line.slice('FANOUT_RESULT '.length));
};
const workerdResult = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lbc-fanout-workerd-'));
  try {
    await build({
      entryPoints: [new URL('./fanout-runtime-worker.mjs', import.meta.url).pathname],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker'],
      mainFields: ['module', 'main'],
      outfile: join(dir, 'bench.mjs'),
      logLevel: 'silent',
    });
    const [origin, count, roundCount, list, warmupCount] = runtimeArgs;
    writeFileSync(
      join(dir, 'config.capnp'),
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .bench), (name = "internet", network = (allow = ["local"])) ],
);
const bench :Workerd.Worker = (
  compatibilityDate = "2025-09-01",
  modules = [ (name = "bench.mjs", esModule = embed "bench.mjs") ],
  bindings = [ (name = "ORIGIN", text = "${origin}"), (name = "COUNT", text = "${count}"), (name = "ROUNDS", text = "${roundCount}"), (name = "CONCURRENCIES", text = "${list}"), (name = "WARMUP", text = "${warmupCount}") ],
  globalOutbound = "internet",
);
`,
    );
    return runOutput(runtimeBinaries.workerd, ['test', join(dir, 'config.capnp')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
const entry = new URL('./fanout-runtime-entry.mjs', import.meta.url).pathname;
const runtimes = [
  [`bun ${pinnedRuntimes.bun}`, () => runOutput(runtimeBinaries.bun, ['--no-install', entry, ...runtimeArgs])],
  [`deno ${pinnedRuntimes.deno}`, () => runOutput(runtimeBinaries.deno, ['run', '--no-prompt', '--no-remote', '--no-lock', '--allow-read', '--allow-env', '--allow-net', entry, ...runtimeArgs])],
  [`workerd ${pinnedRuntimes.workerd}`, workerdResult],
];
for (const [name, run] of runtimes) {
  const result = await run();
  for (const concurrency of concurrencies) {
    const { loopMs, oursMs } = result[concurrency];
    rows.push({
      group: `fan-out, ${recipientCount.toLocaleString('en-US')} recipients, concurrency ${concurrency}`,
      runtime: name,
      name: "client.send, default transport (the runtime's fetch)",
      ours: recipientCount / (median(oursMs) / 1000),
      baselineName: 'bare fetch loop, same bodies',
      baseline: recipientCount / (median(loopMs) / 1000),
      unit: 'recipients/s',
      better: 'higher',
      target: 0.9,
    });
  }
  await server.stats(); // reset the counters
}
server.stop();

writeReport(import.meta.url, rows, [
  `Medians of ${rounds} interleaved rounds after ${warmup} warm-up rounds. The server (bench/line-server.mjs) runs in its own process; CPU is this process's only. Every sender must deliver the same number of requests and body bytes as the floor.`,
  `Bun, Deno, workerd: medians of ${runtimeRounds} interleaved rounds after ${runtimeWarmup} warm-up rounds (bench/fanout-runtime.mjs) against the same server; workerd's clock advances only across I/O, which every request is.`,
  `Memory: median of ${memoryRuns} fresh processes per count (bench/fanout-memory.mjs), RSS sampled every 2 ms and after every request, growth over the RSS after a warm-up send and a full GC.`,
]);
