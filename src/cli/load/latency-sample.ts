/** Percentiles of a set of latencies, in ms rounded to 0.1. */
export interface LatencySummary {
  /** How many latencies were measured. */
  count: number;
  p50: number;
  p95: number;
  p99: number;
  /** The largest measured (exact, whatever the count). */
  max: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Latencies of a load run in bounded memory: the first `limit` are all kept (exact percentiles), after
 * that a uniform random sample of `limit` of them (reservoir sampling, Algorithm R), which keeps the
 * percentiles within a fraction of a percent for any run length. The count and the maximum are exact.
 */
export class LatencySample {
  private readonly kept: Float64Array;
  private seen = 0;
  private largest = 0;

  /**
   * @param limit most latencies kept (default 100,000: 800 kB)
   * @param random a source of numbers in [0, 1) (default `Math.random`)
   */
  constructor(
    private readonly limit = 100_000,
    private readonly random: () => number = Math.random,
  ) {
    this.kept = new Float64Array(limit);
  }

  /** How many latencies were added. */
  get count(): number {
    return this.seen;
  }

  /** Adds one latency in ms. */
  add(ms: number): void {
    this.seen++;
    if (ms > this.largest) this.largest = ms;
    if (this.seen <= this.limit) {
      this.kept[this.seen - 1] = ms;
      return;
    }
    const slot = Math.floor(this.random() * this.seen);
    if (slot < this.limit) this.kept[slot] = ms;
  }

  /** p50, p95, p99 (nearest rank) and max, or `null` when nothing was measured. */
  summary(): LatencySummary | null {
    if (this.seen === 0) return null;
    const sorted = this.kept.slice(0, Math.min(this.seen, this.limit)).sort();
    const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
    return { count: this.seen, p50: round(rank(50)), p95: round(rank(95)), p99: round(rank(99)), max: round(this.largest) };
  }
}
