/**
 * Runs `task` for every item with at most `concurrency` running at once; results keep the order of
 * `items`. `task` should not reject (a rejection rejects the whole run, like `Promise.all`).
 */
export async function runWithConcurrency<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
