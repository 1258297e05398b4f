import * as v from 'valibot';
import { numberSchema, optionalSchema } from './guard-schema.js';
import { ContentType } from '../protocol/content-types.js';
import type { LocationMessage } from './line-event.js';
import { messageEntries, toMessageBase } from './message-base-schema.js';

/**
 * Message content of contentType 7 (spec §2.2): `location.latitude` and `location.longitude` are
 * required numbers; `title`, `address` and `phone` are optional strings (`null` or any
 * non-string → omitted).
 * The top-level `text` (often the title, or `null`) is ignored.
 */
export const LocationMessageSchema: v.GenericSchema<unknown, LocationMessage> = v.pipe(
  v.object({
    ...messageEntries(ContentType.location),
    location: v.object({
      // Optional: a non-string value is dropped, never an error (spec: never hard-fail on optional values).
      title: optionalSchema,
      address: optionalSchema,
      phone: optionalSchema,
      latitude: numberSchema,
      longitude: numberSchema,
    }),
  }),
  v.transform((content): LocationMessage => {
    const { title, address, phone, latitude, longitude } = content.location;
    const message: LocationMessage = { type: 'location', ...toMessageBase(content), latitude, longitude };
    if (typeof title === 'string') message.title = title;
    if (typeof address === 'string') message.address = address;
    if (typeof phone === 'string') message.phone = phone;
    return message;
  }),
);
