import * as v from 'valibot';
import { numberSchema, optionalSchema } from './guard-schema.js';
import type { LocationMessage } from './line-event.js';
import { messageEntries, messageSchema } from './message-base-schema.js';

const locationEntries = messageEntries('location', {
  location: v.object({
    // Optional: a non-string value is dropped, never an error (spec: never hard-fail on optional values).
    title: optionalSchema,
    address: optionalSchema,
    phone: optionalSchema,
    latitude: numberSchema,
    longitude: numberSchema,
  }),
});

/**
 * Message content of contentType 7 (spec §2.2): `location.latitude` and `location.longitude` are
 * required numbers; `title`, `address` and `phone` are optional strings (`null` or any
 * non-string → omitted).
 * The top-level `text` (often the title, or `null`) is ignored.
 */
export const LocationMessageSchema: v.GenericSchema<unknown, LocationMessage> = messageSchema<LocationMessage, typeof locationEntries>('location', locationEntries);
