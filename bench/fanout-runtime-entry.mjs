// Bun and Deno entry of the fan-out comparison (bench/fanout-runtime.mjs) on the built package.
// Usage: <runtime> bench/fanout-runtime-entry.mjs <origin> <count> <rounds> <concurrency,…> <warm-up rounds>
// Prints `FANOUT_RESULT <json>`.
import * as lib from '../dist/index.js';
import { compareWithFetchLoop } from './fanout-runtime.mjs';

const [origin, count, rounds, concurrencies, warmup] = globalThis.Deno?.args ?? process.argv.slice(2);
const result = await compareWithFetchLoop(lib, { origin, count: Number(count), rounds: Number(rounds), concurrencies: concurrencies.split(',').map(Number), warmup: Number(warmup) });
console.log(`FANOUT_RESULT ${JSON.stringify(result)}`);
