import * as v from 'valibot';
import { receivedOperationEventType } from '../protocol/event-types.js';
import { EventFieldsEntries } from './event-fields-schema.js';
import { literalSchema } from './guard-schema.js';
import { toEpochMs } from './to-epoch-ms.js';
import type { OperationEvent } from './line-event.js';
import { OperationSchema } from './operation-schema.js';

/**
 * A whole event with eventType `"138311609100106403"` (an operation, spec §2.1, §2.3), decoded to
 * an `OperationEvent`. `createdTime` is omitted when absent, `null` or not
 * a number or decimal string (coerced: `"1700000000000"` → `1700000000000`).
 */
export const OperationEventSchema: v.GenericSchema<unknown, OperationEvent> = v.pipe(
  v.object({
    ...EventFieldsEntries,
    eventType: literalSchema(receivedOperationEventType),
    content: OperationSchema,
  }),
  v.transform((event): OperationEvent => {
    const decoded: OperationEvent = { type: 'operation', id: event.id, channelId: event.toChannel, operation: event.content };
    const createdTime = toEpochMs(event.createdTime);
    if (createdTime !== undefined) decoded.createdTime = createdTime;
    return decoded;
  }),
);
