// The reference the hand-written decoder is held to: what the public valibot schemas give for one wire
// event, with their issues formatted as the library words them (`content.text: expected string, got 42`).
// This is how decodeEvent worked when it ran the schemas; test/unit/events/decoder-matches-schemas.test.ts
// proves the hand-written decodeEvent/decodeEvents give exactly this on generated events.
import * as v from 'valibot';
import type { BaseIssue } from 'valibot';
import { DecodeError } from '../../../src/errors.js';
import { describeValue } from '../../../src/events/describe-value.js';
import { LineEventEnvelopeSchema } from '../../../src/events/envelope-schema.js';
import type { LineEvent, UnknownEvent } from '../../../src/events/line-event.js';
import { MessageEventSchema } from '../../../src/events/message-event-schema.js';
import { OperationEventSchema } from '../../../src/events/operation-event-schema.js';
import { receivedMessageEventType, receivedOperationEventType } from '../../../src/protocol/event-types.js';

/**
 * Turns valibot issues into short lines that name the failing path, e.g.
 * `content.text: expected string, got 42`, `content.location.latitude: missing` or
 * `toChannel: expected number | string, got null`. Array indices print as `params[0]`.
 */
export function formatIssues(issues: readonly BaseIssue<unknown>[], root = 'event'): string[] {
  return issues.map((issue) => formatIssue(issue, root));
}

function formatIssue(issue: BaseIssue<unknown>, root: string): string {
  let path = '';
  for (const { key } of issue.path ?? []) path += typeof key === 'number' ? `[${key}]` : path === '' ? String(key) : `.${String(key)}`;
  path ||= root;
  // valibot reports a required key that is absent as a "key" issue on the parent object.
  if (issue.path?.[issue.path.length - 1]?.origin === 'key' && issue.kind === 'schema') return `${path}: missing`;
  // `guardSchema` (a valibot `custom`) and checks carry their own message, written by us.
  if (issue.kind !== 'schema' || issue.type === 'custom') return `${path}: ${issue.message}`;
  // The built-in schemas left (object) expect "Object".
  return `${path}: expected ${String(issue.expected).toLowerCase()}, got ${describeValue(issue.input)}`;
}

/** One `result` item decoded by the schemas: the schema of its eventType, else an UnknownEvent saying why. */
export function decodeEventWithSchemas(item: unknown): LineEvent {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return unknownEvent(item, `event: expected object, got ${describeValue(item)}`);
  const { eventType } = item as { eventType?: unknown };
  const schema =
    eventType === receivedMessageEventType ? MessageEventSchema : eventType === receivedOperationEventType ? OperationEventSchema : undefined;
  if (schema === undefined) {
    return unknownEvent(item, typeof eventType === 'string' ? `unknown eventType "${eventType}"` : `eventType: expected string, got ${describeValue(eventType)}`);
  }
  const result = v.safeParse(schema, item);
  return result.success ? result.output : unknownEvent(item, ...formatIssues(result.issues));
}

/** A whole parsed body decoded by the schemas: the events, or the DecodeError `decodeEvents` throws. */
export function decodeEventsWithSchemas(payload: unknown): LineEvent[] | DecodeError {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return envelopeError([`payload: expected object, got ${describeValue(payload)}`]);
  const envelope = v.safeParse(LineEventEnvelopeSchema, payload);
  if (!envelope.success) return envelopeError(formatIssues(envelope.issues, 'payload'));
  return envelope.output.result.map((item) => decodeEventWithSchemas(item));
}

function envelopeError(issues: string[]): DecodeError {
  return new DecodeError(
    'envelope',
    `The webhook body is not the {"result":[...]} envelope LINE sends (${issues.join('; ')}). Pass the JSON-parsed request body.`,
    issues,
  );
}

function unknownEvent(item: unknown, ...issues: string[]): UnknownEvent {
  const event: UnknownEvent = { type: 'unknown', raw: item, issues };
  const { id, eventType } = (item ?? {}) as { id?: unknown; eventType?: unknown };
  if (typeof id === 'string') event.id = id;
  if (typeof eventType === 'string') event.eventType = eventType;
  return event;
}
