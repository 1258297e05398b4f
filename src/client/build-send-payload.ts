import { MessageValidationError } from '../errors.js';
import { isLinkMessage } from '../messages/is-link-message.js';
import type { OutgoingMessage, SendableMessage } from '../messages/outgoing-message.js';
import { ToType } from '../protocol/content-types.js';
import {
  linkMessageSendChannel,
  messageSendChannel,
  sendLinkMessageEventType,
  sendMultipleMessagesEventType,
  sendSingleMessageEventType,
} from '../protocol/event-types.js';

/** Everything of a `POST /v1/events` body except `to` (spec §3). */
export interface SendPayload {
  toChannel: number;
  eventType: string;
  /** The `content` object as JSON text. */
  contentJson: string;
}

/** Internal settings of {@link buildSendPayload}. */
export interface SendPayloadOptions {
  toType: keyof typeof ToType;
  messageNotified: number | undefined;
  trial: boolean;
}

/**
 * Builds the event type, channel and content of a send (spec §3): one message → single message
 * event, an array → multiple-messages event, a link message → link message event. `messages` must
 * already be validated.
 */
export function buildSendPayload(messages: OutgoingMessage | readonly OutgoingMessage[], options: SendPayloadOptions): SendPayload {
  if (options.trial && options.toType !== 'user') {
    throw new MessageValidationError('toType', `the BOT API Trial only sends to users (toType 'user'), got '${options.toType}'.`);
  }
  const toType: number | undefined = Object.hasOwn(ToType, options.toType) ? ToType[options.toType] : undefined;
  if (toType === undefined) {
    throw new MessageValidationError('toType', `must be 'user', 'room' or 'group', got ${JSON.stringify(options.toType)}.`);
  }
  if (!Array.isArray(messages)) {
    const message = messages as OutgoingMessage;
    if (options.messageNotified !== undefined) {
      throw new MessageValidationError('messageNotified', 'only applies to an array of messages (multiple-messages event).');
    }
    if (isLinkMessage(message)) {
      if (options.trial) {
        throw new MessageValidationError('templateId', 'link messages are a Business Connect feature; the BOT API Trial cannot send them.');
      }
      // The link message content goes as built, without toType (spec §3 example): it cannot address a
      // room or a group, so saying one would be silently ignored. Refuse it instead.
      if (options.toType !== 'user') {
        throw new MessageValidationError(
          'toType',
          `a link message has no toType on the wire (spec §3) and goes to users only; got '${options.toType}'. Send it without toType.`,
        );
      }
      return { toChannel: linkMessageSendChannel, eventType: sendLinkMessageEventType, contentJson: JSON.stringify(message) };
    }
    return { toChannel: messageSendChannel, eventType: sendSingleMessageEventType, contentJson: JSON.stringify(withToType(message, toType)) };
  }
  const list = messages as readonly OutgoingMessage[];
  if (list.length === 0) throw new MessageValidationError('message', 'the array of messages is empty; pass at least one message.');
  const messageNotified = options.messageNotified ?? 0;
  if (!Number.isInteger(messageNotified) || messageNotified < 0 || messageNotified >= list.length) {
    throw new MessageValidationError(
      'messageNotified',
      `must be the index of one of the ${list.length} messages (0 to ${list.length - 1}), got ${String(messageNotified)}.`,
    );
  }
  const contents = list.map((message, index) => {
    if (isLinkMessage(message)) {
      throw new MessageValidationError(`messages[${index}]`, 'a link message cannot be part of a multiple-messages event; send it alone.');
    }
    return withToType(message, toType);
  });
  const content = { messageNotified, messages: contents };
  return { toChannel: messageSendChannel, eventType: sendMultipleMessagesEventType, contentJson: JSON.stringify(content) };
}

// spec §3 examples put toType right after contentType: {"contentType":1,"toType":1,"text":"hello"}.
function withToType(message: SendableMessage, toType: number): Record<string, unknown> {
  const { contentType, toType: _ignored, ...rest } = message as SendableMessage & { toType?: unknown };
  return { contentType, toType, ...rest };
}

/** The body of one request: `{"to":[...],"toChannel":…,"eventType":"…","content":{…}}` in this key order. */
export function buildEventBody(recipients: readonly string[], payload: SendPayload): string {
  // One native JSON.stringify of the array: the same text as quoting each MID and joining with commas.
  return `{"to":${JSON.stringify(recipients)}${bodySuffix(payload)}`;
}

/** UTF-8 bytes of the body with an empty `to` array: the fixed part every request pays. */
export function baseBodyBytes(payload: SendPayload): number {
  return utf8Length(`{"to":[]${bodySuffix(payload)}`);
}

function bodySuffix(payload: SendPayload): string {
  return `,"toChannel":${payload.toChannel},"eventType":${JSON.stringify(payload.eventType)},"content":${payload.contentJson}}`;
}

const encoder = /* @__PURE__ */ new TextEncoder();

/** Exact UTF-8 byte length of `text`. */
export function utf8Length(text: string): number {
  return encoder.encode(text).byteLength;
}

// A character other than printable ASCII, `"` or `\`: without one, JSON.stringify only adds the two
// quotes, one byte per char. (Searching for one is faster than matching the whole string.)
const notPlainJson = /[^ !#-[\]-~]/;

/** UTF-8 bytes of `JSON.stringify(text)`, without encoding it in the common case (a plain ASCII MID). */
export function jsonStringBytes(text: string): number {
  return notPlainJson.test(text) ? utf8Length(JSON.stringify(text)) : text.length + 2;
}
