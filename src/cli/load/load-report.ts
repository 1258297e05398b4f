import type { FailureCount, RefusedBatch } from './delivery-tally.js';
import type { LatencySummary } from './latency-sample.js';
import type { MessageKind, MessageWeights } from './message-mix.js';

/** What `line-bc load` measured; `--json` prints it as it is. */
export interface LoadReport {
  /** The bot's event endpoint URL. */
  url: string;
  /** `true` when every batch got a 2xx. */
  ok: boolean;
  /** `finished`; or stopped early: `interrupted` (Ctrl-C), `unreachable` (the first deliveries all failed to connect). */
  stopped: 'finished' | 'interrupted' | 'unreachable';
  /** The run asked for. */
  settings: {
    ratePerSecond: number;
    durationSeconds: number | null;
    count: number | null;
    users: number;
    batch: number;
    deliveriesInFlight: number;
    timeoutMs: number;
    mix: MessageWeights;
  };
  /** From the first event queued to the last delivery finished. */
  elapsedSeconds: number;
  /** Events the users sent, those the bot accepted (2xx) and those in failed batches, and the kinds sent. */
  events: { sent: number; delivered: number; failed: number; byKind: Partial<Record<MessageKind, number>> };
  /** Deliveries (batches) by outcome: `refused` is a non-2xx answer, `aborted` one cut by a second Ctrl-C. */
  batches: { sent: number; ok: number; refused: number; timeouts: number; connectionErrors: number; aborted: number };
  /**
   * Achieved against the target: the rate the users sent at, then over the whole run the events and batches
   * that finished per second, the events the bot accepted per second, and the average batch size. When the
   * bot falls behind, events wait for delivery up to `waitingCap`; at the cap the users hold back (for
   * `heldBackSeconds` in all) and the rate drops below the target.
   */
  throughput: {
    targetEventsPerSecond: number;
    sentEventsPerSecond: number;
    eventsPerSecond: number;
    acceptedEventsPerSecond: number;
    batchesPerSecond: number;
    eventsPerBatch: number;
    heldBackSeconds: number;
    waitingCap: number;
  };
  /** Latency of the deliveries (request sent to answer read), or `null` when there was none. */
  latencyMs: LatencySummary | null;
  /** HTTP statuses the bot answered, by status. */
  statusCounts: Record<string, number>;
  /** The first 10 batches the bot refused. */
  refusedBatches: RefusedBatch[];
  /** The distinct failure messages (at most 10), most frequent first. */
  failures: FailureCount[];
  /** The bot's replies through the emulator's REST side (0 when its client was not pointed there). */
  replies: {
    restBaseUrl: string;
    received: number;
    /** Replies matched to an event of the same user (the user's oldest one still waiting). */
    matched: number;
    /** Replies with no event waiting (a bot that answers one event with several sends). */
    unmatched: number;
    /** Events that reached the bot (accepted, refused or timed out) with no reply (within `--reply-wait-ms` of the last reply). */
    eventsWithoutReply: number;
    /** From the user's event being queued to the reply arriving, or `null` when none was matched. */
    latencyMs: LatencySummary | null;
  };
}

const rate = (value: number) => (value >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10));
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const latency = (summary: LatencySummary) => `p50 ${summary.p50} ms, p95 ${summary.p95} ms, p99 ${summary.p99} ms, max ${summary.max} ms`;

/** The report as text for a person: throughput against the target, latency, statuses, failures, replies, verdict. */
export function formatLoadReport(report: LoadReport): string {
  const { events, batches, throughput, replies, settings } = report;
  const target = settings.count !== null ? plural(settings.count, 'event') : `${settings.durationSeconds} s`;
  const lines = [
    `line-bc load ${report.url}`,
    `${plural(events.sent, 'event')} from ${plural(settings.users, 'user')} in ${plural(batches.sent, 'batch', 'batches')} over ${report.elapsedSeconds} s (asked: ${rate(settings.ratePerSecond)} events/s, ${target})`,
  ];
  if (report.stopped === 'interrupted') lines.push('Stopped early: interrupted.');
  if (report.stopped === 'unreachable') lines.push('Stopped early: the first deliveries all failed to connect. Is the bot running at that URL?');
  lines.push(
    '',
    `throughput  ${rate(throughput.eventsPerSecond)} events/s (target ${rate(throughput.targetEventsPerSecond)}, sent at ${rate(throughput.sentEventsPerSecond)}), ${rate(throughput.acceptedEventsPerSecond)} accepted/s, ${rate(throughput.batchesPerSecond)} batches/s, ${throughput.eventsPerBatch} events per batch`,
    `latency     ${report.latencyMs === null ? 'none measured' : `${latency(report.latencyMs)} (${plural(report.latencyMs.count, 'delivery', 'deliveries')})`}`,
    `statuses    ${Object.entries(report.statusCounts).map(([status, count]) => `${status} × ${count}`).join(', ') || 'none (no answer)'}`,
    `failures    ${batches.refused} refused (non-2xx), ${plural(batches.timeouts, 'timeout')}, ${plural(batches.connectionErrors, 'connection error')}${batches.aborted > 0 ? `, ${batches.aborted} aborted` : ''}`,
  );
  for (const [i, refused] of report.refusedBatches.entries()) {
    lines.push(`${i === 0 ? 'refused     ' : '            '}${refused.id}: HTTP ${refused.status}, ${plural(refused.eventCount, 'event')}, ${refused.latencyMs} ms${refused.responseBody ? `: ${refused.responseBody.replace(/\s+/g, ' ')}` : ''}`);
  }
  for (const [i, failure] of report.failures.entries()) lines.push(`${i === 0 ? 'errors      ' : '            '}${failure.count} × ${failure.error}`);
  if (replies.received === 0) {
    lines.push(`replies     none received (a bot whose client uses the REST base URL ${replies.restBaseUrl} gets its replies timed)`);
  } else {
    lines.push(
      `replies     ${replies.received} received, ${replies.matched} matched to an event${replies.unmatched > 0 ? `, ${replies.unmatched} unmatched` : ''}; ${plural(replies.eventsWithoutReply, 'event')} without a reply`,
    );
    if (replies.latencyMs !== null) lines.push(`            reply latency ${latency(replies.latencyMs)}`);
  }
  lines.push('');
  const failed = batches.sent - batches.ok;
  lines.push(
    failed === 0
      ? `OK: the bot accepted ${batches.ok === 1 ? 'the batch' : `all ${batches.ok} batches`} (${plural(events.delivered, 'event')}).`
      : `FAIL: the bot failed ${failed} of ${plural(batches.sent, 'batch', 'batches')} (${events.failed} of ${plural(events.delivered + events.failed, 'event')}).`,
  );
  if (failed === 0 && batches.sent === 0) lines[lines.length - 1] = 'No batch was delivered.';
  if (throughput.heldBackSeconds > 0) {
    lines.push(
      `The bot (or this machine) did not keep up: ${throughput.waitingCap} events were waiting for delivery, so the users held back for ${throughput.heldBackSeconds} s and sent at ${rate(throughput.sentEventsPerSecond)} events/s (target ${rate(throughput.targetEventsPerSecond)}).`,
    );
  }
  return lines.join('\n');
}
