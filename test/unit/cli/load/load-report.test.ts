import { describe, expect, it } from 'vitest';
import { formatLoadReport, type LoadReport } from '../../../../src/cli/load/load-report.js';

const healthy: LoadReport = {
  url: 'http://127.0.0.1:3000/callback',
  ok: true,
  stopped: 'finished',
  settings: { ratePerSecond: 1000, durationSeconds: null, count: 2000, users: 10, batch: 100, deliveriesInFlight: 8, timeoutMs: 10_000, mix: { text: 1 } },
  elapsedSeconds: 2.05,
  events: { sent: 2000, delivered: 2000, failed: 0, byKind: { text: 2000 } },
  batches: { sent: 25, ok: 25, refused: 0, timeouts: 0, connectionErrors: 0, aborted: 0 },
  throughput: { targetEventsPerSecond: 1000, sentEventsPerSecond: 999.5, eventsPerSecond: 975.6, acceptedEventsPerSecond: 975.6, batchesPerSecond: 12.2, eventsPerBatch: 80, heldBackSeconds: 0, waitingCap: 3200 },
  latencyMs: { count: 25, p50: 12.1, p95: 30.2, p99: 35, max: 40.3 },
  statusCounts: { 200: 25 },
  refusedBatches: [],
  failures: [],
  replies: { restBaseUrl: 'http://127.0.0.1:8765', received: 2000, matched: 2000, unmatched: 0, eventsWithoutReply: 0, latencyMs: { count: 2000, p50: 20, p95: 41.5, p99: 50, max: 61 } },
};

describe('formatLoadReport', () => {
  it('a healthy run: throughput against the target, latencies, statuses, replies, OK', () => {
    expect(formatLoadReport(healthy).split('\n')).toEqual([
      'line-bc load http://127.0.0.1:3000/callback',
      '2000 events from 10 users in 25 batches over 2.05 s (asked: 1000 events/s, 2000 events)',
      '',
      'throughput  976 events/s (target 1000, sent at 1000), 976 accepted/s, 12.2 batches/s, 80 events per batch',
      'latency     p50 12.1 ms, p95 30.2 ms, p99 35 ms, max 40.3 ms (25 deliveries)',
      'statuses    200 × 25',
      'failures    0 refused (non-2xx), 0 timeouts, 0 connection errors',
      'replies     2000 received, 2000 matched to an event; 0 events without a reply',
      '            reply latency p50 20 ms, p95 41.5 ms, p99 50 ms, max 61 ms',
      '',
      'OK: the bot accepted all 25 batches (2000 events).',
    ]);
  });

  it('a failing run: the refused batches, the failure messages, FAIL; a bot that fell behind; no replies', () => {
    const failing: LoadReport = {
      ...healthy,
      ok: false,
      settings: { ...healthy.settings, count: null, durationSeconds: 5 },
      events: { sent: 30, delivered: 20, failed: 10, byKind: { text: 30 } },
      batches: { sent: 3, ok: 1, refused: 1, timeouts: 1, connectionErrors: 0, aborted: 0 },
      throughput: { ...healthy.throughput, sentEventsPerSecond: 6, heldBackSeconds: 4.2, waitingCap: 1000 },
      statusCounts: { 200: 1, 500: 1 },
      refusedBatches: [{ id: 'd2', status: 500, eventCount: 10, latencyMs: 3.2, responseBody: '{"error":\n"boom"}' }],
      failures: [
        { kind: 'refused', error: 'The bot answered HTTP 500.', count: 1 },
        { kind: 'timeout', error: 'The bot did not answer: timed out after 10000 ms.', count: 1 },
      ],
      replies: { ...healthy.replies, received: 0, matched: 0, eventsWithoutReply: 20, latencyMs: null },
    };
    expect(formatLoadReport(failing).split('\n').slice(1)).toEqual([
      '30 events from 10 users in 3 batches over 2.05 s (asked: 1000 events/s, 5 s)',
      '',
      'throughput  976 events/s (target 1000, sent at 6), 976 accepted/s, 12.2 batches/s, 80 events per batch',
      'latency     p50 12.1 ms, p95 30.2 ms, p99 35 ms, max 40.3 ms (25 deliveries)',
      'statuses    200 × 1, 500 × 1',
      'failures    1 refused (non-2xx), 1 timeout, 0 connection errors',
      'refused     d2: HTTP 500, 10 events, 3.2 ms: {"error": "boom"}',
      'errors      1 × The bot answered HTTP 500.',
      '            1 × The bot did not answer: timed out after 10000 ms.',
      'replies     none received (a bot whose client uses the REST base URL http://127.0.0.1:8765 gets its replies timed)',
      '',
      'FAIL: the bot failed 2 of 3 batches (10 of 30 events).',
      'The bot (or this machine) did not keep up: 1000 events were waiting for delivery, so the users held back for 4.2 s and sent at 6 events/s (target 1000).',
    ]);
  });

  it('says why a run stopped early', () => {
    expect(formatLoadReport({ ...healthy, stopped: 'interrupted' }).split('\n')[2]).toBe('Stopped early: interrupted.');
    const unreachable = formatLoadReport({ ...healthy, stopped: 'unreachable', ok: false, batches: { ...healthy.batches, ok: 0, connectionErrors: 25 }, statusCounts: {} });
    expect(unreachable).toContain('\nStopped early: the first deliveries all failed to connect. Is the bot running at that URL?\n');
    expect(unreachable).toContain('\nstatuses    none (no answer)\n');
  });
});
