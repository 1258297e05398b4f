import { describe, expect, it } from 'vitest';
import { decodeEvents } from '../../../src/events/decode-events.js';
import { eventDedupeKey } from '../../../src/webhook/event-dedupe-key.js';
import { malformedItem, rawItems, unknownItem } from '../../helpers/webhook-batch.js';

describe('eventDedupeKey', () => {
  it('keys messages by event id + message id and operations by event id + revision', () => {
    const items = rawItems(13);
    const [text, , , , , , , , follow] = decodeEvents({ result: items.map(({ item }) => item) });
    expect(eventDedupeKey(text!)).toBe('WB1000-3426467455:m:4000000');
    expect(eventDedupeKey(follow!)).toBe('WB1008-3426467463:o:2008');
  });

  it('tells apart two events that reuse one event id (as LINE fixtures do)', () => {
    const [a, b] = rawItems(2).map(({ item }) => ({ ...item, id: 'SAME-ID' }));
    const events = decodeEvents({ result: [a, b] });
    expect(eventDedupeKey(events[0]!)).not.toBe(eventDedupeKey(events[1]!));
  });

  it('gives no key to unknown events', () => {
    const events = decodeEvents({ result: [unknownItem(0).item, malformedItem(1).item] });
    expect(events.map(eventDedupeKey)).toEqual([undefined, undefined]);
  });
});
