import type * as v from 'valibot';
import { receivedMessageEventType } from '../protocol/event-types.js';
import { receivedEventSchema } from './event-fields-schema.js';
import type { MessageEvent } from './line-event.js';
import { MessageContentSchema } from './message-content-schema.js';

/**
 * A whole event with eventType `"138311609000106303"` (a message from a user, spec §2.1–2.2),
 * decoded to a `MessageEvent`. `createdTime` is omitted when absent, `null` or not
 * a number or decimal string (coerced: `"1700000000000"` → `1700000000000`).
 */
export const MessageEventSchema: v.GenericSchema<unknown, MessageEvent> = receivedEventSchema(receivedMessageEventType, MessageContentSchema, 'message');
