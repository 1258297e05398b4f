import type * as v from 'valibot';
import { receivedOperationEventType } from '../protocol/event-types.js';
import { receivedEventSchema } from './event-fields-schema.js';
import type { OperationEvent } from './line-event.js';
import { OperationSchema } from './operation-schema.js';

/**
 * A whole event with eventType `"138311609100106403"` (an operation, spec §2.1, §2.3), decoded to
 * an `OperationEvent`. `createdTime` is omitted when absent, `null` or not
 * a number or decimal string (coerced: `"1700000000000"` → `1700000000000`).
 */
export const OperationEventSchema: v.GenericSchema<unknown, OperationEvent> = receivedEventSchema(receivedOperationEventType, OperationSchema, 'operation');
