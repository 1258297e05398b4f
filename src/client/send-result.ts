import type { LineError } from '../errors.js';

/** The outcome of one `POST /v1/events` request of a send. */
export type SendRequestResult =
  | {
      /** The MIDs of this request, in order. */
      recipients: string[];
      /** LINE accepted the request (HTTP 2xx). */
      ok: true;
      /** LINE's `messageId` (empty string if a 2xx answer carried none). */
      messageId: string;
      /** LINE's `failed` array for this request. Blocks are not reported here (spec §3). */
      failed: string[];
      /** LINE's `timestamp` (epoch ms), when present. */
      timestamp?: number;
    }
  | {
      /** The MIDs of this request, in order. */
      recipients: string[];
      /** The request failed (after any retries). Its recipients did not get the message, unless `error` is ambiguous (a timeout, a 5xx, a network error after connecting: see docs/errors.md). */
      ok: false;
      /** Why the request failed: {@link ApiError}, {@link NetworkError}, {@link TimeoutError}… */
      error: LineError;
    };

/** The report of {@link LineClient.send}: one entry per request, in recipient order. */
export interface SendResult {
  /** True when every request succeeded. */
  ok: boolean;
  /** The `messageId` of every successful request, in request order. */
  messageIds: string[];
  /** LINE's `failed` MIDs of all requests plus every recipient of a failed request. */
  failed: string[];
  /** One entry per request. */
  requests: SendRequestResult[];
}
