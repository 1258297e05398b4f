import { Limits } from '../protocol/limits.js';
import {
  audioEvent,
  contactEvent,
  imageEvent,
  locationEvent,
  operationEvent,
  stickerEvent,
  textEvent,
  videoEvent,
  type MessageEventOptions,
} from '../testing/event-factories.js';
import type { RawMessageEvent, RawOperationEvent } from '../testing/raw-event.js';
import { EmulatorInputError } from './emulator-input-error.js';
import type { UserMessageInput } from './emulator-types.js';
import type { StoredMedia } from './platform.js';
import { describe } from './platform.js';
import { sampleMedia } from './sample-media.js';

/** Where an event comes from and goes to, and the ids it carries. */
export interface UserEventIds {
  /** The event id (`WB1519-…`). */
  eventId: string;
  /** The bot's channel id (digits) and MID. */
  channelId: string;
  channelMid: string;
  createdTime: number;
}

/** A user message as a wire event, plus the media it makes downloadable. */
export interface BuiltUserMessage {
  event: RawMessageEvent;
  media: StoredMedia | undefined;
}

/** Longest string a virtual user may put in any field (users can send 10,000 characters, spec §2). */
const MAX_CHARS = Limits.incomingTextChars;

const FIELDS: Record<string, readonly string[]> = {
  text: ['type', 'text'],
  image: ['type', 'data'],
  video: ['type', 'data'],
  audio: ['type', 'durationMs', 'data'],
  location: ['type', 'title', 'address', 'latitude', 'longitude', 'phone'],
  sticker: ['type', 'packageId', 'stickerId', 'version', 'text'],
  contact: ['type', 'mid', 'displayName'],
};

/**
 * Turns what a virtual user sends ({@link UserMessageInput}, from code or the JSON API) into the wire
 * event LINE would deliver (spec §2.1, §2.2), built with the testing kit's event factories. Every field is
 * checked (type, range, length): a bad one throws an {@link EmulatorInputError} naming it, so nothing odd
 * is ever stored or delivered.
 */
export function buildUserMessage(
  input: UserMessageInput,
  ids: UserEventIds & { messageId: string; fromMid: string; toType: 'user' | 'room' | 'group'; chatMid: string },
): BuiltUserMessage {
  const message = typeof input === 'string' ? ({ type: 'text', text: input } as const) : input;
  if (message === null || typeof message !== 'object' || Array.isArray(message)) {
    throw new EmulatorInputError('sendAs: a message is a string or an object with a type (text, image, video, audio, location, sticker, contact).');
  }
  const type = (message as { type?: unknown }).type;
  const fields = typeof type === 'string' && Object.hasOwn(FIELDS, type) ? FIELDS[type]! : undefined;
  if (fields === undefined) {
    throw new EmulatorInputError(`sendAs: unknown message type ${describe(type)}; use text, image, video, audio, location, sticker or contact.`);
  }
  for (const key of Object.keys(message)) {
    if (!fields.includes(key)) throw new EmulatorInputError(`sendAs: a ${type} message has no field "${key}" (its fields: ${fields.join(', ')}).`);
  }
  const options: MessageEventOptions = {
    id: ids.eventId,
    channelId: Number(ids.channelId),
    channelMid: ids.channelMid,
    createdTime: ids.createdTime,
    from: ids.fromMid,
    messageId: ids.messageId,
    toType: ids.toType,
    chatMid: ids.chatMid,
  };
  const data = (message as { data?: unknown }).data;
  if (data !== undefined && !(data instanceof Uint8Array)) throw new EmulatorInputError('sendAs: data must be a Uint8Array.');
  switch (message.type) {
    case 'text':
      return { event: textEvent({ ...options, text: text(message.text, 'text', 1) }), media: undefined };
    case 'image':
      return { event: imageEvent(options), media: { original: withData(sampleMedia('image'), data), preview: sampleMedia('preview') } };
    case 'video':
      return { event: videoEvent(options), media: { original: withData(sampleMedia('video'), data), preview: sampleMedia('preview') } };
    case 'audio': {
      const durationMs = message.durationMs ?? 1000;
      if (typeof durationMs !== 'number' || !Number.isSafeInteger(durationMs) || durationMs < 1) {
        throw new EmulatorInputError(`sendAs: durationMs must be a positive integer, got ${describe(durationMs)}.`);
      }
      return { event: audioEvent({ ...options, durationMs }), media: { original: withData(sampleMedia('audio'), data), preview: undefined } };
    }
    case 'location': {
      const { latitude, longitude } = message;
      if (typeof latitude !== 'number' || typeof longitude !== 'number' || !(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
        throw new EmulatorInputError('sendAs: a location needs latitude (-90..90) and longitude (-180..180) numbers.');
      }
      return {
        event: locationEvent({
          ...options,
          title: text(message.title ?? 'Location', 'title', 1),
          address: message.address === undefined ? null : text(message.address, 'address', 0),
          phone: message.phone === undefined ? null : text(message.phone, 'phone', 0),
          latitude,
          longitude,
        }),
        media: undefined,
      };
    }
    case 'sticker': {
      const sticker: Parameters<typeof stickerEvent>[0] = {
        ...options,
        packageId: digits(message.packageId, 'packageId'),
        stickerId: digits(message.stickerId, 'stickerId'),
        version: digits(message.version ?? '100', 'version'),
      };
      if (message.text !== undefined) sticker.text = text(message.text, 'text', 0);
      return { event: stickerEvent(sticker), media: undefined };
    }
    case 'contact':
      return {
        event: contactEvent({ ...options, mid: text(message.mid, 'mid', 1), displayName: text(message.displayName, 'displayName', 1) }),
        media: undefined,
      };
  }
}

/** An operation event `{revision, opType, params}` (spec §2.3). */
export function buildUserOperation(operation: { revision: number; opType: number; params: (string | null)[] }, ids: UserEventIds): RawOperationEvent {
  return operationEvent(operation.opType, {
    id: ids.eventId,
    channelId: Number(ids.channelId),
    channelMid: ids.channelMid,
    createdTime: ids.createdTime,
    revision: operation.revision,
    params: operation.params,
  });
}

function text(value: unknown, field: string, minLength: number): string {
  // `length` counts UTF-16 units, never fewer than characters: count characters only when it could matter.
  if (typeof value !== 'string' || value.length < minLength || (value.length > MAX_CHARS && [...value].length > MAX_CHARS)) {
    throw new EmulatorInputError(
      `sendAs: ${field} must be a ${minLength > 0 ? 'non-empty ' : ''}string of at most ${MAX_CHARS} characters, got ${describe(value)}.`,
    );
  }
  return value;
}

function digits(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^[0-9]{1,18}$/.test(value)) {
    throw new EmulatorInputError(`sendAs: a sticker's ${field} must be a string of digits, e.g. "332", got ${describe(value)}.`);
  }
  return value;
}

function withData(sample: StoredMedia['original'], data: Uint8Array | undefined): StoredMedia['original'] {
  return data === undefined ? sample : { ...sample, bytes: data };
}
