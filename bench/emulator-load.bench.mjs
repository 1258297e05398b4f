// The emulator as a load source (issue: ≥ 20,000 events/s delivered in signed batches of up to 100 to a
// trivial bot on 127.0.0.1, sustained for 60 s, RSS growth ≤ 50 MB after the first 5 s). The bot runs in
// its own process (bench/trivial-bot.mjs); the virtual users send through `fake.sendAs`, each delivery
// signed and POSTed by the emulator's delivery queue. Baseline in the same run: a bare loop POSTing the
// same kind of pre-built, pre-signed 100-event batches to the same bot with the same concurrency.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createFakeLine } from '../dist/emulator.js';
import { quick, writeReport } from './report.mjs';

const durationMs = quick ? 2_000 : Number(process.env.BENCH_LOAD_SECONDS ?? 60) * 1_000;
const warmupMs = quick ? 500 : 5_000;
const floorMs = quick ? 1_000 : 10_000;
const deliveriesInFlight = 8;
const userCount = 200;
const outstandingLimit = 3_000;
const text = 'Hello bot, this is a load test message. How are you today?';

const bot = spawn(process.execPath, [new URL('./trivial-bot.mjs', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
const botOutput = [];
const port = await new Promise((resolve, reject) => {
  bot.stdout.setEncoding('utf8').on('data', (chunk) => {
    botOutput.push(chunk);
    const match = /LISTENING (\d+)/.exec(botOutput.join(''));
    if (match) resolve(Number(match[1]));
  });
  bot.once('exit', () => reject(new Error('the trivial bot exited')));
});
const webhookUrl = `http://127.0.0.1:${port}/callback`;

/** Sustained delivery through the emulator: events/s after the warm-up, and RSS growth after it. */
async function emulatorRun() {
  const fake = createFakeLine({
    webhookUrl,
    deliveriesInFlight,
    batchWindowMs: 5,
    users: Array.from({ length: userCount }, (_, i) => ({ displayName: `User ${i}` })),
  });
  const mids = fake.users.map((user) => user.mid);
  let outstanding = 0;
  let sent = 0;
  let delivered = 0;
  let failed = 0;
  const started = performance.now();
  let warmDelivered = 0;
  let warmAt = 0;
  let warmRss = 0;
  let peakRss = 0;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (warmAt !== 0) peakRss = Math.max(peakRss, rss);
  }, 250);
  while (performance.now() - started < durationMs) {
    while (outstanding < outstandingLimit) {
      outstanding++;
      const mid = mids[sent++ % mids.length];
      fake.sendAs(mid, text).then((entry) => {
        outstanding--;
        if (entry.delivered) delivered++;
        else failed++;
      });
    }
    await new Promise((resolve) => setImmediate(resolve));
    if (warmAt === 0 && performance.now() - started >= warmupMs) {
      warmAt = performance.now();
      warmDelivered = delivered;
      warmRss = process.memoryUsage.rss();
      peakRss = warmRss;
    }
  }
  const elapsedS = (performance.now() - warmAt) / 1000;
  const rate = (delivered - warmDelivered) / elapsedS;
  clearInterval(sampler);
  await fake.flush();
  await fake.close();
  const batches = fake.deliveries();
  const averageBatch = batches.reduce((sum, delivery) => sum + delivery.events.length, 0) / Math.max(1, batches.length);
  return { rate, rssGrowthMb: (peakRss - warmRss) / 2 ** 20, failed, averageBatch };
}

/** The floor: pre-built signed 100-event batches POSTed as fast as `deliveriesInFlight` connections allow. */
async function floorRun() {
  const events = Array.from({ length: 100 }, (_, i) => ({
    from: 'u206d25c2ea6bd87c17655609a1c37cb8',
    fromChannel: 1341301815,
    to: ['u0a556cffd4da0dd89c94fb36e36e1cdc'],
    toChannel: 1441301333,
    eventType: '138311609000106303',
    id: `WB1519-${3_000_000_000 + i}`,
    content: { id: String(1_700_000_000_000 + i), contentType: 1, from: 'u0f3bfc598b061eba02183bfc5280886a', to: ['u0a556cffd4da0dd89c94fb36e36e1cdc'], toType: 1, contentMetadata: null, text, location: null, createdTime: 1_700_000_000_000 },
    createdTime: 1_700_000_000_000,
  }));
  const body = JSON.stringify({ result: events });
  const signature = createHmac('sha256', 'emulator-channel-secret').update(body).digest('base64');
  let delivered = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: deliveriesInFlight }, async () => {
      while (performance.now() - started < floorMs) {
        const response = await fetch(webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=UTF-8', 'X-LINE-ChannelSignature': signature }, body });
        await response.text();
        delivered += 100;
      }
    }),
  );
  return delivered / ((performance.now() - started) / 1000);
}

const floor = await floorRun();
const ours = await emulatorRun();
bot.kill('SIGTERM');

const runtime = `node ${process.versions.node}`;
writeReport(
  import.meta.url,
  [
    {
      group: `emulator as a load source, ${deliveriesInFlight} deliveries in flight, ${durationMs / 1000} s`,
      runtime,
      name: 'events/s delivered via sendAs (signed batches of up to 100)',
      ours: ours.rate,
      baselineName: 'bare loop POSTing pre-signed 100-event batches',
      baseline: floor,
      unit: 'events/s',
      better: 'higher',
    },
    { group: 'emulator as a load source', runtime, name: 'events/s delivered (absolute)', ours: ours.rate, unit: 'events/s', better: 'higher', absoluteTarget: 20_000 },
    {
      group: 'emulator as a load source',
      runtime,
      name: `peak RSS growth after the first ${warmupMs / 1000} s`,
      ours: ours.rssGrowthMb,
      unit: 'MB',
      better: 'lower',
      absoluteTarget: 50,
    },
  ],
  [`emulator load: ${ours.failed} failed deliveries of events, ${ours.averageBatch.toFixed(1)} events per delivery on average.`],
);
