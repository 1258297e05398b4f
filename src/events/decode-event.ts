import * as v from 'valibot';
import { receivedMessageEventType, receivedOperationEventType } from '../protocol/event-types.js';
import { describeValue } from './describe-value.js';
import { formatIssues } from './format-issues.js';
import type { LineEvent, UnknownEvent } from './line-event.js';
import { MessageEventSchema } from './message-event-schema.js';
import { OperationEventSchema } from './operation-event-schema.js';

/**
 * Decodes one element of a webhook batch's `result` array. Never throws: anything it cannot decode
 * becomes an `UnknownEvent` that keeps the input as `raw` and says why in `issues`:
 * - a non-object item → `event: expected object, got null`;
 * - an unknown `eventType` → `unknown eventType "…"` (kept, as the spec asks, not an error);
 * - a known `eventType` whose fields fail → one line per failing path, e.g. `content.text: expected string, got 42`.
 *
 * Use it when you receive events one at a time (a queue, a replay); for a whole body use `decodeEvents`.
 */
export function decodeEvent(item: unknown): LineEvent {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return unknownEvent(item, `event: expected object, got ${describeValue(item)}`);
  const { eventType } = item as { eventType?: unknown };
  // Dispatch on eventType by hand: the schemas are built once, and the issues then come from the
  // schema of that eventType only (spec §2.1).
  const schema =
    eventType === receivedMessageEventType ? MessageEventSchema : eventType === receivedOperationEventType ? OperationEventSchema : undefined;
  if (schema === undefined) {
    return unknownEvent(item, typeof eventType === 'string' ? `unknown eventType "${eventType}"` : `eventType: expected string, got ${describeValue(eventType)}`);
  }
  const result = v.safeParse(schema, item);
  return result.success ? result.output : unknownEvent(item, ...formatIssues(result.issues));
}

function unknownEvent(item: unknown, ...issues: string[]): UnknownEvent {
  const event: UnknownEvent = { type: 'unknown', raw: item, issues };
  const { id, eventType } = (item ?? {}) as { id?: unknown; eventType?: unknown };
  if (typeof id === 'string') event.id = id;
  if (typeof eventType === 'string') event.eventType = eventType;
  return event;
}
