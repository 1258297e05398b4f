import { ContentType, ToType } from '../../protocol/content-types.js';
import { EventType } from '../../protocol/event-types.js';
import type { UserMessageInput } from './emulator-types.js';
import { sampleJpeg, sampleM4a, sampleMp4, samplePreviewJpeg } from './sample-media.js';
import type { StoredMedia } from './emulator-state.js';
import { randomInteger } from './random-hex.js';

/** Fixed sender of platform events as seen in real traffic (spec §2.1). */
export const PLATFORM_FROM_MID = 'u206d25c2ea6bd87c17655609a1c37cb8';
/** Fixed `fromChannel` of platform events (spec §2.1). */
export const PLATFORM_FROM_CHANNEL = 1341301815;

/** Channel fields every delivered event carries. */
export interface EventChannel {
  channelId: string;
  channelMid: string;
}

/** A message content in wire form plus the media it makes downloadable. */
export interface BuiltMessage {
  content: Record<string, unknown>;
  media: StoredMedia | undefined;
}

function eventId(): string {
  // Shaped like real ids ("WB1519-3426467455"); uniqueness is not guaranteed by LINE either.
  return `WB1519-${String(randomInteger(1_000_000_000, 10_000_000_000))}`;
}

function envelope(channel: EventChannel, eventType: string, content: Record<string, unknown>, createdTime: number): Record<string, unknown> {
  // Key order and the numeric toChannel follow captured traffic (spec §2.1).
  return {
    from: PLATFORM_FROM_MID,
    fromChannel: PLATFORM_FROM_CHANNEL,
    to: [channel.channelMid],
    toChannel: Number(channel.channelId),
    eventType,
    id: eventId(),
    createdTime,
    content,
  };
}

/**
 * Turns a {@link UserMessageInput} into the wire `content` of a received message (spec §2.2):
 * `id, contentType, from, createdTime, to, toType, contentMetadata, text, location`.
 */
export function buildMessageContent(
  input: UserMessageInput,
  ids: { messageId: string; fromMid: string; toMid: string; toType: keyof typeof ToType; createdTime: number },
): BuiltMessage {
  const message = typeof input === 'string' ? ({ type: 'text', text: input } as const) : input;
  if (message === null || typeof message !== 'object') throw new TypeError('sendAs: message must be a string or an object with a type.');
  let contentType: number;
  let metadata: Record<string, string> | null = null;
  let text: string | null = null;
  let location: Record<string, unknown> | null = null;
  let media: StoredMedia | undefined;
  const data = (message as { data?: unknown }).data;
  if (data !== undefined && !(data instanceof Uint8Array)) throw new TypeError('sendAs: data must be a Uint8Array.');
  switch (message.type) {
    case 'text':
      if (typeof message.text !== 'string' || message.text.length === 0) throw new TypeError('sendAs: text must be a non-empty string.');
      if ([...message.text].length > 10_000) throw new TypeError('sendAs: users can send at most 10,000 characters (spec §2).');
      contentType = ContentType.text;
      text = message.text;
      break;
    case 'image':
      contentType = ContentType.image;
      media = { original: data ? { ...sampleJpeg, bytes: data } : sampleJpeg, preview: samplePreviewJpeg };
      break;
    case 'video':
      contentType = ContentType.video;
      media = { original: data ? { ...sampleMp4, bytes: data } : sampleMp4, preview: samplePreviewJpeg };
      break;
    case 'audio': {
      contentType = ContentType.audio;
      const durationMs = message.durationMs ?? 1000;
      if (!Number.isSafeInteger(durationMs) || durationMs < 1) throw new TypeError('sendAs: durationMs must be a positive integer.');
      metadata = { AUDLEN: String(durationMs) };
      media = { original: data ? { ...sampleM4a, bytes: data } : sampleM4a, preview: undefined };
      break;
    }
    case 'location': {
      const { latitude, longitude } = message;
      if (typeof latitude !== 'number' || typeof longitude !== 'number' || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
        throw new TypeError('sendAs: a location needs latitude (-90..90) and longitude (-180..180) numbers.');
      }
      contentType = ContentType.location;
      const title = message.title ?? 'Location';
      text = title;
      location = { title, address: message.address ?? null, latitude, longitude, phone: message.phone ?? null };
      break;
    }
    case 'sticker':
      if (!/^[0-9]+$/.test(String(message.packageId)) || !/^[0-9]+$/.test(String(message.stickerId))) {
        throw new TypeError('sendAs: a sticker needs packageId and stickerId made of digits, e.g. "332" and "3".');
      }
      contentType = ContentType.sticker;
      metadata = { STKPKGID: String(message.packageId), STKID: String(message.stickerId), STKVER: message.version ?? '100' };
      if (message.text !== undefined) metadata.STKTXT = message.text;
      break;
    case 'contact':
      if (typeof message.mid !== 'string' || typeof message.displayName !== 'string') {
        throw new TypeError('sendAs: a contact needs mid and displayName strings.');
      }
      contentType = ContentType.contact;
      metadata = { mid: message.mid, displayName: message.displayName };
      break;
    default:
      throw new TypeError(
        `sendAs: unknown message type ${JSON.stringify((message as { type?: unknown }).type)}; use text, image, video, audio, location, sticker or contact.`,
      );
  }
  return {
    content: {
      id: ids.messageId,
      contentType,
      from: ids.fromMid,
      createdTime: ids.createdTime,
      to: [ids.toMid],
      toType: ToType[ids.toType],
      contentMetadata: metadata,
      text,
      location,
    },
    media,
  };
}

/** A "message received" event (spec §2.1, §2.2). */
export function buildMessageEvent(channel: EventChannel, content: Record<string, unknown>): Record<string, unknown> {
  return envelope(channel, EventType.receivedMessage, content, content.createdTime as number);
}

/** An operation event `{revision, opType, params:[mid, …]}` (spec §2.3). */
export function buildOperationEvent(
  channel: EventChannel,
  operation: { revision: number; opType: number; params: (string | null)[] },
): Record<string, unknown> {
  return envelope(channel, EventType.receivedOperation, { revision: operation.revision, opType: operation.opType, params: operation.params }, Date.now());
}
