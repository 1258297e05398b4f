// The values also stand alone, so that a bundle carries only those it uses (bundlers drop unused
// constants, not unused properties).
/** `Hosts.businessConnect`. @internal */
export const businessConnectHost = 'https://api.line.me';
/** `Hosts.trial`. @internal */
export const trialHost = 'https://trialbot-api.line.me';
/** `HeaderName.signature`. @internal */
export const signatureHeader = 'X-LINE-ChannelSignature';
/** `HeaderName.channelToken`. @internal */
export const channelTokenHeader = 'X-Line-ChannelToken';
/** `HeaderName.trialChannelId`. @internal */
export const trialChannelIdHeader = 'X-Line-ChannelID';
/** `HeaderName.trialChannelSecret`. @internal */
export const trialChannelSecretHeader = 'X-Line-ChannelSecret';
/** `HeaderName.trialTrustedUser`. @internal */
export const trialTrustedUserHeader = 'X-Line-Trusted-User-With-ACL';

/** API hosts (spec §3, §7). */
export const Hosts = {
  /** Business Connect REST API. */
  businessConnect: businessConnectHost,
  /** BOT API Trial REST API. */
  trial: trialHost,
} as const;

/** Header names used on the wire (compare case-insensitively when reading). */
export const HeaderName = {
  signature: signatureHeader,
  channelToken: channelTokenHeader,
  trialChannelId: trialChannelIdHeader,
  trialChannelSecret: trialChannelSecretHeader,
  trialTrustedUser: trialTrustedUserHeader,
} as const;
