// The incoming values also stand alone, so that a bundle that only receives events (the webhook
// path) does not carry the whole object: bundlers drop unused constants, not unused properties.
/** `EventType.receivedMessage`. @internal */
export const receivedMessageEventType = '138311609000106303';
/** `EventType.receivedOperation`. @internal */
export const receivedOperationEventType = '138311609100106403';

/** `eventType` values of the Business Connect v1 protocol (spec §2.1, §3). */
export const EventType = {
  /** Incoming: a message from a user. */
  receivedMessage: receivedMessageEventType,
  /** Incoming: an operation (added as friend, blocked, invited…). */
  receivedOperation: receivedOperationEventType,
  /** Outgoing: one message. */
  sendSingleMessage: '138311608800106203',
  /** Outgoing: several messages in one event. */
  sendMultipleMessages: '140177271400161403',
  /** Outgoing (BC): a link message from a registered template. */
  sendLinkMessage: '137299299800026303',
} as const;

/** `toChannel` values LINE expects when sending (spec §3). */
export const SendChannel = {
  /** For single, rich and multiple messages. */
  message: 1383378250,
  /** For BC link messages. */
  linkMessage: 1341301715,
} as const;
