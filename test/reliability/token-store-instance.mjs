// One instance of a bot for token-store-processes.test.ts: its own Node process, the BUILT package, a
// TokenStore backed by the test's store server over HTTP (as a Redis- or database-backed one would be),
// and a client whose token comes from createRefreshingToken with that store.
// Usage: node test/reliability/token-store-instance.mjs <store-url> <line-url> <name> <sends> <interval-ms>
// Prints `READY` once created; waits until the store server announces the start time (GET /go); sends
// `<sends>` texts, one every `<interval-ms>`, to `u<name>-<i>`; prints `RESULT {"failed":[…]}` and exits.
import { createClient, createRefreshingToken, text } from '../../dist/index.js';

const [storeUrl, lineUrl, name, sendsArg, intervalArg] = process.argv.slice(2);
const sends = Number(sendsArg);
const intervalMs = Number(intervalArg);

async function storeCall(operation, body) {
  const response = await fetch(`${storeUrl}/${operation}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`token store: ${operation} answered ${response.status}`);
  return response.json();
}

/** @type {import('../../dist/index.js').TokenStore} */
const store = {
  read: async () => (await storeCall('read', {})).pair ?? undefined,
  compareAndSet: async (expectedAccessToken, next) => (await storeCall('cas', { expected: expectedAccessToken ?? null, next })).stored,
  acquireLease: async (holder, ttlMs) => (await storeCall('lease', { holder, ttlMs })).held,
  releaseLease: async (holder) => void (await storeCall('release', { holder })),
};

const tokens = createRefreshingToken({ store, channelSecret: 'CHANNEL-SECRET', baseUrl: lineUrl, refreshAheadMs: 500, leaseMs: 10_000, pollMs: 20 });
const client = createClient({ channelToken: tokens, baseUrl: lineUrl, concurrency: 1 });
console.log('READY');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
let go;
while (go === undefined) {
  go = (await (await fetch(`${storeUrl}/go`)).json()).go ?? undefined;
  if (go === undefined) await sleep(20);
}
const failed = await Promise.all(
  Array.from({ length: sends }, async (_, i) => {
    await sleep(go + i * intervalMs - Date.now());
    try {
      await client.send(`u${name}-${i}`, text(`hello ${i} from ${name}`));
      return undefined;
    } catch (error) {
      return `${error.name}: ${error.message}`;
    }
  }),
);
console.log(`RESULT ${JSON.stringify({ failed: failed.filter((line) => line !== undefined) })}`);
