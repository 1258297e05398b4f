/**
 * Supplies the Business Connect channel access token (`X-Line-ChannelToken`). Pass one as
 * `channelToken` to {@link createClient} when the token rotates; {@link createRefreshingToken}
 * builds one that reissues the token through `POST /v1/oauth/accessToken` (spec §4.3).
 */
export interface TokenProvider {
  /** The token to use now. May wait while a rotation is in flight; rejects when the token cannot be obtained. */
  getToken(): Promise<string>;
  /**
   * Called by the client when LINE answered 401 to a request made with `rejectedToken`. A provider
   * that can rotate starts a rotation unless `rejectedToken` was already replaced; the client then
   * calls {@link TokenProvider.getToken} and replays the request if the token changed.
   */
  invalidate?(rejectedToken: string): void;
}
