import * as v from 'valibot';
import type { MessageBase } from './line-event.js';
import { literalSchema, numberSchema, optionalSchema, stringSchema } from './guard-schema.js';
import { toEpochMs } from './to-epoch-ms.js';
import { toMetadata } from './to-metadata.js';
import { ToTypeSchema } from './to-type-schema.js';

const MessageBaseEntries = {
  id: stringSchema,
  from: stringSchema,
  // Optional, never fails: `toEpochMs` keeps a number or a decimal string and drops the rest.
  createdTime: optionalSchema,
  toType: ToTypeSchema,
  // Never fails: normalised by `toMetadata` (absent or null → `{}`); content types that need
  // metadata keys override it with their own object schema.
  contentMetadata: optionalSchema,
} as const;

/**
 * The valibot entries every message content shares (spec §2.2): `id` (the message id), `from`,
 * optional `createdTime`, `toType`, `contentMetadata`, and `contentType`, which must be `contentType`
 * (or, when omitted, any number). Spread them into a content schema.
 *
 * @internal Used by the message schemas; not part of the public API.
 */
export function messageEntries(contentType?: number) {
  return { ...MessageBaseEntries, contentType: contentType === undefined ? numberSchema : literalSchema(contentType) };
}

/**
 * The schema of a content type whose `contentMetadata` must hold some keys (sticker, contact), before
 * its transform. `contentMetadata` is first normalised by `toMetadata` (numbers → strings, so
 * `"STKID": 3` passes as `"3"`; `null` → `{}`, so only the missing keys are reported) and checked
 * after that. `v.object` keeps only the keys it checks, so the whole normalised object is also kept
 * as `metadata`, which `toMessageBase` then uses (smaller in bundles than `v.looseObject`).
 *
 * @internal Used by the message schemas; not part of the public API.
 */
export function messageWithMetadataSchema<const E extends v.ObjectEntries>(contentType: number, metadataEntries: E) {
  const schema = v.object({ ...messageEntries(contentType), contentMetadata: v.object(metadataEntries), metadata: v.unknown() });
  return v.pipe(
    v.unknown(),
    v.transform(
      // Object.assign, not a spread: several times faster on these small JSON objects (V8).
      (input) => {
        if (input === null || typeof input !== 'object') return input as v.InferInput<typeof schema>;
        const metadata = toMetadata((input as { contentMetadata?: unknown }).contentMetadata);
        return Object.assign({}, input, { contentMetadata: metadata, metadata }) as v.InferInput<typeof schema>;
      },
    ),
    schema,
  );
}

/**
 * Builds the {@link MessageBase} fields from validated content: `metadata` is `contentMetadata`
 * normalised by `toMetadata` (or already normalised, see `messageWithMetadataSchema`). `createdTime`
 * is omitted when LINE did not send it or sent neither a number nor a decimal string (`toEpochMs`).
 *
 * @internal Used by the message schemas; not part of the public API.
 */
export function toMessageBase(content: {
  id: string;
  from: string;
  createdTime?: unknown;
  toType: MessageBase['toType'];
  contentMetadata?: unknown;
  metadata?: unknown;
}): MessageBase {
  const metadata = (content.metadata as Record<string, string> | undefined) ?? toMetadata(content.contentMetadata);
  const base: MessageBase = { id: content.id, from: content.from, toType: content.toType, metadata };
  const createdTime = toEpochMs(content.createdTime);
  if (createdTime !== undefined) base.createdTime = createdTime;
  return base;
}
