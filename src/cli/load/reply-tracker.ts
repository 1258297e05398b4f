import { Deque } from '../../emulator/deque.js';
import { LatencySample } from './latency-sample.js';

/** One event a virtual user sent, waiting for the bot's reply. */
export interface ReplyTicket {
  /** When the event was queued (`performance.now()` ms). */
  readonly queuedAt: number;
  /** `false` once answered, given up, or known never to have reached the bot. */
  live: boolean;
}

/**
 * Matches the bot's replies to the events users sent, per chat and in order: a reply to a user answers
 * that user's oldest event still waiting, and its latency runs from that event being queued to the reply
 * arriving. Memory is bounded: each chat keeps at most `maxWaitingPerChat` waiting events (the oldest
 * are given up first and counted in {@link ReplyTracker.givenUp}).
 */
export class ReplyTracker {
  private readonly waiting = new Map<string, Deque<ReplyTicket>>();
  /** Deliveries that never reached the bot, with how many of their events are still to settle. */
  private readonly unreachedDeliveries = new Map<string, number>();
  /** Latencies of the matched replies. */
  readonly latency = new LatencySample();
  /** Replies the bot sent to the chats being tracked. */
  received = 0;
  /** Replies that found no waiting event (the bot sent more than one per event). */
  unmatched = 0;
  /** Waiting events dropped to keep memory bounded. */
  givenUp = 0;
  private live = 0;
  private lastReplyAt = 0;

  constructor(private readonly maxWaitingPerChat: number) {}

  /** Events still waiting for a reply (their delivery succeeded or is still under way). */
  get waitingCount(): number {
    return this.live;
  }

  /** When the latest reply arrived (`performance.now()` ms; 0 before the first). */
  get lastReplyTime(): number {
    return this.lastReplyAt;
  }

  /** A user sent an event into `chatMid` at `queuedAt`. */
  expect(chatMid: string, queuedAt: number): ReplyTicket {
    let queue = this.waiting.get(chatMid);
    if (queue === undefined) this.waiting.set(chatMid, (queue = new Deque()));
    const ticket: ReplyTicket = { queuedAt, live: true };
    queue.push(ticket);
    this.live++;
    while (queue.length > this.maxWaitingPerChat) {
      const dropped = queue.shift()!;
      if (dropped.live) {
        dropped.live = false;
        this.live--;
        this.givenUp++;
      }
    }
    return ticket;
  }

  /** Stop waiting for the reply to this event. */
  cancel(ticket: ReplyTicket): void {
    if (!ticket.live) return;
    ticket.live = false;
    this.live--;
  }

  /** A delivery that never reached the bot (no connection): its `eventCount` events owe no reply. */
  unreached(deliveryId: string, eventCount: number): void {
    this.unreachedDeliveries.set(deliveryId, eventCount);
  }

  /**
   * The delivery that carried the event finished (`deliveryId`, or `undefined` when it was never sent).
   * Its reply stays owed unless the delivery never reached the bot: a batch refused or answered too late
   * may still have been processed, and answered.
   */
  settled(ticket: ReplyTicket, deliveryId: string | undefined): void {
    if (deliveryId === undefined) {
      this.cancel(ticket);
      return;
    }
    const left = this.unreachedDeliveries.get(deliveryId);
    if (left === undefined) return;
    this.cancel(ticket);
    if (left <= 1) this.unreachedDeliveries.delete(deliveryId);
    else this.unreachedDeliveries.set(deliveryId, left - 1);
  }

  /** The bot's reply to `chatMid` arrived at `at`; returns whether it answered a waiting event. */
  reply(chatMid: string, at: number): boolean {
    this.received++;
    this.lastReplyAt = at;
    const queue = this.waiting.get(chatMid);
    while (queue !== undefined && queue.length > 0) {
      const ticket = queue.shift()!;
      if (!ticket.live) continue;
      ticket.live = false;
      this.live--;
      this.latency.add(at - ticket.queuedAt);
      return true;
    }
    this.unmatched++;
    return false;
  }
}
