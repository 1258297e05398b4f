import { MessageValidationError } from '../../errors.js';
import { validateOutgoingMessage } from '../../messages/validate-outgoing-message.js';
import { ToType } from '../../protocol/content-types.js';
import { EventType, SendChannel } from '../../protocol/event-types.js';
import { Limits } from '../../protocol/limits.js';
import { badRequest, LineErrorResponse } from './http-helpers.js';

/** What the recipient of a send is, or `undefined` when the emulator does not know the MID. */
export type RecipientKind = 'user' | 'group' | 'room' | undefined;

/** Settings of {@link checkSendRequest}. */
export interface CheckSendRequestOptions {
  trial: boolean;
  maxTextChars: number | undefined;
  recipientKind(mid: string): RecipientKind;
}

/** An accepted `POST /v1/events` body. */
export interface CheckedSend {
  kind: 'single' | 'multiple' | 'link';
  /** Distinct recipients, in request order. */
  recipients: string[];
  /** The message contents as sent (with `toType`), one per message. */
  messages: Record<string, unknown>[];
}

const ENVELOPE_KEYS = ['to', 'toChannel', 'eventType', 'content'];
const KIND_BY_EVENT_TYPE: Record<string, CheckedSend['kind']> = {
  [EventType.sendSingleMessage]: 'single',
  [EventType.sendMultipleMessages]: 'multiple',
  [EventType.sendLinkMessage]: 'link',
};
const TO_TYPE_BY_KIND = { user: ToType.user, room: ToType.room, group: ToType.group } as const;

/**
 * Checks a send request as strictly as the spec allows (spec §3): the envelope keys, `eventType`
 * (LINE code 423 when unknown), the `toChannel` that goes with it, 1–150 recipients that exist
 * (LINE code 422 otherwise), `toType` matching each recipient, and every message through the same
 * {@link validateOutgoingMessage} the library uses. Throws a {@link LineErrorResponse}.
 */
export function checkSendRequest(body: unknown, options: CheckSendRequestOptions): CheckedSend {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object {"to":[…],"toChannel":…,"eventType":"…","content":{…}}.');
  }
  const envelope = body as Record<string, unknown>;
  for (const key of Object.keys(envelope)) {
    if (!ENVELOPE_KEYS.includes(key)) throw badRequest(`Unknown field "${key}" in the request body; allowed: ${ENVELOPE_KEYS.join(', ')}.`);
  }
  for (const key of ENVELOPE_KEYS) {
    if (envelope[key] === undefined) throw badRequest(`The request body has no "${key}".`);
  }
  const eventType = envelope.eventType;
  const kind = typeof eventType === 'string' ? KIND_BY_EVENT_TYPE[eventType] : undefined;
  if (kind === undefined) {
    throw badRequest(
      `eventType is invalid: ${JSON.stringify(eventType)}. Use "${EventType.sendSingleMessage}" (single), "${EventType.sendMultipleMessages}" (multiple) or "${EventType.sendLinkMessage}" (link message), as a string.`,
      '423',
    );
  }
  if (kind === 'link' && options.trial) throw badRequest('eventType is invalid: the BOT API Trial has no link messages.', '423');
  const expectedChannel = kind === 'link' ? SendChannel.linkMessage : SendChannel.message;
  if (envelope.toChannel !== expectedChannel) {
    throw badRequest(`toChannel must be the number ${expectedChannel} for eventType ${String(eventType)}, got ${JSON.stringify(envelope.toChannel)}.`);
  }
  const recipients = checkRecipients(envelope.to);
  const kinds = recipients.map((mid) => options.recipientKind(mid));
  const unknown = recipients.filter((_, index) => kinds[index] === undefined);
  if (unknown.length > 0) {
    throw badRequest(`invalid users: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''} (not a user, group or room known to this channel).`, '422');
  }
  const recipientKinds = new Set(kinds as ('user' | 'group' | 'room')[]);
  if (recipientKinds.size > 1) throw badRequest('All recipients of one request must be of the same kind (users, or groups, or rooms): toType is per request.');
  const recipientKind = [...recipientKinds][0] ?? 'user';
  if (options.trial && recipientKind !== 'user') throw badRequest('The BOT API Trial only sends to users (toType 1).');
  const expectedToType = TO_TYPE_BY_KIND[recipientKind];

  const content = envelope.content;
  if (content === null || typeof content !== 'object' || Array.isArray(content)) throw badRequest('content must be a JSON object.');
  const contentObject = content as Record<string, unknown>;
  if (kind === 'single') {
    if (contentObject.contentType === undefined) {
      throw badRequest(`content has no contentType: a link message needs eventType "${EventType.sendLinkMessage}" and toChannel ${SendChannel.linkMessage}.`);
    }
    return { kind, recipients, messages: [checkMessage(contentObject, 'content', expectedToType, options)] };
  }
  if (kind === 'link') {
    if (contentObject.contentType !== undefined) throw badRequest(`content of a link message has no contentType; send other messages with eventType "${EventType.sendSingleMessage}".`);
    const { toType, ...rest } = contentObject;
    if (toType !== undefined) checkToType(toType, 'content.toType', expectedToType);
    validate(rest, 'content', options);
    return { kind, recipients, messages: [contentObject] };
  }
  const keys = Object.keys(contentObject);
  for (const key of keys) if (key !== 'messageNotified' && key !== 'messages') throw badRequest(`Unknown field "content.${key}"; a multiple-messages content has messageNotified and messages.`);
  const messages = contentObject.messages;
  if (!Array.isArray(messages) || messages.length === 0) throw badRequest('content.messages must be a non-empty array of message contents.');
  const notified = contentObject.messageNotified;
  if (typeof notified !== 'number' || !Number.isInteger(notified) || notified < 0 || notified >= messages.length) {
    throw badRequest(`content.messageNotified must be the index of one of the ${messages.length} messages (0 to ${messages.length - 1}), got ${JSON.stringify(notified)}.`);
  }
  const checked = messages.map((message: unknown, index) => {
    const field = `content.messages[${index}]`;
    if (message === null || typeof message !== 'object' || Array.isArray(message)) throw badRequest(`${field} must be a JSON object.`);
    if ((message as Record<string, unknown>).contentType === undefined) throw badRequest(`${field} has no contentType (link messages cannot be part of a multiple-messages event).`);
    return checkMessage(message as Record<string, unknown>, field, expectedToType, options);
  });
  return { kind, recipients, messages: checked };
}

function checkRecipients(to: unknown): string[] {
  if (!Array.isArray(to)) throw badRequest(`to must be an array of MIDs, got ${to === null ? 'null' : typeof to}.`);
  if (to.length === 0) throw badRequest('to is empty: give 1 to 150 MIDs.');
  if (to.length > Limits.recipientsPerRequest) {
    throw badRequest(`to has ${to.length} MIDs; at most ${Limits.recipientsPerRequest} recipients are allowed per request.`);
  }
  const seen = new Set<string>();
  to.forEach((mid: unknown, index) => {
    if (typeof mid !== 'string' || mid === '') throw badRequest(`to[${index}] must be a MID string.`);
    seen.add(mid);
  });
  return [...seen];
}

function checkToType(value: unknown, field: string, expected: number): void {
  if (value !== expected) {
    const names: Record<number, string> = { 1: 'user', 2: 'room', 3: 'group' };
    throw badRequest(`${field} must be ${expected} (the recipients are ${names[expected] ?? '?'}s), got ${JSON.stringify(value)}.`);
  }
}

function checkMessage(message: Record<string, unknown>, field: string, expectedToType: number, options: CheckSendRequestOptions): Record<string, unknown> {
  const { toType, ...rest } = message;
  if (toType === undefined) throw badRequest(`${field}.toType is missing (1 user, 2 room, 3 group).`);
  checkToType(toType, `${field}.toType`, expectedToType);
  validate(rest, field, options);
  return message;
}

function validate(message: Record<string, unknown>, field: string, options: CheckSendRequestOptions): void {
  try {
    validateOutgoingMessage(message, { field, maxTextChars: options.maxTextChars });
  } catch (error) {
    if (error instanceof MessageValidationError) throw badRequest(error.message);
    throw new LineErrorResponse(500, '500', 'Unexpected error while checking the message.');
  }
}
