/**
 * The decoded event model (architecture contract). `decodeEvents` turns each element of LINE's
 * `{"result":[...]}` into one of these; narrow with `switch (event.type)` and `switch (event.message.type)`.
 */

/** Who a message was addressed to: `toType` 1, 2 or 3 (rooms and groups are BC only). */
export type ToTypeName = 'user' | 'room' | 'group';

/** Fields every decoded message has. */
export interface MessageBase {
  /** The message id: use it to download image/video/audio content (not the event id). */
  id: string;
  /** MID of the user who sent it. */
  from: string;
  /** Epoch ms, when LINE gives it. */
  createdTime?: number;
  toType: ToTypeName;
  /** `contentMetadata` as LINE sent it, or `{}`. */
  metadata: Record<string, string>;
}

/** contentType 1. */
export interface TextMessage extends MessageBase { type: 'text'; text: string }
/** contentType 2: download the bytes with `client.getMessageContent(message.id)`. */
export interface ImageMessage extends MessageBase { type: 'image' }
/** contentType 3: download the bytes with `client.getMessageContent(message.id)`. */
export interface VideoMessage extends MessageBase { type: 'video' }
/** contentType 4; `durationMs` from `AUDLEN`. */
export interface AudioMessage extends MessageBase { type: 'audio'; durationMs?: number }
/** contentType 7. */
export interface LocationMessage extends MessageBase {
  type: 'location';
  title?: string;
  address?: string;
  latitude: number;
  longitude: number;
  phone?: string;
}
/** contentType 8; ids are strings as LINE sends them. */
export interface StickerMessage extends MessageBase {
  type: 'sticker';
  packageId: string;
  stickerId: string;
  version?: string;
  text?: string;
}
/** contentType 10: a shared contact. */
export interface ContactMessage extends MessageBase { type: 'contact'; mid: string; displayName: string }
/** Any other contentType: kept, not an error. */
export interface UnknownMessage extends MessageBase { type: 'unknown'; contentType: number }

/** A decoded message. */
export type Message =
  | TextMessage
  | ImageMessage
  | VideoMessage
  | AudioMessage
  | LocationMessage
  | StickerMessage
  | ContactMessage
  | UnknownMessage;

/** A decoded operation (spec §2.3). */
export interface Operation {
  type: 'addedAsFriend' | 'blocked' | 'invitedToGroup' | 'addedToRoom' | 'unknown';
  opType: number;
  revision: number;
  /** `params[0]`: the MID of the user who did it. */
  mid: string;
  params: (string | null)[];
}

/** A user sent a message. */
export interface MessageEvent {
  type: 'message';
  /** The event id (fixtures reuse ids: not proof of duplication there). */
  id: string;
  /** `toChannel` as a string. */
  channelId: string;
  createdTime?: number;
  message: Message;
}

/** A user did something to the account (friend, block, invite). */
export interface OperationEvent {
  type: 'operation';
  id: string;
  channelId: string;
  createdTime?: number;
  operation: Operation;
}

/** An event with an unknown `eventType`, or a known one whose content failed validation (`issues` says why). */
export interface UnknownEvent {
  type: 'unknown';
  id?: string;
  eventType?: string;
  raw: unknown;
  issues: string[];
}

/** One element of a webhook batch, decoded. */
export type LineEvent = MessageEvent | OperationEvent | UnknownEvent;
