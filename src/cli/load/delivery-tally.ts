import type { DeliveryOutcome } from '../../emulator/emulator-types.js';
import { LatencySample } from './latency-sample.js';

/** A batch the bot refused (answered with a status other than 2xx), as the report lists it. */
export interface RefusedBatch {
  /** The emulator's delivery id (`d7`). */
  id: string;
  /** The bot's HTTP status. */
  status: number;
  /** Events the batch carried. */
  eventCount: number;
  /** Milliseconds until the answer. */
  latencyMs: number;
  /** The start of the bot's answer (at most 200 characters). */
  responseBody: string;
}

/** A failure message and how many deliveries failed with it. */
export interface FailureCount {
  /** `refused`, `timeout`, `connection` or `closed` (see `DeliveryErrorKind`). */
  kind: string;
  /** What went wrong, as the emulator recorded it. */
  error: string;
  /** Deliveries that failed so. */
  count: number;
}

const LISTED = 10;
const BODY_CHARS = 200;

/**
 * Counts the outcomes of a load run's deliveries, in constant memory whatever the run length: batches and
 * events by result, HTTP statuses, delivery latency (a {@link LatencySample}), the first refused batches
 * and the distinct failure messages (at most 10 of each).
 */
export class DeliveryTally {
  batches = 0;
  okBatches = 0;
  refused = 0;
  timeouts = 0;
  connectionErrors = 0;
  aborted = 0;
  deliveredEvents = 0;
  failedEvents = 0;
  readonly statusCounts = new Map<number, number>();
  readonly latency = new LatencySample();
  readonly refusedBatches: RefusedBatch[] = [];
  private readonly failures = new Map<string, FailureCount>();
  /** Deliveries whose failure message was not listed (past the 10 distinct ones). */
  otherFailures = 0;
  /** When the latest delivery finished (`performance.now()` ms). */
  lastAt = 0;

  /** Counts one delivery. */
  add(outcome: DeliveryOutcome, at: number = performance.now()): void {
    this.batches++;
    this.lastAt = at;
    this.latency.add(outcome.latencyMs);
    if (outcome.status !== undefined) this.statusCounts.set(outcome.status, (this.statusCounts.get(outcome.status) ?? 0) + 1);
    if (outcome.ok) {
      this.okBatches++;
      this.deliveredEvents += outcome.eventCount;
      return;
    }
    this.failedEvents += outcome.eventCount;
    const kind = outcome.errorKind ?? 'connection';
    if (kind === 'refused') this.refused++;
    else if (kind === 'timeout') this.timeouts++;
    else if (kind === 'closed') this.aborted++;
    else this.connectionErrors++;
    if (kind === 'refused' && this.refusedBatches.length < LISTED) {
      const body = outcome.responseBody ?? '';
      this.refusedBatches.push({
        id: outcome.id,
        status: outcome.status!,
        eventCount: outcome.eventCount,
        latencyMs: outcome.latencyMs,
        responseBody: body.length > BODY_CHARS ? `${body.slice(0, BODY_CHARS)}…` : body,
      });
    }
    const error = outcome.error ?? kind;
    const known = this.failures.get(error);
    if (known) known.count++;
    else if (this.failures.size < LISTED) this.failures.set(error, { kind, error, count: 1 });
    else this.otherFailures++;
  }

  /** Deliveries that could not connect, while none has succeeded yet (0 after the first success). */
  get connectionErrorsBeforeSuccess(): number {
    return this.okBatches === 0 ? this.connectionErrors : 0;
  }

  /** Batches that failed in any way. */
  get failedBatches(): number {
    return this.batches - this.okBatches;
  }

  /** The distinct failure messages, most frequent first. */
  failureCounts(): FailureCount[] {
    return [...this.failures.values()].sort((a, b) => b.count - a.count);
  }
}
