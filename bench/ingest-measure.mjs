// The ingest measurement, runtime-neutral (Web APIs only), run unchanged on Node, Bun, Deno and workerd by
// bench/ingest.bench.mjs: parseWebhook and createWebhookHandler on signed 100-event and 1-event batches,
// decoding, each against a baseline timed in the same process. Every timed call gets a Request built
// before the clock starts (with the headers a server's Request has, Content-Length included), so what is
// timed is what a server pays per delivery after its runtime made the Request: reading the body, the
// HMAC, the compare, JSON.parse (the floor), and for us decoding too.
import { batchBody } from './batch-body.mjs';

export const secret = 'bench-channel-secret';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Times each task in batches of calls, the tasks interleaved round by round (so a load spike hits all of
 * them), and returns each task's time per call in µs, one sample per round.
 * @param {{ name: string, make: () => unknown, run: (input: unknown) => unknown }[]} tasks
 * @param {{ rounds: number, batchMs: number, now: () => number }} options
 */
export async function timeTasks(tasks, { rounds, batchMs, now }) {
  const sizes = [];
  for (const task of tasks) {
    // Calibrate: double the batch until it lasts batchMs (the clock may be coarse, e.g. 1 ms on workerd).
    let size = 1;
    for (;;) {
      const inputs = Array.from({ length: size }, task.make);
      const start = now();
      for (const input of inputs) await task.run(input);
      if (now() - start >= batchMs || size >= 1 << 16) break;
      size *= 2;
    }
    sizes.push(size);
  }
  const samples = tasks.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < tasks.length; k++) {
      const index = (k + round) % tasks.length;
      const task = tasks[index];
      const inputs = Array.from({ length: sizes[index] }, task.make);
      const start = now();
      for (const input of inputs) await task.run(input);
      samples[index].push(((now() - start) * 1000) / sizes[index]);
    }
  }
  return Object.fromEntries(tasks.map((task, index) => [task.name, samples[index]]));
}

/** The median of some numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Measures one runtime.
 * @param {object} options
 * @param {Record<string, any>} options.lib the built package (dist/index.js)
 * @param {string} options.runtime e.g. "node 20.20.2"
 * @param {string} options.hmacName the floor's HMAC, e.g. "node:crypto"
 * @param {(bytes: Uint8Array, signature: string) => boolean | Promise<boolean>} options.floorVerify that runtime's fastest HMAC-SHA256 + compare
 * @param {boolean} options.quick a seconds-long smoke run
 * @param {() => number} [options.now] a clock in ms (default performance.now)
 * @param {number} [options.batchMs] how long one timed batch of calls lasts at least (default 2 ms)
 * @param {number} [options.quickBatchMs] the same in a quick run (default 1 ms; more where the clock is coarse)
 * @param {{ name: string, parse: (bytes: Uint8Array, signature: string) => unknown }} [options.peer] another library's verify + parse (Node: @line/bot-sdk)
 * @param {boolean} [options.targets] whether the issue's targets apply to this runtime (not on workerd)
 * @returns {Promise<import('./report.mjs').BenchRow[]>}
 */
export async function measureIngest({ lib, runtime, hmacName, floorVerify, quick, now = () => performance.now(), batchMs = 2, quickBatchMs = 1, peer, targets = true }) {
  const handler = lib.createWebhookHandler({ channelSecret: secret, respond: 'after-processing', onMessage() {}, onOperation() {} });
  const options = { channelSecret: secret };
  const rows = [];
  for (const count of [100, 1]) {
    const text = batchBody(count);
    const bytes = encoder.encode(text);
    const signature = await lib.signBody(bytes, secret);
    // The headers of a real delivery: a runtime's server puts LINE's Content-Length on the Request.
    const headers = { 'content-type': 'application/json; charset=UTF-8', 'content-length': String(bytes.byteLength), 'x-line-channelsignature': signature };
    const request = () => new Request('https://bot.example.com/callback', { method: 'POST', headers, body: bytes });
    const parsed = JSON.parse(text);
    const tasks = [
      { name: 'parseWebhook', make: request, run: (r) => lib.parseWebhook(r, options) },
      {
        name: 'floor',
        make: request,
        async run(r) {
          const body = new Uint8Array(await r.arrayBuffer());
          if (!(await floorVerify(body, r.headers.get('x-line-channelsignature')))) throw new Error('floor: bad signature');
          return JSON.parse(decoder.decode(body));
        },
      },
      { name: 'createWebhookHandler', make: request, run: (r) => handler(r) },
    ];
    if (peer) {
      tasks.push({
        name: 'peer',
        make: request,
        async run(r) {
          return peer.parse(new Uint8Array(await r.arrayBuffer()), r.headers.get('x-line-channelsignature'));
        },
      });
    }
    if (count === 100) {
      tasks.push({ name: 'decodeEvents', make: () => parsed, run: (p) => lib.decodeEvents(p) }, { name: 'JSON.parse', make: () => text, run: (t) => JSON.parse(t) });
    }
    const samples = await timeTasks(tasks, { rounds: quick ? 3 : 80, batchMs: quick ? quickBatchMs : batchMs, now });
    const times = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
    // Ours and its baseline ran back to back in every round: the median of the per-round ratios.
    const paired = (ours, baseline) => median(samples[ours].map((value, round) => value / samples[baseline][round]));
    const group = `ingest, ${count === 100 ? `100-event batch (${(bytes.byteLength / 1000).toFixed(1)} kB)` : `1-event batch (${bytes.byteLength} B)`}`;
    const row = (name, task, baselineName, baselineTask, target) => ({
      group,
      runtime,
      name,
      ours: times[task],
      baselineName,
      baseline: times[baselineTask],
      ratio: paired(task, baselineTask),
      unit: 'µs',
      better: 'lower',
      ...(targets && target !== undefined ? { target } : {}),
    });
    rows.push(row('parseWebhook', 'parseWebhook', `floor: read + ${hmacName} HMAC + compare + JSON.parse`, 'floor', 1.3));
    if (peer) rows.push(row('parseWebhook', 'parseWebhook', `${peer.name} validateSignature + JSON.parse`, 'peer', 1.0));
    rows.push(row('createWebhookHandler (no-op callbacks, 200 Response)', 'createWebhookHandler', 'parseWebhook', 'parseWebhook', 1.1));
    if (count === 100) rows.push(row('decodeEvents (after JSON.parse)', 'decodeEvents', 'JSON.parse of the same body', 'JSON.parse', 0.3));
  }
  return rows;
}
