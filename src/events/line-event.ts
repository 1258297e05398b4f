/**
 * The decoded event model (architecture contract). `decodeEvents` turns each element of LINE's
 * `{"result":[...]}` into one of these; narrow with `switch (event.type)` and `switch (event.message.type)`.
 */

/** Who a message was addressed to: `toType` 1, 2 or 3 (rooms and groups are BC only). */
export type ToTypeName = 'user' | 'room' | 'group';

/**
 * Where a reply goes (spec §2.2): the sender of a 1:1 message (`toType` 1), else the room (2) or group (3)
 * the message was sent in. Pass it on with `client.reply(message, …)`, or `send(chat.mid, …, { toType: chat.type })`.
 */
export interface Chat {
  /** `'user'` for a 1:1 chat, `'room'` or `'group'`. */
  type: ToTypeName;
  /** The user's MID (`from`), or the room or group MID (`to[0]`); `''` when LINE sent none (see `issues`). */
  mid: string;
}

/** Fields every decoded message has. */
export interface MessageBase {
  /** The message id: use it to download image/video/audio content (not the event id). */
  id: string;
  /**
   * MID of the user who sent it. In a group or room LINE may send no sender (unconfirmed: a community
   * client saw `null`): then `''`, and `issues` says so; the message is still delivered.
   */
  from: string;
  /** `content.to` as received: your channel's MID in a 1:1 chat, the room or group MID otherwise (`[]` when absent). */
  to: string[];
  /** Where a reply goes: the sender in a 1:1 chat, `to[0]` in a room or group. */
  chat: Chat;
  /** Epoch ms, when LINE gives it (a decimal string is coerced; any other value is dropped). */
  createdTime?: number;
  /** Who it was addressed to: `toType` 1 → `'user'`, 2 → `'room'`, 3 → `'group'`. */
  toType: ToTypeName;
  /** `contentMetadata` as LINE sent it, or `{}`. */
  metadata: Record<string, string>;
  /**
   * Odd fields that did not stop the message from being delivered, one line each, e.g.
   * `content.from: no sender MID in a group message (LINE may leave it out there); reply to chat.mid`. Absent when nothing was odd.
   */
  issues?: string[];
}

/** contentType 1. */
export interface TextMessage extends MessageBase {
  /** Discriminator. */
  type: 'text';
  /** What the user wrote (up to 10,000 characters). */
  text: string;
}
/** contentType 2: download the bytes with `client.getMessageContent(message.id)`. */
export interface ImageMessage extends MessageBase {
  /** Discriminator. */
  type: 'image';
}
/** contentType 3: download the bytes with `client.getMessageContent(message.id)`. */
export interface VideoMessage extends MessageBase {
  /** Discriminator. */
  type: 'video';
}
/** contentType 4; `durationMs` from `AUDLEN`. */
export interface AudioMessage extends MessageBase {
  /** Discriminator. */
  type: 'audio';
  /** Duration in ms, from `contentMetadata.AUDLEN`; absent when LINE sent no usable value. */
  durationMs?: number;
}
/** contentType 7. */
export interface LocationMessage extends MessageBase {
  /** Discriminator. */
  type: 'location';
  /** Name of the place, when LINE sends one. */
  title?: string;
  /** Address, when LINE sends one. */
  address?: string;
  /** Latitude in degrees. */
  latitude: number;
  /** Longitude in degrees. */
  longitude: number;
  /** Phone number of the place, when LINE sends one. */
  phone?: string;
}
/** contentType 8; ids are strings as LINE sends them. */
export interface StickerMessage extends MessageBase {
  /** Discriminator. */
  type: 'sticker';
  /** `STKPKGID`: the sticker package id. */
  packageId: string;
  /** `STKID`: the sticker id within its package. */
  stickerId: string;
  /** `STKVER`: the package version, when sent. */
  version?: string;
  /** `STKTXT`: the sticker's alt text, when sent. */
  text?: string;
}
/** contentType 10: a shared contact. */
export interface ContactMessage extends MessageBase {
  /** Discriminator. */
  type: 'contact';
  /** MID of the shared contact. */
  mid: string;
  /** Display name of the shared contact. */
  displayName: string;
}
/** Any other contentType: kept, not an error. */
export interface UnknownMessage extends MessageBase {
  /** Discriminator. */
  type: 'unknown';
  /** The `contentType` this library does not know. */
  contentType: number;
}

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
  /** opType 4 → `addedAsFriend`, 8 → `blocked`, 5 → `invitedToGroup`, 7 → `addedToRoom`; any other → `unknown`. */
  type: 'addedAsFriend' | 'blocked' | 'invitedToGroup' | 'addedToRoom' | 'unknown';
  /** The raw `opType` number. */
  opType: number;
  /** LINE's revision counter; it grows monotonically. */
  revision: number;
  /**
   * `params[0]`: the MID of the user who did it (always a string for opType 4 and 8). For opType 5,
   * 7 (params content unconfirmed) and unknown opTypes, `''` when `params[0]` is absent or `null`.
   */
  mid: string;
  /** `params` as LINE sent it, with numbers turned into strings and other non-strings into `null` (`[]` when absent). */
  params: (string | null)[];
  /**
   * opType 5 and 7: the group (`c…`) or room (`r…`) the bot was invited to, taken from the first item of
   * `params` that is such a MID (LINE's layout is unconfirmed, spec §2.3). Absent when `params` names none.
   */
  chat?: {
    /** `'group'` for opType 5, `'room'` for opType 7. */
    type: 'group' | 'room';
    /** The group (`c…`) or room (`r…`) MID. */
    mid: string;
  };
  /** opType 5 and 7: who invited the bot, the first user MID (`u…`) in `params`, when there is one. */
  inviter?: string;
}

/** A user sent a message. */
export interface MessageEvent {
  /** Discriminator. */
  type: 'message';
  /** The event id (fixtures reuse ids: not proof of duplication there). */
  id: string;
  /** `toChannel` as a string. */
  channelId: string;
  /** Epoch ms, when LINE gives it (a decimal string is coerced; any other value is dropped). */
  createdTime?: number;
  /** The message the user sent. */
  message: Message;
}

/** A user did something to the account (friend, block, invite). */
export interface OperationEvent {
  /** Discriminator. */
  type: 'operation';
  /** The event id. */
  id: string;
  /** `toChannel` as a string. */
  channelId: string;
  /** Epoch ms, when LINE gives it (a decimal string is coerced; any other value is dropped). */
  createdTime?: number;
  /** What the user did. */
  operation: Operation;
}

/** An event with an unknown `eventType`, or a known one whose content failed validation (`issues` says why). */
export interface UnknownEvent {
  /** Discriminator. */
  type: 'unknown';
  /** The event id, when the item had a string `id`. */
  id?: string;
  /** The `eventType`, when the item had a string one. */
  eventType?: string;
  /** The item exactly as received. */
  raw: unknown;
  /** Why it could not be decoded, one line per problem, e.g. `content.text: expected string, got 42`. */
  issues: string[];
}

/** One element of a webhook batch, decoded. */
export type LineEvent = MessageEvent | OperationEvent | UnknownEvent;
