// The values also stand alone, so that a bundle carries only those it uses (the webhook path the
// incoming ones, the client the outgoing ones): bundlers drop unused constants, not unused properties.
/** `EventType.receivedMessage`. @internal */
export const receivedMessageEventType = '138311609000106303';
/** `EventType.receivedOperation`. @internal */
export const receivedOperationEventType = '138311609100106403';
/** `EventType.sendSingleMessage`. @internal */
export const sendSingleMessageEventType = '138311608800106203';
/** `EventType.sendMultipleMessages`. @internal */
export const sendMultipleMessagesEventType = '140177271400161403';
/** `EventType.sendLinkMessage`. @internal */
export const sendLinkMessageEventType = '137299299800026303';
/** `SendChannel.message`. @internal */
export const messageSendChannel = 1383378250;
/** `SendChannel.linkMessage`. @internal */
export const linkMessageSendChannel = 1341301715;

/** `eventType` values of the Business Connect v1 protocol (spec §2.1, §3). */
export const EventType = {
  /** Incoming: a message from a user. */
  receivedMessage: receivedMessageEventType,
  /** Incoming: an operation (added as friend, blocked, invited…). */
  receivedOperation: receivedOperationEventType,
  /** Outgoing: one message. */
  sendSingleMessage: sendSingleMessageEventType,
  /** Outgoing: several messages in one event. */
  sendMultipleMessages: sendMultipleMessagesEventType,
  /** Outgoing (BC): a link message from a registered template. */
  sendLinkMessage: sendLinkMessageEventType,
} as const;

/** `toChannel` values LINE expects when sending (spec §3). */
export const SendChannel = {
  /** For single, rich and multiple messages. */
  message: messageSendChannel,
  /** For BC link messages. */
  linkMessage: linkMessageSendChannel,
} as const;
