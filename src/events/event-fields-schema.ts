import * as v from 'valibot';

/**
 * `toChannel` → `channelId` (spec §2.1): LINE sends the channel id as a number or a string; it is
 * always a string after decoding.
 */
export const ChannelIdSchema = v.pipe(
  v.union([v.number(), v.string()]),
  v.transform((toChannel) => String(toChannel)),
);

/**
 * The valibot entries every received event shares (spec §2.1): `id`, `eventType`, `toChannel`
 * (number or string) and an optional `createdTime`. `from`, `fromChannel` and `to` are fixed
 * platform values and are not checked (spec: "never reject on it").
 */
export const EventFieldsEntries = {
  id: v.string(),
  eventType: v.string(),
  toChannel: ChannelIdSchema,
  createdTime: v.nullish(v.number()),
} as const;

/** The common fields of a received event as one schema (extra keys such as `content` are ignored). */
export const EventFieldsSchema = v.object(EventFieldsEntries);
