// The fan-out comparison on Bun, Deno and workerd (no Node-only import: it runs in all three), started by
// bench/fanout.bench.mjs: `client.send` with the default transport (the runtime's own fetch) against a
// bare fetch loop sending the same pre-built bodies with the same concurrency, interleaved rounds.
import { messageText, mids, prebuiltBodies } from './fanout-setup.mjs';

/**
 * @param {typeof import('../dist/index.js')} lib the built package
 * @param {{ origin: string, count: number, concurrencies: number[], rounds: number, warmup: number }} options
 * @returns {Promise<Record<string, { loopMs: number[], oursMs: number[] }>>} wall ms per round, by concurrency
 */
export async function compareWithFetchLoop(lib, { origin, count, concurrencies, rounds, warmup }) {
  const recipients = mids(count);
  const bodies = prebuiltBodies(recipients);
  const headers = { 'Content-Type': 'application/json; charset=UTF-8', 'X-Line-ChannelToken': 'bench-token' };
  const message = lib.text(messageText);
  const results = {};
  for (const concurrency of concurrencies) {
    const loop = async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < bodies.length) {
            const response = await fetch(`${origin}/v1/events`, { method: 'POST', headers, body: bodies[next++] });
            await response.text();
          }
        }),
      );
    };
    const client = lib.createClient({ channelToken: 'bench-token', baseUrl: origin, concurrency });
    const ours = async () => {
      const report = await client.send(recipients, message);
      if (report.sent !== count || report.requests !== bodies.length) throw new Error(`bench: unexpected report ${JSON.stringify(report)}`);
    };
    const samples = { loopMs: [], oursMs: [] };
    for (let round = -warmup; round < rounds; round++) {
      for (const [name, run] of [['loopMs', loop], ['oursMs', ours]]) {
        const started = performance.now();
        await run();
        if (round >= 0) samples[name].push(performance.now() - started);
      }
    }
    results[concurrency] = samples;
  }
  return results;
}
