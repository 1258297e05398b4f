import type { SendRequestResult } from './send-result.js';

/**
 * The result of a request LINE accepted: its `{"failed":[],"messageId","timestamp","version"}` answer
 * (spec §3), read leniently (a 2xx whose body is not JSON still counts as delivered).
 */
export function readSendAnswer(recipients: string[], answer: unknown, maybeDuplicated: boolean): SendRequestResult {
  const body = (answer !== null && typeof answer === 'object' ? answer : {}) as { failed?: unknown; messageId?: unknown; timestamp?: unknown };
  const result: SendRequestResult = {
    recipients,
    ok: true,
    messageId: typeof body.messageId === 'string' || typeof body.messageId === 'number' ? String(body.messageId) : '',
    failed: Array.isArray(body.failed) ? body.failed.filter((mid): mid is string => typeof mid === 'string') : [],
    maybeDuplicated,
  };
  if (typeof body.timestamp === 'number') result.timestamp = body.timestamp;
  return result;
}
