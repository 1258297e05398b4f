import { MessageValidationError } from '../errors.js';
import { validateOutgoingMessage } from '../messages/validate-outgoing-message.js';
import { ToType } from '../protocol/content-types.js';
import { EventType, SendChannel } from '../protocol/event-types.js';
import { Limits } from '../protocol/limits.js';
import { badRequest, LineErrorResponse } from './line-error-response.js';

/** What the recipient of a send is, or `undefined` when the platform does not know the MID. */
export type RecipientKind = 'user' | 'group' | 'room' | undefined;

/** Settings of {@link checkSendRequest}. */
export interface CheckSendRequestOptions {
  trial: boolean;
  maxTextChars: number | undefined;
  /** What `mid` is; `declared` is the kind the request's `toType` names, when it names one. */
  recipientKind(mid: string, declared: 'user' | 'group' | 'room' | undefined): RecipientKind;
}

/** An accepted `POST /v1/events` body. */
export interface CheckedSend {
  /** The body as the client sent it (parsed JSON). */
  envelope: { to: string[]; toChannel: number | string; eventType: string; content: Record<string, unknown> };
  kind: 'single' | 'multiple' | 'link';
  /** Distinct recipients, in request order. */
  recipients: string[];
  /** What the recipients are (one kind per request: `toType` is per request). */
  recipientKind: 'user' | 'group' | 'room';
  /** The messages in their documented form (with `toType`, except link messages), one per message. */
  messages: Record<string, unknown>[];
  /** Forms LINE accepted that a careful client would not send (spec §3.1), one sentence each. */
  warnings: string[];
}

const ENVELOPE_KEYS = ['to', 'toChannel', 'eventType', 'content'];
const KIND_BY_EVENT_TYPE: Record<string, CheckedSend['kind']> = {
  [EventType.sendSingleMessage]: 'single',
  [EventType.sendMultipleMessages]: 'multiple',
  [EventType.sendLinkMessage]: 'link',
};
const KIND_BY_TO_TYPE: Record<number, 'user' | 'room' | 'group'> = { [ToType.user]: 'user', [ToType.room]: 'room', [ToType.group]: 'group' };

/**
 * Checks a send request as LINE did (spec §3, §3.1): the envelope keys, `eventType` (LINE code 423 when
 * unknown), the `toChannel` that goes with it (a number, or its decimal string as LINE's PHP and npm SDKs
 * sent it), 1–150 recipients that exist (LINE code 422 otherwise), an optional `toType` matching them, and
 * every message through the same {@link validateOutgoingMessage} the library uses, which accepts the other
 * forms LINE's own SDKs sent and notes each in `warnings`. Throws a {@link LineErrorResponse}.
 */
export function checkSendRequest(body: unknown, options: CheckSendRequestOptions): CheckedSend {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object {"to":[…],"toChannel":…,"eventType":"…","content":{…}}.');
  }
  const warnings: string[] = [];
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
  checkToChannel(envelope.toChannel, kind === 'link' ? SendChannel.linkMessage : SendChannel.message, String(eventType), warnings);

  const content = envelope.content;
  if (content === null || typeof content !== 'object' || Array.isArray(content)) throw badRequest('content must be a JSON object.');
  const contentObject = content as Record<string, unknown>;
  const recipients = checkRecipients(envelope.to);
  const declared = declaredKind(kind, contentObject);
  const kinds = recipients.map((mid) => options.recipientKind(mid, declared));
  const unknown = recipients.filter((_, index) => kinds[index] === undefined);
  if (unknown.length > 0) {
    throw badRequest(`invalid users: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''} (not a user, group or room known to this channel).`, '422');
  }
  const recipientKinds = new Set(kinds as ('user' | 'group' | 'room')[]);
  if (recipientKinds.size > 1) throw badRequest('All recipients of one request must be of the same kind (users, or groups, or rooms): toType is per request.');
  const recipientKind = [...recipientKinds][0] ?? 'user';
  if (options.trial && recipientKind !== 'user') throw badRequest('The BOT API Trial only sends to users (toType 1).');
  const expectedToType = ToType[recipientKind];
  const send = (messages: Record<string, unknown>[]): CheckedSend => ({ envelope: envelope as CheckedSend['envelope'], kind, recipients, recipientKind, messages, warnings });

  if (kind === 'single') {
    if (contentObject.contentType === undefined) {
      throw badRequest(`content has no contentType: a link message needs eventType "${EventType.sendLinkMessage}" and toChannel ${SendChannel.linkMessage}.`);
    }
    return send([checkMessage(contentObject, 'content', expectedToType, options, warnings)]);
  }
  if (kind === 'link') {
    if (contentObject.contentType !== undefined) throw badRequest(`content of a link message has no contentType; send other messages with eventType "${EventType.sendSingleMessage}".`);
    const { toType, ...rest } = contentObject;
    if (toType !== undefined) checkToType(toType, 'content.toType', expectedToType);
    return send([validate(rest, 'content', options, warnings)]);
  }
  for (const key of Object.keys(contentObject)) {
    if (key === 'toType') {
      // npm's line-bot-sdk sent 1 here and the PHP SDK null (spec §3.1): LINE ignored it.
      warnings.push(`content.toType (${JSON.stringify(contentObject.toType)}) is not a field of a multiple-messages content; LINE ignored it. Put toType on each message, or leave it out.`);
    } else if (key !== 'messageNotified' && key !== 'messages') {
      throw badRequest(`Unknown field "content.${key}"; a multiple-messages content has messageNotified and messages.`);
    }
  }
  const messages = contentObject.messages;
  if (!Array.isArray(messages) || messages.length === 0) throw badRequest('content.messages must be a non-empty array of message contents.');
  // Optional, default 0: LINE's Go SDK leaves it out when it is 0 (spec §3).
  const notified = contentObject.messageNotified ?? 0;
  if (typeof notified !== 'number' || !Number.isInteger(notified) || notified < 0 || notified >= messages.length) {
    throw badRequest(`content.messageNotified must be the index of one of the ${messages.length} messages (0 to ${messages.length - 1}), got ${JSON.stringify(notified)}.`);
  }
  return send(
    messages.map((message: unknown, index) => {
      const field = `content.messages[${index}]`;
      if (message === null || typeof message !== 'object' || Array.isArray(message)) throw badRequest(`${field} must be a JSON object.`);
      if ((message as Record<string, unknown>).contentType === undefined) throw badRequest(`${field} has no contentType (link messages cannot be part of a multiple-messages event).`);
      return checkMessage(message as Record<string, unknown>, field, expectedToType, options, warnings);
    }),
  );
}

/** `toChannel` is the number `expected`, or (spec §3.1: LINE's PHP and npm SDKs) its decimal string. */
function checkToChannel(value: unknown, expected: number, eventType: string, warnings: string[]): void {
  if (value === expected) return;
  if (value === String(expected)) {
    warnings.push(`toChannel is the string "${expected}"; LINE accepted it, but the documented form is the number ${expected}.`);
    return;
  }
  throw badRequest(`toChannel must be the number ${expected} for eventType ${eventType}, got ${JSON.stringify(value)}.`);
}

/** The recipient kind the request's `toType` names (on the content, or on its first message), if any. */
function declaredKind(kind: CheckedSend['kind'], content: Record<string, unknown>): 'user' | 'group' | 'room' | undefined {
  const messages = content.messages;
  const first = kind === 'multiple' && Array.isArray(messages) ? (messages[0] as { toType?: unknown } | null | undefined) : content;
  const toType = first?.toType;
  return typeof toType === 'number' ? KIND_BY_TO_TYPE[toType] : undefined;
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

/** One message: its optional `toType` must match the recipients (Go, PHP, Perl and npm left it out, spec §3). */
function checkMessage(
  message: Record<string, unknown>,
  field: string,
  expectedToType: number,
  options: CheckSendRequestOptions,
  warnings: string[],
): Record<string, unknown> {
  const { toType, ...rest } = message;
  if (toType !== undefined) checkToType(toType, `${field}.toType`, expectedToType);
  const { contentType, ...fields } = validate(rest, field, options, warnings);
  return { contentType, toType: expectedToType, ...fields };
}

function validate(message: Record<string, unknown>, field: string, options: CheckSendRequestOptions, warnings: string[]): Record<string, unknown> {
  try {
    return validateOutgoingMessage(message, { field, maxTextChars: options.maxTextChars, warnings }) as unknown as Record<string, unknown>;
  } catch (error) {
    if (error instanceof MessageValidationError) throw badRequest(error.message);
    throw new LineErrorResponse(500, '500', 'Unexpected error while checking the message.');
  }
}
