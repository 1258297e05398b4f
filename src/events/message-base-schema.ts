import * as v from 'valibot';
import type { MessageBase } from './line-event.js';
import { MetadataSchema } from './metadata-schema.js';
import { ToTypeSchema } from './to-type-schema.js';

/**
 * The valibot entries every message content shares (spec §2.2): `id` (the message id), `from`,
 * optional `createdTime`, `toType` and `contentMetadata`. Spread them into a content schema.
 * `contentMetadata` here never fails; content types that need metadata keys override it.
 */
export const MessageBaseEntries = {
  id: v.string(),
  from: v.string(),
  createdTime: v.nullish(v.number()),
  toType: ToTypeSchema,
  // Absent → `{}` (the default is copied by the transform, never shared).
  contentMetadata: v.optional(MetadataSchema, {}),
} as const;

/**
 * Builds the {@link MessageBase} fields from validated content and its normalised metadata.
 * `createdTime` is omitted when LINE did not send it (or sent `null`).
 *
 * @internal Used by the message schemas; not part of the public API.
 */
export function toMessageBase(
  content: { id: string; from: string; createdTime?: number | null | undefined; toType: MessageBase['toType'] },
  metadata: Record<string, string>,
): MessageBase {
  const base: MessageBase = { id: content.id, from: content.from, toType: content.toType, metadata };
  if (typeof content.createdTime === 'number') base.createdTime = content.createdTime;
  return base;
}
