// Typed factories for RAW wire events (spec §2.1–2.3): what LINE POSTs, not the decoded LineEvent.
// One family of functions, so they share this file. Every default is deterministic: ids, revisions and
// times come from one counter (reset it with resetEventFactories()), MIDs are fixed (FactoryDefaults).
import { ContentType, ToType } from '../protocol/content-types.js';
import { EventType } from '../protocol/event-types.js';
import { OpType } from '../protocol/op-types.js';
import type { RawEvent, RawLocation, RawMessageContent, RawMessageEvent, RawOperationEvent } from './raw-event.js';

/** The fixed values the event factories use when an option is not given. */
export const FactoryDefaults = {
  /** The platform sender MID seen in real traffic (spec §2.1 `from`). */
  platformMid: 'u206d25c2ea6bd87c17655609a1c37cb8',
  /** The platform channel (spec §2.1 `fromChannel`). */
  platformChannel: 1341301815,
  /** The bot channel's MID (event `to`). */
  channelMid: 'u0cc15697597f61dd8b01cea8b027050e',
  /** The bot channel id (event `toChannel`). */
  channelId: 1441301333,
  /** The user who sends messages and performs operations (the sender in LINE's SDK fixture). */
  userMid: 'uff2aec188e58752ee1fb0f9507c6529a',
  /** The group of {@link invitedToGroupEvent}. */
  groupMid: 'c0f3bfc598b061eba02183bfc5280886a',
  /** The room of {@link addedToRoomEvent}. */
  roomMid: 'r0f3bfc598b061eba02183bfc5280886a',
  /** `createdTime` of the first event; each later event is 1 s later. */
  firstCreatedTime: 1_700_000_000_000,
} as const;

let counter = 0;

/**
 * Restarts the counter behind default event ids, message ids, revisions and times, so that a test
 * sees the same values whatever ran before it (call it in `beforeEach`).
 */
export function resetEventFactories(): void {
  counter = 0;
}

/** Options every factory accepts: the envelope fields of spec §2.1. */
export interface EventEnvelopeOptions {
  /** Event id. Default `WB1519-<counter, 10 digits>`. */
  id?: string;
  /** Bot channel id (`toChannel`). Default {@link FactoryDefaults}.channelId (a number). */
  channelId?: number | string;
  /** Bot channel MID (`to[0]`). Default {@link FactoryDefaults}.channelMid. */
  channelMid?: string;
  /** Epoch ms for the event and its content; `null` omits it (LINE may). Default `firstCreatedTime + (counter-1) × 1000`. */
  createdTime?: number | null;
}

/** Options of every message factory. */
export interface MessageEventOptions extends EventEnvelopeOptions {
  /**
   * MID of the sending user (`content.from`). `null` sends `null`, as a group or room message without a
   * sender (unconfirmed, spec §2.2: a community client saw it). Default {@link FactoryDefaults}.userMid.
   */
  from?: string | null;
  /** The message id (`content.id`, used to download media). Default `String(100000 + counter)`. */
  messageId?: string;
  /** Where the message was sent: `'user'` (1:1 chat), or BC `'room'`/`'group'`. Default `'user'`. */
  toType?: 'user' | 'room' | 'group';
  /**
   * With `toType` `'room'` or `'group'`: the room or group MID, sent as `content.to` (where a reply goes,
   * spec §2.2). Default {@link FactoryDefaults}.roomMid or `.groupMid`. Ignored for `'user'`, whose
   * `content.to` is the channel MID.
   */
  chatMid?: string;
  /** Extra `contentMetadata` keys, merged over the factory's own. Default none. */
  metadata?: Record<string, string>;
}

/** Options of {@link operationEvent} and the named operation factories. */
export interface OperationEventOptions extends EventEnvelopeOptions {
  /** MID of the user who did it (`params[0]`). Default {@link FactoryDefaults}.userMid. */
  mid?: string;
  /** `revision`. Default `1000 + counter`. */
  revision?: number;
  /** The whole `params` array; overrides `mid`. Default `[mid, null, null]`. */
  params?: (string | null)[];
}

interface Stamp {
  n: number;
  createdTime: number | undefined;
}

/**
 * The counter value of one event. The counter only advances when a default needs it (`ownDefault`: the
 * factory's own message id or revision), so a caller that gives every value (the emulator does) leaves
 * the defaults of the tests around it unchanged.
 */
function stamp(options: EventEnvelopeOptions, ownDefault: boolean): Stamp {
  if (ownDefault || options.id === undefined || options.createdTime === undefined) counter += 1;
  const createdTime =
    options.createdTime === null ? undefined : (options.createdTime ?? FactoryDefaults.firstCreatedTime + (counter - 1) * 1000);
  return { n: counter, createdTime };
}

function envelope<C>(eventType: string, s: Stamp, options: EventEnvelopeOptions, content: C): RawEvent<C> {
  const event: RawEvent<C> = {
    from: FactoryDefaults.platformMid,
    fromChannel: FactoryDefaults.platformChannel,
    to: [options.channelMid ?? FactoryDefaults.channelMid],
    toChannel: options.channelId ?? FactoryDefaults.channelId,
    eventType,
    id: options.id ?? `WB1519-${String(s.n).padStart(10, '0')}`,
    content,
  };
  if (s.createdTime !== undefined) event.createdTime = s.createdTime;
  return event;
}

/** `content.to[0]`: the channel in a 1:1 chat, else the room or group (spec §2.2). */
function contentTo(options: MessageEventOptions): string {
  if (options.toType === 'room') return options.chatMid ?? FactoryDefaults.roomMid;
  if (options.toType === 'group') return options.chatMid ?? FactoryDefaults.groupMid;
  return options.channelMid ?? FactoryDefaults.channelMid;
}

type MessageFields = Partial<Pick<RawMessageContent, 'contentMetadata' | 'text' | 'location'>>;

function messageEvent(contentType: number, options: MessageEventOptions, fields: MessageFields = {}): RawMessageEvent {
  const s = stamp(options, options.messageId === undefined);
  const ownMetadata = fields.contentMetadata ?? null;
  const contentMetadata = options.metadata ? { ...ownMetadata, ...options.metadata } : ownMetadata;
  const content: RawMessageContent = {
    id: options.messageId ?? String(100000 + s.n),
    contentType,
    from: options.from === undefined ? FactoryDefaults.userMid : options.from,
    to: [contentTo(options)],
    toType: ToType[options.toType ?? 'user'],
    contentMetadata,
    text: fields.text ?? null,
    location: fields.location ?? null,
  };
  if (s.createdTime !== undefined) content.createdTime = s.createdTime;
  return envelope(EventType.receivedMessage, s, options, content);
}

/** Options of {@link textEvent}. */
export interface TextEventOptions extends MessageEventOptions {
  /** The text the user typed (users may send up to 10,000 characters, spec §5). */
  text: string;
}

/** A text message (contentType 1) from a user. */
export function textEvent(options: TextEventOptions): RawMessageEvent {
  return messageEvent(ContentType.text, options, { text: options.text });
}

/** An image message (contentType 2); the bytes are downloaded with `getMessageContent(messageId)`. */
export function imageEvent(options: MessageEventOptions = {}): RawMessageEvent {
  return messageEvent(ContentType.image, options);
}

/** A video message (contentType 3); the bytes are downloaded with `getMessageContent(messageId)`. */
export function videoEvent(options: MessageEventOptions = {}): RawMessageEvent {
  return messageEvent(ContentType.video, options);
}

/** Options of {@link audioEvent}. */
export interface AudioEventOptions extends MessageEventOptions {
  /** Duration in ms, sent as the string `AUDLEN` (spec §2.2). Default 3000. */
  durationMs?: number;
}

/** An audio message (contentType 4) with `contentMetadata.AUDLEN`. */
export function audioEvent(options: AudioEventOptions = {}): RawMessageEvent {
  return messageEvent(ContentType.audio, options, { contentMetadata: { AUDLEN: String(options.durationMs ?? 3000) } });
}

/** Options of {@link locationEvent}. */
export interface LocationEventOptions extends MessageEventOptions {
  /** Default `'Tokyo Station'`; also sent as the top-level `text`. `null` sends `null`. */
  title?: string | null;
  /** Default `'1 Chome Marunouchi, Chiyoda City, Tokyo'`. `null` sends `null`. */
  address?: string | null;
  /** Default 35.681236. */
  latitude?: number;
  /** Default 139.767125. */
  longitude?: number;
  /** Default `null` (as LINE usually sends it). */
  phone?: string | null;
}

/** A location message (contentType 7). */
export function locationEvent(options: LocationEventOptions = {}): RawMessageEvent {
  const title = options.title === undefined ? 'Tokyo Station' : options.title;
  const location: RawLocation = {
    title,
    address: options.address === undefined ? '1 Chome Marunouchi, Chiyoda City, Tokyo' : options.address,
    latitude: options.latitude ?? 35.681236,
    longitude: options.longitude ?? 139.767125,
    phone: options.phone ?? null,
  };
  return messageEvent(ContentType.location, options, { location, text: title });
}

/** Options of {@link stickerEvent}. */
export interface StickerEventOptions extends MessageEventOptions {
  /** `STKPKGID`. Default `'332'`. */
  packageId?: string;
  /** `STKID`. Default `'3'`. */
  stickerId?: string;
  /** `STKVER`. Default `'100'`; `null` leaves it out. */
  version?: string | null;
  /** `STKTXT`, the sticker's alt text. Default none. */
  text?: string;
}

/** A sticker message (contentType 8); all metadata values are strings, as on the wire. */
export function stickerEvent(options: StickerEventOptions = {}): RawMessageEvent {
  const metadata: Record<string, string> = { STKPKGID: options.packageId ?? '332', STKID: options.stickerId ?? '3' };
  const version = options.version === undefined ? '100' : options.version;
  if (version !== null) metadata.STKVER = version;
  if (options.text !== undefined) metadata.STKTXT = options.text;
  return messageEvent(ContentType.sticker, options, { contentMetadata: metadata });
}

/** Options of {@link contactEvent}. */
export interface ContactEventOptions extends MessageEventOptions {
  /** MID of the shared contact. Default `'u1f3bfc598b061eba02183bfc5280886b'`. */
  mid?: string;
  /** Display name of the shared contact. Default `'Brown'`. */
  displayName?: string;
}

/** A contact message (contentType 10): the user shared someone's contact. */
export function contactEvent(options: ContactEventOptions = {}): RawMessageEvent {
  const contentMetadata = { mid: options.mid ?? 'u1f3bfc598b061eba02183bfc5280886b', displayName: options.displayName ?? 'Brown' };
  return messageEvent(ContentType.contact, options, { contentMetadata });
}

/** A message with a contentType this library does not know (decodes as `{ type: 'unknown', contentType }`). */
export function unknownMessageEvent(contentType: number, options: MessageEventOptions = {}): RawMessageEvent {
  return messageEvent(contentType, options);
}

/** Any operation (spec §2.3), e.g. an opType the library does not know. */
export function operationEvent(opType: number, options: OperationEventOptions = {}): RawOperationEvent {
  const s = stamp(options, options.revision === undefined);
  const params = options.params ?? [options.mid ?? FactoryDefaults.userMid, null, null];
  return envelope(EventType.receivedOperation, s, options, { revision: options.revision ?? 1000 + s.n, opType, params });
}

/** The user added the account as a friend (opType 4): `operation.type` `'addedAsFriend'`. */
export function addedAsFriendEvent(options: OperationEventOptions = {}): RawOperationEvent {
  return operationEvent(OpType.addedAsFriend, options);
}

/** The user blocked the account (opType 8): the bot must delete what it stored about the user (spec §2.3). */
export function blockedEvent(options: OperationEventOptions = {}): RawOperationEvent {
  return operationEvent(OpType.blocked, options);
}

/** Options of {@link invitedToGroupEvent} and {@link addedToRoomEvent}. */
export interface ChatOperationEventOptions extends OperationEventOptions {
  /**
   * MID of the group or room, sent as `params[1]` (the layout is unconfirmed, spec §2.3; the local
   * emulator sends the same). Default {@link FactoryDefaults}.groupMid or `.roomMid`.
   */
  chatMid?: string;
}

/** (BC) The user invited the bot to a group (opType 5): params `[user MID, group MID, null]` unless `params` is given. */
export function invitedToGroupEvent(options: ChatOperationEventOptions = {}): RawOperationEvent {
  const params = options.params ?? [options.mid ?? FactoryDefaults.userMid, options.chatMid ?? FactoryDefaults.groupMid, null];
  return operationEvent(OpType.invitedToGroup, { ...options, params });
}

/** (BC) The user added the bot to a room (opType 7): params `[user MID, room MID, null]` unless `params` is given. */
export function addedToRoomEvent(options: ChatOperationEventOptions = {}): RawOperationEvent {
  const params = options.params ?? [options.mid ?? FactoryDefaults.userMid, options.chatMid ?? FactoryDefaults.roomMid, null];
  return operationEvent(OpType.addedToRoom, { ...options, params });
}
