import { receivedMessageEventType, receivedOperationEventType } from '../protocol/event-types.js';
import { buildEvent } from './build-event.js';
import { decodeMessageContent } from './decode-message-content.js';
import { decodeOperationContent } from './decode-operation-content.js';
import { describeValue } from './describe-value.js';
import { expectedIssue, fieldIssue } from './field-issues.js';
import type { LineEvent, UnknownEvent } from './line-event.js';

// The issues of the event being decoded: one array reused (decoding is synchronous), copied only for
// an event that fails, so a valid event allocates nothing for them.
const scratch: string[] = [];

/**
 * Decodes one element of a webhook batch's `result` array. Never throws: anything it cannot decode
 * becomes an `UnknownEvent` that keeps the input as `raw` and says why in `issues`:
 * - a non-object item → `event: expected object, got null`;
 * - an unknown `eventType` → `unknown eventType "…"` (kept, as the spec asks, not an error);
 * - a known `eventType` whose fields fail → one line per failing path, e.g. `content.text: expected string, got 42`.
 *
 * The result is exactly what `MessageEventSchema` or `OperationEventSchema` (the public description of
 * the wire format) give, issues included; the checks are written out by hand because that is several
 * times faster per event than running the schemas (a property test holds the two together).
 *
 * Use it when you receive events one at a time (a queue, a replay); for a whole body use `decodeEvents`.
 */
export function decodeEvent(item: unknown): LineEvent {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return unknownEvent(item, [expectedIssue('event', 'object', item)]);
  const fields = item as Record<string, unknown>;
  const { eventType } = fields;
  const kind = eventType === receivedMessageEventType ? 'message' : eventType === receivedOperationEventType ? 'operation' : undefined;
  if (kind === undefined) {
    return unknownEvent(item, [typeof eventType === 'string' ? `unknown eventType "${eventType}"` : `eventType: expected string, got ${describeValue(eventType)}`]);
  }
  // The fields of spec §2.1 in the schemas' order; `createdTime` is optional and never fails.
  const issues = scratch;
  issues.length = 0;
  if (typeof fields.id !== 'string') fieldIssue(fields, 'id', 'string', 'id', issues);
  const { toChannel } = fields;
  if (typeof toChannel !== 'string' && (typeof toChannel !== 'number' || Number.isNaN(toChannel))) fieldIssue(fields, 'toChannel', 'number | string', 'toChannel', issues);
  let payload;
  if (!('content' in fields)) issues.push('content: missing');
  else payload = kind === 'message' ? decodeMessageContent(fields.content, issues) : decodeOperationContent(fields.content, issues);
  if (issues.length > 0 || payload === undefined) return unknownEvent(item, issues.slice());
  return buildEvent(fields.id as string, toChannel as string | number, fields.createdTime, payload, kind);
}

function unknownEvent(item: unknown, issues: string[]): UnknownEvent {
  const event: UnknownEvent = { type: 'unknown', raw: item, issues };
  const { id, eventType } = (item ?? {}) as { id?: unknown; eventType?: unknown };
  if (typeof id === 'string') event.id = id;
  if (typeof eventType === 'string') event.eventType = eventType;
  return event;
}
