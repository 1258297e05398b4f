import { describe, expect, it } from 'vitest';
import { DeliveryTally } from '../../../../src/cli/load/delivery-tally.js';
import type { DeliveryOutcome } from '../../../../src/emulator/emulator-types.js';

const outcome = (id: number, fields: Partial<DeliveryOutcome>): DeliveryOutcome => ({
  id: `d${id}`,
  time: 0,
  url: 'http://127.0.0.1:3000/callback',
  status: 200,
  ok: true,
  latencyMs: id,
  error: undefined,
  errorKind: undefined,
  responseBody: '{}',
  redeliveryOf: undefined,
  eventCount: 10,
  ...fields,
});
const refused = (id: number, status: number, body = 'no') => outcome(id, { status, ok: false, errorKind: 'refused', error: `The bot answered HTTP ${status}.`, responseBody: body });
const timeout = (id: number) => outcome(id, { status: undefined, ok: false, errorKind: 'timeout', error: 'The bot did not answer: timed out after 5 ms.', responseBody: undefined });
const unreachable = (id: number) => outcome(id, { status: undefined, ok: false, errorKind: 'connection', error: 'Could not reach the bot: fetch failed (ECONNREFUSED).', responseBody: undefined });

describe('DeliveryTally', () => {
  it('counts batches, events and statuses by outcome, with the latency of every delivery', () => {
    const tally = new DeliveryTally();
    tally.add(outcome(1, {}), 100);
    tally.add(refused(2, 500), 110);
    tally.add(timeout(3), 120);
    tally.add(unreachable(4), 130);
    tally.add(outcome(5, { errorKind: 'closed', ok: false, status: undefined, error: 'The bot did not answer: the emulator was closed.', eventCount: 3 }), 140);
    tally.add(outcome(6, { status: 202, eventCount: 1 }), 150);
    expect(tally).toMatchObject({ batches: 6, okBatches: 2, refused: 1, timeouts: 1, connectionErrors: 1, aborted: 1, deliveredEvents: 11, failedEvents: 33, lastAt: 150, failedBatches: 4 });
    expect([...tally.statusCounts]).toEqual([
      [200, 1],
      [500, 1],
      [202, 1],
    ]);
    expect(tally.latency.summary()).toEqual({ count: 6, p50: 3, p95: 6, p99: 6, max: 6 });
    expect(tally.failureCounts().map((failure) => [failure.kind, failure.count])).toEqual([
      ['refused', 1],
      ['timeout', 1],
      ['connection', 1],
      ['closed', 1],
    ]);
  });

  it('lists the first 10 refused batches (bodies cut at 200 characters) and 10 distinct failure messages, most frequent first', () => {
    const tally = new DeliveryTally();
    for (let i = 1; i <= 12; i++) tally.add(refused(i, 500, i === 1 ? 'x'.repeat(300) : 'no'));
    for (let i = 13; i <= 15; i++) tally.add(timeout(i));
    for (let status = 400; status < 410; status++) tally.add(refused(status, status));
    expect(tally.refusedBatches).toHaveLength(10);
    expect(tally.refusedBatches[0]).toEqual({ id: 'd1', status: 500, eventCount: 10, latencyMs: 1, responseBody: `${'x'.repeat(200)}…` });
    const failures = tally.failureCounts();
    expect(failures).toHaveLength(10);
    expect(failures.slice(0, 2)).toEqual([
      { kind: 'refused', error: 'The bot answered HTTP 500.', count: 12 },
      { kind: 'timeout', error: 'The bot did not answer: timed out after 5 ms.', count: 3 },
    ]);
    expect(tally.otherFailures).toBe(2);
  });

  it('counts connection errors before any delivery succeeded, and none after', () => {
    const tally = new DeliveryTally();
    tally.add(unreachable(1));
    tally.add(unreachable(2));
    expect(tally.connectionErrorsBeforeSuccess).toBe(2);
    tally.add(outcome(3, {}));
    tally.add(unreachable(4));
    expect(tally.connectionErrorsBeforeSuccess).toBe(0);
  });
});
