/**
 * Wire shapes of what LINE POSTs to a bot's event endpoint (spec §2.1–2.3), before decoding.
 * The event factories of `line-business-connect/testing` build these; `decodeEvents` turns them
 * into `LineEvent`s. Real traffic carries extra keys: the index signatures allow them.
 */

/** `location` of a location message (contentType 7, spec §2.2). */
export interface RawLocation {
  /** Name of the place; may be `null`. */
  title?: string | null;
  /** Street address; may be `null`. */
  address?: string | null;
  /** Degrees, -90..90. */
  latitude: number;
  /** Degrees, -180..180. */
  longitude: number;
  /** May be `null` on the wire. */
  phone?: string | null;
  [key: string]: unknown;
}

/** The `content` of a message event (spec §2.2). */
export interface RawMessageContent {
  /** The message id (used to download media), not the event id. */
  id: string;
  /** 1 text, 2 image, 3 video, 4 audio, 7 location, 8 sticker, 10 contact; anything else is an unknown message. */
  contentType: number;
  /** MID of the user who sent the message; `null` in a group or room message without a sender (unconfirmed, spec §2.2). */
  from: string | null;
  /** Epoch ms; may be absent. */
  createdTime?: number;
  /** The channel MID (or the group/room the message was sent in). */
  to: string[];
  /** 1 user; BC also 2 room, 3 group. */
  toType: number;
  /** String values (`AUDLEN`, `STKID`…), or `null`. */
  contentMetadata: Record<string, string> | null;
  /** The text of a text message (the title of a location), else `null`. */
  text: string | null;
  /** The place of a location message, else `null`. */
  location: RawLocation | null;
  [key: string]: unknown;
}

/** The `content` of an operation event (spec §2.3). */
export interface RawOperationContent {
  /** Grows monotonically. */
  revision: number;
  /** 4 added as friend, 8 blocked, (BC) 5 invited to a group, 7 added to a room. */
  opType: number;
  /** `params[0]` is the MID of the user who did it. */
  params: (string | null)[];
  [key: string]: unknown;
}

/** One element of `result` in a webhook body (spec §2.1). */
export interface RawEvent<Content = RawMessageContent | RawOperationContent> {
  /** The fixed platform sender MID. */
  from: string;
  /** Fixed `1341301815`; LINE sends it as a number or a string. */
  fromChannel: number | string;
  /** Your channel's MID. */
  to: string[];
  /** Your channel id, as a number or a string. */
  toChannel: number | string;
  /** `"138311609000106303"` message, `"138311609100106403"` operation. */
  eventType: string;
  /** The event id, e.g. `"WB1519-3426467455"`. */
  id: string;
  /** Epoch ms; may be absent. */
  createdTime?: number;
  /** A message (spec §2.2) or an operation (spec §2.3). */
  content: Content;
  [key: string]: unknown;
}

/** A message event as LINE sends it (`eventType "138311609000106303"`). */
export type RawMessageEvent = RawEvent<RawMessageContent>;

/** An operation event as LINE sends it (`eventType "138311609100106403"`). */
export type RawOperationEvent = RawEvent<RawOperationContent>;

/** A whole webhook body: `{"result":[event, …]}` (up to 100 events per request, spec §2). */
export interface RawWebhookBody {
  /** The events, oldest first. */
  result: RawEvent[];
}
