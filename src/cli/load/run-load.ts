import { startEmulator } from '../../emulator/start-emulator.js';
import type { Emulator } from '../../emulator/emulator-types.js';
import { DeliveryTally } from './delivery-tally.js';
import { LoadProgress, type LoadProgressSnapshot, type ProgressStream } from './load-progress.js';
import type { LoadReport } from './load-report.js';
import { buildLoadMessage, createKindPicker, type MessageKind, type MessageWeights } from './message-mix.js';
import { ReplyTracker } from './reply-tracker.js';
import { TokenBucket } from './token-bucket.js';

/** What `line-bc load` runs (the parsed command line). */
export interface LoadOptions {
  /** The bot's event endpoint URL, the only address deliveries go to. */
  url: string;
  /** Signs the deliveries. */
  channelSecret: string;
  /** The token the emulator's REST side accepts from the bot (default the emulator's). */
  channelToken: string | undefined;
  /** `toChannel` of the events (default the emulator's). */
  channelId: string | undefined;
  /** Target events per second. */
  ratePerSecond: number;
  /** Run for this long… */
  durationMs: number | undefined;
  /** …or until this many events were sent. */
  count: number | undefined;
  /** Virtual users sending, in turn. */
  users: number;
  /** Most events per delivery (1–100). */
  batch: number;
  /** Deliveries at once. */
  deliveriesInFlight: number;
  /** Time the bot has to answer a delivery. */
  timeoutMs: number;
  /** Message kinds and their weights. */
  mix: MessageWeights;
  /** Where the emulator's REST side listens. */
  port: number;
  host: string;
  /** After the last delivery, how long to wait for the next reply while events still wait for one. */
  replyWaitMs: number;
}

/** Where a run shows itself: the banner (REST base URL, token) and the progress, both on stderr. */
export interface LoadIo {
  /** Prints the banner. */
  info(text: string): void;
  /** Shows the progress here; `undefined`: none (`--quiet`). */
  progress: ProgressStream | undefined;
  /** Stop on SIGINT (first: stop sending and report; second: abort deliveries in flight). */
  handleSignals: boolean;
}

/** Stop when this many deliveries failed to connect before any succeeded: the bot is not there. */
const UNREACHABLE_AFTER = 20;
/** Most events queued or in flight at once. */
const MAX_WAITING_EVENTS = 50_000;
/** Most events waiting for a reply, over all users (memory bound of the reply matching). */
const MAX_WAITING_REPLIES = 100_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a load test: starts the emulator (its REST side on `host:port`, N virtual users, the bot's URL as
 * its webhook), has the users send at the target rate, paced by a {@link TokenBucket}, through the
 * emulator's delivery queue (signed batches of up to `batch` events, `deliveriesInFlight` at once), counts
 * every delivery through `onDelivery` and times the bot's replies through `onEntry`, then reports.
 * Memory stays bounded whatever the length of the run.
 */
export async function runLoad(options: LoadOptions, io: LoadIo): Promise<LoadReport> {
  const tally = new DeliveryTally();
  const replies = new ReplyTracker(Math.max(16, Math.floor(MAX_WAITING_REPLIES / options.users)));
  let lastReply = { chatMid: '', messageId: '' as string | undefined };
  const emulator = await startEmulator({
    port: options.port,
    host: options.host,
    webhookUrl: options.url,
    channelSecret: options.channelSecret,
    channelToken: options.channelToken,
    channelId: options.channelId,
    users: Array.from({ length: options.users }, (_, i) => ({ displayName: `Load user ${i + 1}` })),
    maxEventsPerBatch: options.batch,
    deliveriesInFlight: options.deliveriesInFlight,
    deliveryTimeoutMs: options.timeoutMs,
    // The log is not read (onDelivery counts): keep few bodies of up to 100 events in memory.
    deliveryLogLimit: 20,
    onDelivery: (outcome) => {
      tally.add(outcome);
      if (outcome.errorKind === 'connection') replies.unreached(outcome.id, outcome.eventCount);
    },
    onEntry: (entry) => {
      if (entry.from !== 'bot' || entry.kind !== 'message') return;
      // One send of several messages is recorded as one entry per message: it is one reply.
      if (entry.chatMid === lastReply.chatMid && entry.messageId === lastReply.messageId) return;
      lastReply = { chatMid: entry.chatMid, messageId: entry.messageId };
      replies.reply(entry.chatMid, performance.now());
    },
  });
  try {
    io.info(banner(options, emulator));
    return await drive(options, io, emulator, tally, replies);
  } finally {
    await emulator.close();
  }
}

async function drive(options: LoadOptions, io: LoadIo, emulator: Emulator, tally: DeliveryTally, replies: ReplyTracker): Promise<LoadReport> {
  const users = emulator.users;
  const pickKind = createKindPicker(options.mix);
  const byKind: Partial<Record<MessageKind, number>> = {};
  let sent = 0;
  let lastSentAt = 0;
  let outstanding = 0;
  let heldBackMs = 0;
  let bug: unknown;
  let stopped: LoadReport['stopped'] | undefined;

  const onSignal = () => {
    if (stopped === 'interrupted') void emulator.close();
    stopped = 'interrupted';
  };
  if (io.handleSignals) process.on('SIGINT', onSignal);

  const started = performance.now();
  const sendOne = () => {
    const user = users[sent % users.length]!;
    const contact = users[(sent + 1) % users.length]!;
    const kind = pickKind();
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    sent++;
    outstanding++;
    lastSentAt = performance.now();
    const ticket = replies.expect(user.mid, lastSentAt);
    emulator.sendAs(user.mid, buildLoadMessage(kind, sent, contact)).then(
      (entry) => {
        outstanding--;
        replies.settled(ticket, entry.deliveryId);
      },
      (error: unknown) => {
        outstanding--;
        replies.cancel(ticket);
        bug ??= error;
      },
    );
  };
  const snapshot = (): LoadProgressSnapshot => {
    const elapsedMs = performance.now() - started;
    const fraction = options.count !== undefined ? (tally.deliveredEvents + tally.failedEvents) / options.count : elapsedMs / options.durationMs!;
    return { elapsedMs, fraction: Math.min(1, fraction), sent, delivered: tally.deliveredEvents, batches: tally.batches, failedBatches: tally.failedBatches };
  };
  const progress = io.progress === undefined ? undefined : new LoadProgress(io.progress);
  progress?.start(snapshot);

  try {
    const rate = options.ratePerSecond;
    // Tokens of 100 ms at most: a stall is followed by the rate, not by a burst.
    const bucket = new TokenBucket(rate, Math.max(1, rate / 10));
    const tickMs = Math.min(20, Math.max(1, 1000 / rate));
    // Events queued or in flight: enough to fill every delivery slot a few times over, and bounded, so that
    // when the bot falls behind the queue stops growing (at ~0.5 kB an event) and the rate drops instead.
    const outstandingLimit = Math.min(MAX_WAITING_EVENTS, Math.max(1000, options.batch * options.deliveriesInFlight * 4));
    while (stopped === undefined && bug === undefined) {
      if (options.count !== undefined ? sent >= options.count : performance.now() - started >= options.durationMs!) break;
      if (tally.connectionErrorsBeforeSuccess >= UNREACHABLE_AFTER) {
        stopped = 'unreachable';
        break;
      }
      const roomForBot = outstandingLimit - outstanding;
      const taken = bucket.take(Math.min(options.count === undefined ? Number.POSITIVE_INFINITY : options.count - sent, roomForBot));
      for (let n = taken; n > 0; n--) sendOne();
      const tickStarted = performance.now();
      await sleep(tickMs);
      // The cap, not the rate, decided how many left: until the next tick the users were held back.
      if (taken === roomForBot) heldBackMs += performance.now() - tickStarted;
    }
    await emulator.flush();
    while (outstanding > 0) await sleep(1);
    const drainedAt = performance.now();
    // Replies may still be on their way (a bot that answers first and replies afterwards).
    while (replies.waitingCount > 0 && stopped !== 'interrupted' && performance.now() < Math.max(drainedAt, replies.lastReplyTime) + options.replyWaitMs) {
      await sleep(10);
    }
    if (bug !== undefined) throw bug;
    const end = tally.batches > 0 ? tally.lastAt : drainedAt;
    // n events paced at the rate span (n - 1) / rate: add one interval so that a run on target reads as the target.
    const sendingMs = sent === 0 ? 0 : lastSentAt - started + 1000 / options.ratePerSecond;
    return report(options, emulator, tally, replies, { sent, byKind, stopped: stopped ?? 'finished', elapsedMs: end - started, sendingMs, heldBackMs, waitingCap: outstandingLimit });
  } finally {
    progress?.stop();
    if (io.handleSignals) process.off('SIGINT', onSignal);
  }
}

function report(
  options: LoadOptions,
  emulator: Emulator,
  tally: DeliveryTally,
  replies: ReplyTracker,
  run: { sent: number; byKind: Partial<Record<MessageKind, number>>; stopped: LoadReport['stopped']; elapsedMs: number; sendingMs: number; heldBackMs: number; waitingCap: number },
): LoadReport {
  const seconds = Math.max(run.elapsedMs, 1) / 1000;
  const perSecond = (count: number) => Math.round((count / seconds) * 10) / 10;
  const finishedEvents = tally.deliveredEvents + tally.failedEvents;
  const replyLatency = replies.latency.summary();
  return {
    url: options.url,
    ok: tally.batches > 0 && tally.failedBatches === 0,
    stopped: run.stopped,
    settings: {
      ratePerSecond: options.ratePerSecond,
      durationSeconds: options.durationMs === undefined ? null : options.durationMs / 1000,
      count: options.count ?? null,
      users: options.users,
      batch: options.batch,
      deliveriesInFlight: options.deliveriesInFlight,
      timeoutMs: options.timeoutMs,
      mix: options.mix,
    },
    elapsedSeconds: Math.round(run.elapsedMs) / 1000,
    events: { sent: run.sent, delivered: tally.deliveredEvents, failed: tally.failedEvents, byKind: run.byKind },
    batches: { sent: tally.batches, ok: tally.okBatches, refused: tally.refused, timeouts: tally.timeouts, connectionErrors: tally.connectionErrors, aborted: tally.aborted },
    throughput: {
      targetEventsPerSecond: options.ratePerSecond,
      sentEventsPerSecond: run.sendingMs === 0 ? 0 : Math.round((run.sent / run.sendingMs) * 10_000) / 10,
      eventsPerSecond: perSecond(finishedEvents),
      acceptedEventsPerSecond: perSecond(tally.deliveredEvents),
      batchesPerSecond: perSecond(tally.batches),
      eventsPerBatch: tally.batches === 0 ? 0 : Math.round((finishedEvents / tally.batches) * 10) / 10,
      heldBackSeconds: Math.round(run.heldBackMs) / 1000,
      waitingCap: run.waitingCap,
    },
    latencyMs: tally.latency.summary(),
    statusCounts: Object.fromEntries([...tally.statusCounts].sort(([a], [b]) => a - b).map(([status, count]) => [String(status), count])),
    refusedBatches: tally.refusedBatches,
    failures: tally.failureCounts(),
    replies: {
      restBaseUrl: emulator.url,
      received: replies.received,
      matched: replyLatency?.count ?? 0,
      unmatched: replies.unmatched,
      eventsWithoutReply: replies.waitingCount + replies.givenUp,
      latencyMs: replyLatency,
    },
  };
}

function banner(options: LoadOptions, emulator: Emulator): string {
  const length = options.count !== undefined ? `${options.count} events` : `${options.durationMs! / 1000} s`;
  const mix = Object.entries(options.mix).map(([kind, weight]) => (weight === 1 ? kind : `${kind}:${weight}`)).join(',');
  return [
    `line-bc load → ${options.url}`,
    `  target:         ${options.ratePerSecond} events/s, ${length}, ${options.users} users, batches of up to ${options.batch}, ${options.deliveriesInFlight} deliveries in flight, mix ${mix}`,
    `  REST base URL:  ${emulator.url}   (point the bot's client here to time its replies)`,
    `  channel token:  ${options.channelToken === undefined ? emulator.channelToken : '(the one given with --channel-token)'}`,
  ].join('\n');
}
