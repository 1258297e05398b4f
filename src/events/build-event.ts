/**
 * Builds decoded events from wire values that were already checked. The valibot schemas (their
 * transforms) and the hand-written decoder (`decodeEvent`) both call these, so they give the same
 * objects: a new field goes here once.
 *
 * @internal Used by the event schemas and decoders; not part of the public API.
 */
import { OpType } from '../protocol/op-types.js';
import type { Message, MessageEvent, Operation, OperationEvent, ToTypeName } from './line-event.js';
import { describeValue } from './describe-value.js';
import { toEpochMs } from './to-epoch-ms.js';

/** A message `content` after its checks passed: the fields each content type reads (spec §2.2). */
export interface CheckedContent {
  id: string;
  /** A string, except in a room or group, where LINE may send no sender (then anything: it becomes `''`). */
  from: unknown;
  to?: unknown;
  createdTime?: unknown;
  contentType: number;
  text?: unknown;
  location?: unknown;
}

const TO_TYPE_NAMES: Record<number, ToTypeName> = { 1: 'user', 2: 'room', 3: 'group' };
// AUDLEN is the duration in ms as a decimal string (spec §2.2); anything else is ignored, not an error.
const DECIMAL_INTEGER = /^[0-9]+$/;
// The names of the known opTypes are the keys of OpType (addedAsFriend, blocked, invitedToGroup, addedToRoom).
const OPERATION_NAMES = /* @__PURE__ */ Object.keys(OpType) as (keyof typeof OpType)[];

/** `toType` 1 → `'user'`, 2 → `'room'`, 3 → `'group'` (checked before). */
export function toTypeName(toType: 1 | 2 | 3): ToTypeName {
  return TO_TYPE_NAMES[toType]!;
}

/**
 * The message type of each known contentType (spec §2.2); any other is `unknown`. The numbers are those
 * of `ContentType`, written out so that the webhook path does not carry that object (a test holds the two
 * together).
 */
export const MESSAGE_TYPES: Readonly<Record<number, Exclude<Message['type'], 'unknown'>>> = {
  1: 'text',
  2: 'image',
  3: 'video',
  4: 'audio',
  7: 'location',
  8: 'sticker',
  10: 'contact',
};

/**
 * The decoded message of type `type` from a checked `content`. `metadata` is `contentMetadata`
 * normalised by `toMetadata`; the types that need metadata keys (sticker: STKPKGID, STKID; contact:
 * mid, displayName) were checked to have them.
 */
export function buildMessage(type: Message['type'], content: CheckedContent, toType: ToTypeName, metadata: Record<string, string>): Message {
  // The fields every message has, in one place (objects are built field by field: no spread on this hot path).
  const from = typeof content.from === 'string' ? content.from : '';
  const to = stringsOf(content.to);
  const chatMid = toType === 'user' ? from : (to[0] ?? '');
  const message: Record<string, unknown> = { type, id: content.id, from, to, chat: { type: toType, mid: chatMid }, toType, metadata };
  const createdTime = toEpochMs(content.createdTime);
  if (createdTime !== undefined) message.createdTime = createdTime;
  const issues = oddFields(content, to, toType, chatMid);
  if (issues !== undefined) message.issues = issues;
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

/** The strings of `value` when it is an array (`content.to`), else none. */
function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * What was odd about a message that still decodes, one line each, or undefined (the common case, no
 * allocation): `to` not a non-empty list of MIDs; in a room or group, no sender or no room/group MID
 * (spec §2.2: unconfirmed there, so never fatal).
 */
function oddFields(content: CheckedContent, to: string[], toType: ToTypeName, chatMid: string): string[] | undefined {
  let issues: string[] | undefined;
  const raw = content.to;
  if (!Array.isArray(raw) || to.length === 0 || to.length !== raw.length) {
    const got = Array.isArray(raw) ? `[${raw.map(describeValue).join(', ')}]` : describeValue(raw);
    (issues ??= []).push(`content.to: expected a non-empty array of MID strings, got ${got}`);
  }
  if (toType === 'user') return issues;
  if (typeof content.from !== 'string' || content.from === '') {
    (issues ??= []).push(`content.from: no sender MID in a ${toType} message (LINE may leave it out there); reply to chat.mid`);
  }
  if (chatMid === '') (issues ??= []).push(`content.to: no ${toType} MID, so there is no chat to reply to`);
  return issues;
}

/**
 * The decoded operation of a checked `content` (spec §2.3). `params` items are kept as strings or
 * nulls: a number becomes its decimal string, anything else null (never a failure); absent → `[]`.
 */
export function buildOperation(content: { revision: number; opType: number; params?: unknown }): Operation {
  const params = ((content.params as unknown[] | null | undefined) ?? []).map((param) =>
    typeof param === 'string' ? param : typeof param === 'number' ? String(param) : null,
  );
  const operation: Operation = {
    type: OPERATION_NAMES.find((name) => OpType[name] === content.opType) ?? 'unknown',
    opType: content.opType,
    revision: content.revision,
    mid: params[0] ?? '',
    params,
  };
  // opType 5/7 (spec §2.3): the layout of params is unconfirmed, so the group or room and the inviter are
  // found by what their MIDs look like (c… group, r… room, u… user), wherever they are.
  if (content.opType === OpType.invitedToGroup || content.opType === OpType.addedToRoom) {
    const prefix = content.opType === OpType.invitedToGroup ? 'c' : 'r';
    const chatMid = params.find((param): param is string => param !== null && param.startsWith(prefix));
    if (chatMid !== undefined) operation.chat = { type: prefix === 'c' ? 'group' : 'room', mid: chatMid };
    const inviter = params.find((param): param is string => param !== null && param.startsWith('u'));
    if (inviter !== undefined) operation.inviter = inviter;
  }
  return operation;
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
