import * as v from 'valibot';
import { guardSchema, literalSchema, optionalSchema, stringSchema } from './guard-schema.js';
import { buildEvent } from './build-event.js';
import type { Message, MessageEvent, Operation, OperationEvent } from './line-event.js';

/**
 * The valibot entries every received event shares (spec §2.1): `id`, `toChannel` (number or string,
 * always a string after decoding) and an optional `createdTime` (never fails, see `toEpochMs`); each event schema adds its
 * `eventType`. `from`, `fromChannel` and `to` are fixed platform values and are not checked
 * (spec: "never reject on it").
 */
export const EventFieldsEntries = {
  id: stringSchema,
  // `buildEvent` turns it into the string `channelId`.
  toChannel: guardSchema<number | string>((input) => typeof input === 'string' || (typeof input === 'number' && !Number.isNaN(input)), 'number | string'),
  // Optional: any value passes here; `toEpochMs` keeps a number or a decimal string, drops the rest.
  createdTime: optionalSchema,
} as const;

/**
 * The schema of a whole received event (spec §2.1): the shared fields, `eventType` equal to
 * `eventType`, and `content` checked by `contentSchema`; `buildEvent` then makes the decoded event.
 *
 * @internal Used by MessageEventSchema and OperationEventSchema.
 */
/* @__NO_SIDE_EFFECTS__ */
export function receivedEventSchema<E extends MessageEvent | OperationEvent>(
  eventType: string,
  contentSchema: v.GenericSchema<unknown, Message> | v.GenericSchema<unknown, Operation>,
  kind: E['type'],
): v.GenericSchema<unknown, E> {
  return v.pipe(
    v.object({ ...EventFieldsEntries, eventType: literalSchema(eventType), content: contentSchema }),
    v.transform((event) => buildEvent(event.id, event.toChannel, event.createdTime, event.content, kind) as E),
  );
}
