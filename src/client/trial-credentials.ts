/**
 * Credentials of a BOT API Trial channel (spec §7), sent as the headers `X-Line-ChannelID`,
 * `X-Line-ChannelSecret` and `X-Line-Trusted-User-With-ACL`.
 */
export interface TrialCredentials {
  /** The numeric channel id, as a string. */
  channelId: string;
  /** The channel secret. */
  channelSecret: string;
  /** The channel's MID (sent as `X-Line-Trusted-User-With-ACL`). */
  channelMid: string;
}
