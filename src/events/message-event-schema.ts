import * as v from 'valibot';
import { receivedMessageEventType } from '../protocol/event-types.js';
import { EventFieldsEntries } from './event-fields-schema.js';
import { literalSchema } from './guard-schema.js';
import { toEpochMs } from './to-epoch-ms.js';
import type { MessageEvent } from './line-event.js';
import { MessageContentSchema } from './message-content-schema.js';

/**
 * A whole event with eventType `"138311609000106303"` (a message from a user, spec §2.1–2.2),
 * decoded to a `MessageEvent`. `createdTime` is omitted when absent, `null` or not
 * a number or decimal string (coerced: `"1700000000000"` → `1700000000000`).
 */
export const MessageEventSchema: v.GenericSchema<unknown, MessageEvent> = v.pipe(
  v.object({
    ...EventFieldsEntries,
    eventType: literalSchema(receivedMessageEventType),
    content: MessageContentSchema,
  }),
  v.transform((event): MessageEvent => {
    const decoded: MessageEvent = { type: 'message', id: event.id, channelId: event.toChannel, message: event.content };
    const createdTime = toEpochMs(event.createdTime);
    if (createdTime !== undefined) decoded.createdTime = createdTime;
    return decoded;
  }),
);
