import type { SendRequestResult, SendResult } from './send-result.js';

/** The result of a request LINE accepted: its `{"failed":[],"messageId","timestamp","version"}` answer (spec §3), read leniently. */
export function successResult(recipients: string[], answer: unknown): SendRequestResult {
  const body = (answer !== null && typeof answer === 'object' ? answer : {}) as { failed?: unknown; messageId?: unknown; timestamp?: unknown };
  const result: SendRequestResult = {
    recipients,
    ok: true,
    messageId: typeof body.messageId === 'string' || typeof body.messageId === 'number' ? String(body.messageId) : '',
    failed: Array.isArray(body.failed) ? body.failed.filter((mid): mid is string => typeof mid === 'string') : [],
  };
  if (typeof body.timestamp === 'number') result.timestamp = body.timestamp;
  return result;
}

/** Folds the per-request results of a send into its {@link SendResult}. */
export function summarise(requests: SendRequestResult[]): SendResult {
  const messageIds: string[] = [];
  const failed: string[] = [];
  for (const request of requests) {
    if (request.ok) {
      if (request.messageId !== '') messageIds.push(request.messageId);
      failed.push(...request.failed);
    } else {
      failed.push(...request.recipients);
    }
  }
  return { ok: requests.every((request) => request.ok), messageIds, failed: [...new Set(failed)], requests };
}
