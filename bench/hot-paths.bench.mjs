// The hot paths of v0.1 against hand-written baselines measured in the same run, on the built package.
// (Sending is measured against a real local server in fanout.bench.mjs.)
// These machines are noisy: read the medians and the ratios, not single runs.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Bench } from 'tinybench';
import { createWebhookHandler, decodeEvents, signBody, verifySignature } from '../dist/index.js';
import { batchBody } from './batch-body.mjs';
import { quick, writeReport } from './report.mjs';

const secret = 'bench-channel-secret';
const body = batchBody(100);
const bytes = new TextEncoder().encode(body);
const signature = await signBody(bytes, secret);

const handler = createWebhookHandler({ channelSecret: secret, respond: 'after-processing', onMessage() {}, onOperation() {} });
const request = () =>
  new Request('https://bot.example/callback', { method: 'POST', headers: { 'X-LINE-ChannelSignature': signature }, body: bytes });

/** Baseline: what a hand-written Node handler does (node:crypto HMAC, timingSafeEqual, JSON.parse). */
function nodeCryptoVerify() {
  const expected = createHmac('sha256', secret).update(bytes).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const pairs = [
  ['verify a 100-event batch', () => verifySignature(bytes, signature, secret), 'node:crypto HMAC + timingSafeEqual', nodeCryptoVerify],
  ['JSON.parse + decodeEvents (100 events)', () => decodeEvents(JSON.parse(body)), 'JSON.parse alone', () => JSON.parse(body)],
  [
    'createWebhookHandler, signed Request in, Response out',
    () => handler(request()),
    'hand-written handler: text(), node:crypto, JSON.parse',
    async () => {
      const raw = await request().text();
      createHmac('sha256', secret).update(raw).digest('base64');
      JSON.parse(raw);
      return new Response('{}');
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
