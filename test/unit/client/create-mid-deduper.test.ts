import { describe, expect, it } from 'vitest';
import { createMidDeduper } from '../../../src/client/create-mid-deduper.js';

/** The first occurrences of `mids`, by the deduper; compared with a Set (the reference). */
const firstOccurrences = (mids: string[]) => {
  const isFirst = createMidDeduper(mids);
  return mids.filter((_mid, index) => isFirst(index));
};

describe('createMidDeduper', () => {
  it('keeps the first occurrence of each MID, in order', () => {
    expect(firstOccurrences(['u2', 'u1', 'u2', 'u3', 'u1', 'u1'])).toEqual(['u2', 'u1', 'u3']);
    expect(firstOccurrences([])).toEqual([]);
  });

  it('is exact on 50,000 LINE MIDs with 10,000 repeats (a Set agrees)', () => {
    const mids = Array.from({ length: 50_000 }, (_, i) => `u${((i * 7919) % 40_000).toString(16).padStart(32, '0')}`);
    expect(firstOccurrences(mids)).toEqual([...new Set(mids)]);
  });

  it('MIDs that share their last 8 characters (every hash collides) fall back to a Set and stay exact', () => {
    const mids = Array.from({ length: 300 }, (_, i) => `${String(i % 200).padStart(4, '0')}-same-tail`);
    expect(firstOccurrences(mids)).toEqual([...new Set(mids)]);
    expect(firstOccurrences(mids)).toHaveLength(200);
  });

  it('strings that differ only in length or in non-ASCII characters are different MIDs', () => {
    expect(firstOccurrences(['abc', 'xabc', 'abc', 'é', 'e', 'é', 'e\u0301'])).toEqual(['abc', 'xabc', 'é', 'e', 'e\u0301']);
  });
});
