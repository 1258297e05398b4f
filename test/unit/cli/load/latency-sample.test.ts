import { describe, expect, it } from 'vitest';
import { LatencySample } from '../../../../src/cli/load/latency-sample.js';

describe('LatencySample', () => {
  it('gives null before anything was added', () => {
    expect(new LatencySample().summary()).toBeNull();
  });

  it('gives exact nearest-rank percentiles while every latency is kept', () => {
    const sample = new LatencySample();
    for (let ms = 100; ms >= 1; ms--) sample.add(ms);
    expect(sample.summary()).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    const one = new LatencySample();
    one.add(12.345);
    expect(one.summary()).toEqual({ count: 1, p50: 12.3, p95: 12.3, p99: 12.3, max: 12.3 });
  });

  it('keeps at most `limit` latencies, with the exact count and maximum and close percentiles', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const sample = new LatencySample(1000, random);
    for (let i = 1; i <= 100_000; i++) sample.add((i % 1000) + 1); // uniform 1..1000
    const summary = sample.summary()!;
    expect(summary.count).toBe(100_000);
    expect(summary.max).toBe(1000);
    expect(Math.abs(summary.p50 - 500)).toBeLessThan(60);
    expect(Math.abs(summary.p95 - 950)).toBeLessThan(30);
  });
});
