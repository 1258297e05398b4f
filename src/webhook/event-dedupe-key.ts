import type { LineEvent } from '../events/line-event.js';

/**
 * The key a {@link DedupeStore} sees for an event: `<event id>:m:<message id>` for a message,
 * `<event id>:o:<revision>` for an operation, `undefined` for an unknown event (never deduplicated).
 *
 * Why not the event id alone: LINE's test fixtures reuse event ids for different events (spec §2.1),
 * while a message id or an operation revision identifies the content itself.
 *
 * @param event - a decoded event
 * @returns the key, or undefined when the event has no reliable identity
 */
export function eventDedupeKey(event: LineEvent): string | undefined {
  switch (event.type) {
    case 'message':
      return `${event.id}:m:${event.message.id}`;
    case 'operation':
      return `${event.id}:o:${event.operation.revision}`;
    default:
      return undefined;
  }
}
