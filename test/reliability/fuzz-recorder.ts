// The user side of the fuzzed webhook handlers: callbacks that record, per request (by its case header),
// which callback saw which event; and the check of one answered request against the oracle.
import { isDeepStrictEqual } from 'node:util';
import type { LineEvent, WebhookCallbackContext, WebhookHandlerOptions } from '../../src/index.js';
import type { LeakScanner } from './secret-scan.js';
import { caseHeader, eventSummary, expectedCalls, fuzzCap, itemProblem, webhookSecrets, type Expected, type WebhookCase } from './webhook-cases.js';

/** What user code saw of one request. */
interface Seen {
  batch?: LineEvent[];
  calls: string[];
}

/** Counts over a fuzz run, for the report. */
export interface FuzzTally {
  cases: number;
  byFamily: Record<string, number>;
  byStatus: Record<string, number>;
  eventsDelivered: number;
  intactItemsDelivered: number;
  forgedEventsDelivered: number;
  serverErrors: number;
}

/** Records callbacks per case; `options` go into the handler under test. */
export function createFuzzRecorder(scanner: LeakScanner, label: string) {
  const seen = new Map<string, Seen>();
  /** Errors that are not routine rejections: a callback or the flow failed. */
  const unexpected: unknown[] = [];
  const tally: FuzzTally = { cases: 0, byFamily: {}, byStatus: {}, eventsDelivered: 0, intactItemsDelivered: 0, forgedEventsDelivered: 0, serverErrors: 0 };

  const entry = (context: WebhookCallbackContext) => {
    const id = context.request.headers.get(caseHeader) ?? 'none';
    let record = seen.get(id);
    if (!record) seen.set(id, (record = { calls: [] }));
    return record;
  };
  const perEvent = (name: string) => (event: LineEvent, context: WebhookCallbackContext) => {
    const record = entry(context);
    record.calls.push(`${name}:${record.batch?.indexOf(event) ?? -1}`);
  };
  const options = {
    channelSecret: webhookSecrets,
    maxBodyBytes: fuzzCap,
    logger: scanner.logger(label),
    onError(error, context) {
      scanner.collect(error, `${label} onError (${context.phase})`);
      if (context.phase !== 'request') unexpected.push(error);
    },
    onEvents(events, context) {
      const record = entry(context);
      record.batch = events;
      record.calls.push(`onEvents:${events.length}`);
    },
    onMessage: perEvent('onMessage'),
    onAddedAsFriend: perEvent('onAddedAsFriend'),
    onBlocked: perEvent('onBlocked'),
    onInvitedToGroup: perEvent('onInvitedToGroup'),
    onAddedToRoom: perEvent('onAddedToRoom'),
    // One callback returns a promise, so the awaited path runs too.
    onOperation: (event, context) => Promise.resolve().then(() => perEvent('onOperation')(event, context)),
    onUnknown: perEvent('onUnknown'),
  } satisfies WebhookHandlerOptions;

  return {
    options,
    unexpected,
    tally,
    /**
     * Checks what user code saw of case `id` against `expected` (the oracle's answer for what the
     * handler received) and counts it; the problem found, or undefined.
     */
    check(id: string, c: WebhookCase, status: number, expected: Expected): string | undefined {
      const record = seen.get(id) ?? { calls: [] };
      seen.delete(id);
      tally.cases++;
      tally.byFamily[c.family] = (tally.byFamily[c.family] ?? 0) + 1;
      // 0: nothing was written (the client hung up before the framework answered).
      const answered = status === 0 ? 'nothing (client gone)' : String(status);
      tally.byStatus[answered] = (tally.byStatus[answered] ?? 0) + 1;
      if (status >= 500) tally.serverErrors++;
      if (expected.status !== 200) {
        // Rejected: no user code may have seen anything of it (a forged or broken delivery).
        if (record.calls.length > 0) tally.forgedEventsDelivered += record.batch?.length ?? record.calls.length;
        if (status !== expected.status) return `status ${status}, expected ${expected.status}`;
        return record.calls.length > 0 ? `rejected with ${status}, yet callbacks ran: ${record.calls.join(' ')}` : undefined;
      }
      if (status !== 200) return `status ${status}, expected 200`;
      const events = expected.events!;
      tally.eventsDelivered += record.batch?.length ?? 0;
      tally.intactItemsDelivered += c.items?.filter((item, index) => item.intact && record.batch?.[index]?.type === item.intact.type).length ?? 0;
      const calls = expectedCalls(events);
      if (!isDeepStrictEqual(record.calls, calls)) return `callbacks ${record.calls.join(' ')}; expected ${calls.join(' ')}`;
      const got = (record.batch ?? []).map(eventSummary);
      const want = events.map(eventSummary);
      if (!isDeepStrictEqual(got, want)) return `events differ from decodeEvent of the items:\n${JSON.stringify(got).slice(0, 2000)}\n${JSON.stringify(want).slice(0, 2000)}`;
      return itemProblem(c.items, record.batch ?? []);
    },
    /** Forgets what was seen of `id` (a request whose outcome is not checked). */
    forget(id: string): void {
      seen.delete(id);
    },
    /** Cases whose callbacks ran but were never checked (should be none). */
    leftOver: () => [...seen.keys()],
  };
}

/** A short description of a case for failure messages (the body cut to 300 characters). */
export function describeCase(c: WebhookCase): string {
  const body = new TextDecoder().decode(c.body.subarray(0, 300));
  return `${c.family} ${c.method} ${JSON.stringify(c.headers)} sending=${JSON.stringify(c.sending)} declared=${c.declareLength} first=${c.respondFirst} body(${c.body.length})=${JSON.stringify(body)}`;
}
