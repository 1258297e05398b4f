// Entry of the ingest benchmark for workerd (bench/ingest.bench.mjs bundles it as wrangler would, so the
// package's Web Crypto HMAC is used): the floor is crypto.subtle.verify, the only HMAC a Worker has
// without nodejs_compat. `run(quick)` prints one line `INGEST_ROWS <json>`. workerd's clock ticks in
// whole milliseconds, so batches are timed over ≥ 30 ms.
import * as lib from '../dist/index.js';
import { measureIngest, secret } from './ingest-measure.mjs';

export async function run(quick) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const rows = await measureIngest({
    lib,
    runtime: 'workerd',
    hmacName: 'crypto.subtle',
    quick,
    targets: false,
    now: () => Date.now(),
    batchMs: 30,
    quickBatchMs: 30,
    floorVerify: (bytes, signature) => crypto.subtle.verify('HMAC', key, Uint8Array.from(atob(signature), (c) => c.charCodeAt(0)), bytes),
  });
  console.log(`INGEST_ROWS ${JSON.stringify(rows)}`);
}
