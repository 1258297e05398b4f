/**
 * Builds decoded events from wire values that were already checked. The valibot schemas (their
 * transforms) and the hand-written decoder (`decodeEvent`) both call these, so they give the same
 * objects: a new field goes here once.
 *
 * @internal Used by the event schemas and decoders; not part of the public API.
 */
import { ContentType } from '../protocol/content-types.js';
import { OpType } from '../protocol/op-types.js';
import type { Message, MessageEvent, Operation, OperationEvent, ToTypeName } from './line-event.js';
import { toEpochMs } from './to-epoch-ms.js';

/** A message `content` after its checks passed: the fields each content type reads (spec §2.2). */
export interface CheckedContent {
  id: string;
  from: string;
  createdTime?: unknown;
  contentType: number;
  text?: unknown;
  location?: unknown;
}

const TO_TYPE_NAMES: Record<number, ToTypeName> = { 1: 'user', 2: 'room', 3: 'group' };
// AUDLEN is the duration in ms as a decimal string (spec §2.2); anything else is ignored, not an error.
const DECIMAL_INTEGER = /^[0-9]+$/;
// The names of the known opTypes are the keys of OpType (addedAsFriend, blocked, invitedToGroup, addedToRoom).
const OPERATION_NAMES = Object.keys(OpType) as (keyof typeof OpType)[];

/** `toType` 1 → `'user'`, 2 → `'room'`, 3 → `'group'` (checked before). */
export function toTypeName(toType: 1 | 2 | 3): ToTypeName {
  return TO_TYPE_NAMES[toType]!;
}

/** The message type of each known contentType (spec §2.2); any other is `unknown`. */
export const MESSAGE_TYPES: Readonly<Record<number, Exclude<Message['type'], 'unknown'>>> = {
  [ContentType.text]: 'text',
  [ContentType.image]: 'image',
  [ContentType.video]: 'video',
  [ContentType.audio]: 'audio',
  [ContentType.location]: 'location',
  [ContentType.sticker]: 'sticker',
  [ContentType.contact]: 'contact',
};

/**
 * The decoded message of type `type` from a checked `content`. `metadata` is `contentMetadata`
 * normalised by `toMetadata`; the types that need metadata keys (sticker: STKPKGID, STKID; contact:
 * mid, displayName) were checked to have them.
 */
export function buildMessage(type: Message['type'], content: CheckedContent, toType: ToTypeName, metadata: Record<string, string>): Message {
  // The fields every message has, in one place (objects are built field by field: no spread on this hot path).
  const message: Record<string, unknown> = { type, id: content.id, from: content.from, toType, metadata };
  const createdTime = toEpochMs(content.createdTime);
  if (createdTime !== undefined) message.createdTime = createdTime;
  switch (type) {
    case 'text':
      message.text = content.text;
      break;
    case 'audio': {
      const audlen = metadata.AUDLEN;
      if (audlen !== undefined && DECIMAL_INTEGER.test(audlen) && Number.isSafeInteger(Number(audlen))) message.durationMs = Number(audlen);
      break;
    }
    case 'location': {
      const { title, address, phone, latitude, longitude } = content.location as Record<string, unknown>;
      message.latitude = latitude;
      message.longitude = longitude;
      // Optional: a non-string value is dropped, never an error (spec: never hard-fail on optional values).
      if (typeof title === 'string') message.title = title;
      if (typeof address === 'string') message.address = address;
      if (typeof phone === 'string') message.phone = phone;
      break;
    }
    case 'sticker':
      message.packageId = metadata.STKPKGID;
      message.stickerId = metadata.STKID;
      if (metadata.STKVER !== undefined) message.version = metadata.STKVER;
      if (metadata.STKTXT !== undefined) message.text = metadata.STKTXT;
      break;
    case 'contact':
      message.mid = metadata.mid;
      message.displayName = metadata.displayName;
      break;
    case 'unknown':
      message.contentType = content.contentType;
      break;
  }
  return message as unknown as Message;
}

/**
 * The decoded operation of a checked `content` (spec §2.3). `params` items are kept as strings or
 * nulls: a number becomes its decimal string, anything else null (never a failure); absent → `[]`.
 */
export function buildOperation(content: { revision: number; opType: number; params?: unknown }): Operation {
  const params = ((content.params as unknown[] | null | undefined) ?? []).map((param) =>
    typeof param === 'string' ? param : typeof param === 'number' ? String(param) : null,
  );
  return {
    type: OPERATION_NAMES.find((name) => OpType[name] === content.opType) ?? 'unknown',
    opType: content.opType,
    revision: content.revision,
    mid: params[0] ?? '',
    params,
  };
}

/**
 * A whole received event (spec §2.1): `channelId` is `toChannel` as a string; `createdTime` is added
 * when `toEpochMs` keeps it.
 */
export function buildEvent(id: string, toChannel: string | number, createdTime: unknown, payload: Message | Operation, kind: 'message' | 'operation'): MessageEvent | OperationEvent {
  const event: MessageEvent | OperationEvent =
    kind === 'message'
      ? { type: 'message', id, channelId: String(toChannel), message: payload as Message }
      : { type: 'operation', id, channelId: String(toChannel), operation: payload as Operation };
  const time = toEpochMs(createdTime);
  if (time !== undefined) event.createdTime = time;
  return event;
}
