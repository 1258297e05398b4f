import * as v from 'valibot';
import { guardSchema, literalSchema, optionalSchema, stringSchema } from './guard-schema.js';
import { toEpochMs } from './to-epoch-ms.js';

/**
 * The valibot entries every received event shares (spec §2.1): `id`, `toChannel` (number or string,
 * always a string after decoding) and an optional `createdTime` (never fails, see `toEpochMs`); each event schema adds its
 * `eventType`. `from`, `fromChannel` and `to` are fixed platform values and are not checked
 * (spec: "never reject on it").
 */
export const EventFieldsEntries = {
  id: stringSchema,
  toChannel: v.pipe(
    guardSchema<number | string>((input) => typeof input === 'string' || (typeof input === 'number' && !Number.isNaN(input)), 'number | string'),
    v.transform(String),
  ),
  // Optional: any value passes here; `toEpochMs` keeps a number or a decimal string, drops the rest.
  createdTime: optionalSchema,
} as const;

/**
 * The schema of a whole received event (spec §2.1): the shared fields, `eventType` equal to
 * `eventType`, and `content` checked by `contentSchema`; `build` makes the decoded event from the id,
 * the channel id and the decoded content. `createdTime` is added when `toEpochMs` keeps it.
 *
 * @internal Used by MessageEventSchema and OperationEventSchema.
 */
export function receivedEventSchema<C, E extends { createdTime?: number }>(
  eventType: string,
  contentSchema: v.GenericSchema<unknown, C>,
  build: (id: string, channelId: string, content: C) => E,
): v.GenericSchema<unknown, E> {
  return v.pipe(
    v.object({ ...EventFieldsEntries, eventType: literalSchema(eventType), content: contentSchema }),
    v.transform((event): E => {
      const decoded = build(event.id, event.toChannel, event.content);
      const createdTime = toEpochMs(event.createdTime);
      if (createdTime !== undefined) decoded.createdTime = createdTime;
      return decoded;
    }),
  );
}
