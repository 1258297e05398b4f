import type { SendRequestResult } from './send-result.js';

/** Options of {@link LineClient.send}. */
export interface SendOptions {
  /**
   * Who the MIDs are: `'user'` (toType 1), `'room'` (2) or `'group'` (3). Rooms and groups are BC only;
   * a link message has no toType on the wire and takes only `'user'` (spec §3). Default `'user'`.
   */
  toType?: 'user' | 'room' | 'group';
  /** For an array of messages: the index of the message used for the push notification. Default `0`. */
  messageNotified?: number;
  /**
   * Aborts the send. Already aborted when `send` is called: `send` rejects with `signal.reason` and
   * nothing is sent. Aborted later: no further request starts, and `send` rejects with a
   * {@link SendError} whose report lists the requests in flight as failed with a {@link NetworkError}
   * (`cause`: `signal.reason`; they may or may not have reached LINE) and the recipients read but not
   * sent as failed (not sent).
   */
  signal?: AbortSignal;
  /**
   * Called with each request's outcome as it finishes (success: `messageId`, `timestamp`, LINE's
   * `failed`; failure: the error), in completion order. The report of `send` keeps counts and
   * failures only: this is where to collect every `messageId` of a large send. It may return a
   * promise: the next request of that worker waits for it. If it throws, the send stops like an
   * abort and rejects with a {@link SendError} whose `cause` is that error.
   */
  onRequest?: (request: SendRequestResult) => void | Promise<void>;
}
