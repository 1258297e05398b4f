// Entry of the ingest benchmark for Bun and Deno (bench/ingest.bench.mjs starts it): the floor uses
// node:crypto, which both have. Prints one line `INGEST_ROWS <json>`.
import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as lib from '../dist/index.js';
import { measureIngest, secret } from './ingest-measure.mjs';

const key = Buffer.from(secret);
const runtime = globalThis.Bun ? `bun ${globalThis.Bun.version}` : globalThis.Deno ? `deno ${globalThis.Deno.version.deno}` : `node ${process.versions.node}`;
const rows = await measureIngest({
  lib,
  runtime,
  hmacName: 'node:crypto',
  quick: process.env.BENCH_QUICK === '1',
  floorVerify(bytes, signature) {
    const mac = createHmac('sha256', key).update(bytes).digest();
    const given = Buffer.from(signature, 'base64');
    return given.length === mac.length && timingSafeEqual(given, mac);
  },
});
console.log(`INGEST_ROWS ${JSON.stringify(rows)}`);
