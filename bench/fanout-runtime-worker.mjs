// workerd entry of the fan-out comparison (bench/fanout-runtime.mjs), bundled with the built package by
// bench/fanout.bench.mjs and run by `workerd test`; the Worker's global outbound reaches the local server.
// Text bindings ORIGIN, COUNT, ROUNDS, CONCURRENCIES, WARMUP. Logs `FANOUT_RESULT <json>`.
import * as lib from '../dist/index.js';
import { compareWithFetchLoop } from './fanout-runtime.mjs';

export default {
  async test(_controller, env) {
    const result = await compareWithFetchLoop(lib, {
      origin: env.ORIGIN,
      count: Number(env.COUNT),
      rounds: Number(env.ROUNDS),
      concurrencies: env.CONCURRENCIES.split(',').map(Number),
      warmup: Number(env.WARMUP),
    });
    console.log(`FANOUT_RESULT ${JSON.stringify(result)}`);
  },
};
