import { expect, it } from 'vitest';
import { runWithConcurrency } from '../../../src/client/run-with-concurrency.js';

it('keeps order, never exceeds the limit, and runs everything', async () => {
  let running = 0;
  let peak = 0;
  const results = await runWithConcurrency([5, 1, 4, 2, 3, 0, 1], 3, async (ms, index) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, ms));
    running--;
    return `${index}:${ms}`;
  });
  expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0', '6:1']);
  expect(peak).toBe(3);
});

it('handles no item and a limit above the count', async () => {
  expect(await runWithConcurrency([], 4, async () => 1)).toEqual([]);
  expect(await runWithConcurrency([1, 2], 10, async (n) => n * 2)).toEqual([2, 4]);
});
