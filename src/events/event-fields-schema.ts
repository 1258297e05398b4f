import * as v from 'valibot';
import { guardSchema, optionalSchema, stringSchema } from './guard-schema.js';

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
