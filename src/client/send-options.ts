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
   * nothing is sent. Aborted later: `send` still resolves with its report; requests not finished
   * are `ok: false` with a {@link NetworkError} whose `cause` is `signal.reason` (they may or may
   * not have reached LINE).
   */
  signal?: AbortSignal;
}
