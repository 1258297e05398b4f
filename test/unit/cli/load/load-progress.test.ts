import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatProgressBar, formatProgressLine, LoadProgress, type LoadProgressSnapshot } from '../../../../src/cli/load/load-progress.js';

const snapshot: LoadProgressSnapshot = { elapsedMs: 2000, fraction: 0.5, sent: 5000, delivered: 4900, batches: 49, failedBatches: 1 };

afterEach(() => {
  vi.useRealTimers();
});

describe('progress text', () => {
  it('a plain line: time, events sent and accepted, batches, accepted events per second', () => {
    expect(formatProgressLine(snapshot)).toBe('load 2.0 s: 5000 events sent, 4900 accepted, 49 batches (1 failed), 2450 events/s');
    expect(formatProgressLine({ ...snapshot, elapsedMs: 0, batches: 1 })).toBe('load 0.0 s: 5000 events sent, 4900 accepted, 1 batch (1 failed), 0 events/s');
  });

  it('a bar that fits the terminal width', () => {
    expect(formatProgressBar(snapshot, 100)).toBe(`[${'#'.repeat(20)}${'·'.repeat(20)}]  50%  5000 sent  4900 ok  1 failed batches  2450/s`);
    expect(formatProgressBar({ ...snapshot, fraction: 0.2, sent: 5, delivered: 0, failedBatches: 0 }, 80)).toBe(`[${'#'.repeat(5)}${'·'.repeat(20)}]  20%  5 sent  0 ok  0 failed batches  0/s`);
    const narrow = formatProgressBar({ ...snapshot, fraction: 1 }, 60);
    expect(narrow).toHaveLength(59);
    expect(narrow.startsWith(`[${'#'.repeat(10)}] 100%  5000 sent`)).toBe(true);
    // A terminal that gives no width (or 0) gets 80 columns.
    expect(formatProgressBar(snapshot, 0)).toBe(formatProgressBar(snapshot, 80));
    expect(formatProgressBar(snapshot)).toBe(formatProgressBar(snapshot, 80));
  });
});

describe('LoadProgress', () => {
  it('redraws a bar in place every 200 ms on a TTY and erases it at the end', () => {
    vi.useFakeTimers();
    const writes: string[] = [];
    const progress = new LoadProgress({ isTTY: true, columns: 100, write: (text: string) => writes.push(text) });
    let fraction = 0;
    progress.start(() => ({ ...snapshot, fraction: (fraction += 0.25) }));
    vi.advanceTimersByTime(450);
    progress.stop();
    progress.stop();
    expect(writes).toEqual([`\r${formatProgressBar({ ...snapshot, fraction: 0.25 }, 100)}\u001b[K`, `\r${formatProgressBar({ ...snapshot, fraction: 0.5 }, 100)}\u001b[K`, '\r\u001b[K']);
  });

  it('writes a plain line every second elsewhere, and nothing at the end', () => {
    vi.useFakeTimers();
    const writes: string[] = [];
    const progress = new LoadProgress({ write: (text: string) => writes.push(text) });
    progress.start(() => snapshot);
    vi.advanceTimersByTime(2500);
    progress.stop();
    expect(writes).toEqual([`${formatProgressLine(snapshot)}\n`, `${formatProgressLine(snapshot)}\n`]);
  });
});
