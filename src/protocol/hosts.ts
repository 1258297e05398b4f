/** API hosts (spec §3, §7). */
export const Hosts = {
  /** Business Connect REST API. */
  businessConnect: 'https://api.line.me',
  /** BOT API Trial REST API. */
  trial: 'https://trialbot-api.line.me',
} as const;

// Stands alone too, so that the webhook path does not carry the whole object (bundlers drop unused
// constants, not unused properties).
/** `HeaderName.signature`. @internal */
export const signatureHeader = 'X-LINE-ChannelSignature';

/** Header names used on the wire (compare case-insensitively when reading). */
export const HeaderName = {
  signature: signatureHeader,
  channelToken: 'X-Line-ChannelToken',
  trialChannelId: 'X-Line-ChannelID',
  trialChannelSecret: 'X-Line-ChannelSecret',
  trialTrustedUser: 'X-Line-Trusted-User-With-ACL',
} as const;
