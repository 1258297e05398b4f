import { describe, expect, it } from 'vitest';
import { ReplyTracker } from '../../../../src/cli/load/reply-tracker.js';

describe('ReplyTracker', () => {
  it("matches a reply to the user's oldest waiting event and times it from that event", () => {
    const tracker = new ReplyTracker(100);
    tracker.expect('uA', 0);
    tracker.expect('uB', 5);
    tracker.expect('uA', 10);
    expect(tracker.waitingCount).toBe(3);
    expect(tracker.reply('uA', 30)).toBe(true); // the event of 0
    expect(tracker.reply('uB', 20)).toBe(true); // the event of 5
    expect(tracker.reply('uA', 50)).toBe(true); // the event of 10
    expect(tracker.latency.summary()).toEqual({ count: 3, p50: 30, p95: 40, p99: 40, max: 40 });
    expect(tracker).toMatchObject({ received: 3, unmatched: 0, givenUp: 0, waitingCount: 0, lastReplyTime: 50 });
  });

  it('skips events that never reached the bot, and counts replies that find no event as unmatched', () => {
    const tracker = new ReplyTracker(100);
    const failed = tracker.expect('uA', 0);
    tracker.expect('uA', 10);
    tracker.unreached('d1', 1);
    tracker.settled(failed, 'd1');
    tracker.settled(failed, 'd1');
    expect(tracker.waitingCount).toBe(1);
    expect(tracker.reply('uA', 15)).toBe(true);
    expect(tracker.latency.summary()?.max).toBe(5);
    expect(tracker.reply('uA', 16)).toBe(false);
    expect(tracker.reply('uZ', 17)).toBe(false);
    expect(tracker).toMatchObject({ received: 3, unmatched: 2, waitingCount: 0 });
  });

  it('keeps at most maxWaitingPerChat events per chat, giving up the oldest', () => {
    const tracker = new ReplyTracker(2);
    for (let i = 0; i < 5; i++) tracker.expect('uA', i);
    expect(tracker).toMatchObject({ waitingCount: 2, givenUp: 3 });
    tracker.reply('uA', 10);
    expect(tracker.latency.summary()?.max).toBe(7); // the event of 3: 0, 1 and 2 were given up
  });

  it('keeps waiting for the events of a batch that was refused or timed out (the bot may have handled them), not for those never sent', () => {
    const tracker = new ReplyTracker(100);
    const refused = tracker.expect('uA', 0);
    const unreached = [tracker.expect('uB', 0), tracker.expect('uC', 0)];
    const neverSent = tracker.expect('uD', 0);
    tracker.unreached('d2', 2);
    tracker.settled(refused, 'd1');
    for (const ticket of unreached) tracker.settled(ticket, 'd2');
    tracker.settled(neverSent, undefined);
    expect(tracker.waitingCount).toBe(1);
    expect(tracker.reply('uA', 40)).toBe(true);
    expect(tracker.reply('uB', 40)).toBe(false);
  });
});
