import type { LineError } from '../errors.js';

/** The outcome of one `POST /v1/events` request of a send, handed to `onRequest` as it finishes. */
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
      /**
       * True when an earlier attempt of this request failed in a way that may have delivered it (only
       * possible with `retry.retryAmbiguous`): its recipients may have got the message twice.
       */
      maybeDuplicated: boolean;
    }
  | {
      /** The MIDs of this request, in order. */
      recipients: string[];
      /** The request failed (after any retries). */
      ok: false;
      /** Why the request failed: {@link ApiError}, {@link NetworkError}, {@link TimeoutError}… */
      error: LineError;
      /** True when an attempt may have reached LINE anyway (a timeout, a 5xx, a connection lost after sending): resending may deliver twice. */
      maybeDelivered: boolean;
    };

/** Recipients of a send that did not get the message, and why. */
export interface SendFailure {
  /** The MIDs, in send order. */
  recipients: string[];
  /**
   * Why: the error of their request ({@link ApiError}, {@link NetworkError}, {@link TimeoutError}…),
   * or a {@link LineError} saying LINE accepted the request but listed them in its `failed` array.
   */
  error: LineError;
  /** True when they may have got the message anyway (the request may have reached LINE): resending may deliver twice. */
  maybeDelivered: boolean;
}

/**
 * The report of {@link LineClient.send}: counts and the recipients that were not sent, never one entry
 * per recipient sent, so a campaign of a million recipients holds a small report. Every `messageId`
 * goes to `onRequest` (see {@link SendOptions}). `recipients === sent + failed` always holds.
 */
export interface SendResult {
  /** True when every recipient was sent: no failure, and the send was not stopped early. */
  ok: boolean;
  /** Recipients of the send: after de-duplication for an array; the MIDs read from a streamed source. */
  recipients: number;
  /** Recipients in requests LINE accepted, minus those LINE listed as `failed`. */
  sent: number;
  /** Recipients not sent: the total of `failures`. */
  failed: number;
  /** `POST /v1/events` requests made (accepted or failed). */
  requests: number;
  /** Recipients of accepted requests that may have got the message twice (see `maybeDuplicated`); `0` unless `retry.retryAmbiguous`. */
  possibleDuplicates: number;
  /** Every recipient not sent, grouped by request, with the error; in completion order. */
  failures: SendFailure[];
}
