import { LineError, MessageValidationError, SendError } from '../errors.js';
import type { PlanStop, RequestPlan } from './plan-requests.js';
import type { SendRequestResult, SendResult } from './send-result.js';

/** Internal settings of {@link runSend}. */
export interface RunSendOptions {
  /** Requests in flight at once. */
  concurrency: number;
  signal: AbortSignal | undefined;
  /** The caller's per-request callback (`SendOptions.onRequest`). */
  onRequest: ((request: SendRequestResult) => void | Promise<void>) | undefined;
  /** Sends one request; never rejects (a failure is an `ok: false` result). */
  sendRequest(recipients: string[]): Promise<SendRequestResult>;
}

/**
 * Sends the requests of `plan` with at most `concurrency` in flight, folding each outcome into counts
 * and failures as it finishes (nothing per recipient sent is kept). Resolves with the report when every
 * recipient was sent; otherwise rejects with {@link SendError} carrying it. After an abort or a
 * throwing `onRequest`, no request starts, and what was read but not sent is reported failed.
 */
export async function runSend(plan: RequestPlan, options: RunSendOptions): Promise<SendResult> {
  const { signal, onRequest } = options;
  const result: SendResult = { ok: true, recipients: 0, sent: 0, failed: 0, requests: 0, possibleDuplicates: 0, failures: [] };
  let stop: PlanStop | undefined;

  const record = (request: SendRequestResult) => {
    result.requests++;
    if (!request.ok) {
      result.failures.push({ recipients: request.recipients, error: request.error, maybeDelivered: request.maybeDelivered });
      result.failed += request.recipients.length;
      return;
    }
    // LINE's own `failed` list, counted only for MIDs of this request.
    const refused = request.failed.length === 0 ? [] : [...new Set(request.failed)].filter((mid) => request.recipients.includes(mid));
    const sent = request.recipients.length - refused.length;
    result.sent += sent;
    if (request.maybeDuplicated) result.possibleDuplicates += sent;
    if (refused.length > 0) {
      result.failures.push({
        recipients: refused,
        error: new LineError(`POST /v1/events: LINE accepted the request (messageId ${request.messageId || 'none'}) but listed ${refused.length} of its recipients as failed.`),
        // After an ambiguous attempt (retryAmbiguous), that earlier attempt may have reached them.
        maybeDelivered: request.maybeDuplicated,
      });
      result.failed += refused.length;
    }
  };

  const notSent = (recipients: string[]) => {
    if (recipients.length === 0) return;
    result.failures.push({ recipients, error: new LineError(`Not sent: the send stopped early because ${stop!.why}.`, { cause: stop!.cause }), maybeDelivered: false });
    result.failed += recipients.length;
  };
  const stopped = () => {
    if (stop === undefined && signal?.aborted) stop = { why: 'the signal was aborted', cause: signal.reason };
    return stop !== undefined;
  };

  const worker = async () => {
    while (!stopped()) {
      const step = await plan.requests.next();
      if (step.done) return;
      if (stopped()) return notSent(step.value);
      const request = await options.sendRequest(step.value);
      record(request);
      try {
        await onRequest?.(request);
      } catch (error) {
        stop ??= { why: 'onRequest threw', cause: error };
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));

  if (stop !== undefined) {
    // What was read but not sent is reported: the rest of an in-memory list, or the request being
    // filled from a stream (which is then closed, and so is its source).
    if (plan.inMemory) for await (const recipients of plan.requests) notSent(recipients);
    else {
      await plan.requests.return();
      notSent(plan.unsent);
    }
  }
  stop ??= plan.stopped;
  result.recipients = plan.read;
  result.ok = result.failed === 0 && stop === undefined;
  if (result.ok) return result;
  // Nothing was sent because the first MID of a stream was bad (or there was none): the input error itself.
  if (stop !== undefined && result.requests === 0 && stop.cause instanceof MessageValidationError) throw stop.cause;
  throw new SendError(result, stop);
}
