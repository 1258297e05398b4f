// Child process of bench/fanout.bench.mjs: peak RSS growth of one `client.send` of a 200-character text to
// `count` recipients from an async generator (a database cursor), over createUndiciTransport, against the
// server at `origin`. Usage: node --expose-gc bench/fanout-memory.mjs <origin> <count>
// Prints `{"count":N,"baseMb":N,"peakGrowthMb":N,"report":{...}}`. A fresh process per figure, so one
// run's garbage is not another's baseline; the baseline is taken after a warm-up send (JIT, sockets,
// undici loaded) and a full GC.
import { createClient, text } from '../dist/index.js';
import { createUndiciTransport } from '../dist/node.js';
import { messageText, midCursor } from './fanout-setup.mjs';

const [origin, countArg] = process.argv.slice(2);
const count = Number(countArg);
const transport = createUndiciTransport({ connections: 16 });
const client = createClient({ channelToken: 'bench-token', baseUrl: origin, transport, concurrency: 16 });
const message = text(messageText);

await client.send(midCursor(3_000), message);
global.gc?.();
global.gc?.();
const baseBytes = process.memoryUsage.rss();
let peakBytes = baseBytes;
const sample = () => {
  const rss = process.memoryUsage.rss();
  if (rss > peakBytes) peakBytes = rss;
};
// Sampled on a timer and after every request (a busy event loop may delay the timer).
const timer = setInterval(sample, 2);
const report = await client.send(midCursor(count), message, { onRequest: sample });
clearInterval(timer);
sample();
await transport.close();
const mb = (bytes) => bytes / 2 ** 20;
console.log(JSON.stringify({ count, baseMb: mb(baseBytes), peakGrowthMb: mb(peakBytes - baseBytes), report }));
