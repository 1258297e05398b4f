// The hot paths of v0.1 against hand-written baselines measured in the same run, on the built package.
// These machines are noisy: read the medians and the ratios, not single runs. Verification, decoding and
// the webhook handler are measured by ingest.bench.mjs (against the floor, on every runtime).
import { Bench } from 'tinybench';
import { createClient, text } from '../dist/index.js';
import { quick, writeReport } from './report.mjs';

const recipients = Array.from({ length: quick ? 300 : 10_000 }, (_, i) => `u${i.toString(16).padStart(32, '0')}`);
const okBody = '{"failed":[],"messageId":"1","timestamp":1,"version":1}';

const fakeFetch = async () => new Response(okBody, { status: 200 });
const client = createClient({ channelToken: 'bench-token', retry: false, concurrency: 4, fetch: fakeFetch });

const pairs = [
  [
    'send one text to 10,000 recipients (plan, serialise, 67 requests)',
    () => client.send(recipients, text('Hello from the benchmark')),
    'hand-written sequential sender: 67 fetches of 150 recipients, no byte limit, no report',
    async () => {
      for (let i = 0; i < recipients.length; i += 150) {
        const body = JSON.stringify({ to: recipients.slice(i, i + 150), toChannel: 1383378250, eventType: '138311608800106203', content: { contentType: 1, toType: 1, text: 'Hello from the benchmark' } });
        await (await fakeFetch('https://api.line.me/v1/events', { method: 'POST', headers: { 'X-Line-ChannelToken': 'bench-token' }, body })).json();
      }
    },
  ],
];

const bench = new Bench(quick ? { time: 20, iterations: 3, warmupTime: 0, warmupIterations: 1 } : { time: Number(process.env.BENCH_TIME_MS ?? 700), warmupTime: 200 });
for (const [name, fn, baseName, baseFn] of pairs) bench.add(name, fn).add(`baseline: ${baseName}`, baseFn);
await bench.run();

const median = (name) => bench.getTask(name).result.latency.p50;
const runtime = `node ${process.versions.node}`;
writeReport(
  import.meta.url,
  pairs.map(([name, , baseName]) => ({ group: 'hot path', runtime, name, ours: median(name) * 1000, baselineName: baseName, baseline: median(`baseline: ${baseName}`) * 1000, unit: 'µs', better: 'lower' })),
);
