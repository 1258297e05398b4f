import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../../src/cli/load/token-bucket.js';

describe('TokenBucket', () => {
  it('starts with one token, then adds rate × elapsed, handing out whole tokens up to `most`', () => {
    let now = 0;
    const bucket = new TokenBucket(1000, 100, () => now);
    expect(bucket.take(10)).toBe(1);
    expect(bucket.take(10)).toBe(0);
    now = 2.5;
    expect(bucket.take(10)).toBe(2); // 2.5 tokens: 2 whole, 0.5 kept
    now = 3;
    expect(bucket.take(10)).toBe(1);
    now = 23;
    expect(bucket.take(5)).toBe(5); // 20 there, 5 asked: 15 kept
    expect(bucket.take(100)).toBe(15);
  });

  it('keeps at most `capacity` tokens: after a stall the rate resumes, with no catch-up burst', () => {
    let now = 0;
    const bucket = new TokenBucket(1000, 100, () => now);
    bucket.take(1);
    now = 10_000; // 10 s stalled: 10,000 tokens would have accrued
    expect(bucket.take(Number.POSITIVE_INFINITY)).toBe(100);
    now = 10_010;
    expect(bucket.take(Number.POSITIVE_INFINITY)).toBe(10);
  });

  it('paces a low rate: 2 per second gives one token every 500 ms', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 1, () => now);
    const times: number[] = [];
    for (now = 0; now <= 2000; now += 20) if (bucket.take(1) === 1) times.push(now);
    expect(times).toEqual([0, 500, 1000, 1500, 2000]);
  });

  it('hands out nothing for `most` of zero or less, and keeps the tokens', () => {
    let now = 0;
    const bucket = new TokenBucket(1000, 100, () => now);
    now = 5;
    expect(bucket.take(0)).toBe(0);
    expect(bucket.take(-3)).toBe(0);
    expect(bucket.take(10)).toBe(6);
  });
});
