import * as v from 'valibot';
import { ContentType } from '../protocol/content-types.js';
import { buildMessage, type CheckedContent } from './build-event.js';
import type { Message, ToTypeName } from './line-event.js';
import { literalSchema, numberSchema, optionalSchema, stringSchema } from './guard-schema.js';
import { toMetadata } from './to-metadata.js';
import { ToTypeSchema } from './to-type-schema.js';

const MessageBaseEntries = {
  id: stringSchema,
  from: stringSchema,
  // Never fails: `buildMessage` keeps its MID strings and says in `issues` when it was odd.
  to: optionalSchema,
  // Optional, never fails: `toEpochMs` keeps a number or a decimal string and drops the rest.
  createdTime: optionalSchema,
  toType: ToTypeSchema,
  // Never fails: normalised by `toMetadata` (absent or null → `{}`); content types that need
  // metadata keys override it with their own object schema.
  contentMetadata: optionalSchema,
} as const;

/**
 * A room or group message may come without a usable sender (spec §2.2, unconfirmed: a community client
 * saw `from: null`): it still decodes, so a non-string `from` there passes the `from` check as `''`
 * (`buildMessage` says so in `issues`). `from` stays required in a 1:1 message, whose reply goes to it.
 *
 * @internal Used by the message schemas; not part of the public API.
 */
function withUnknownSender(input: unknown): unknown {
  if (input === null || typeof input !== 'object') return input;
  const { toType, from } = input as { toType?: unknown; from?: unknown };
  if ((toType !== 2 && toType !== 3) || typeof from === 'string') return input;
  return { ...input, from: '' };
}

/**
 * The valibot entries every message content shares (spec §2.2): `id` (the message id), `from`,
 * optional `createdTime`, `toType`, `contentMetadata`, and `contentType`, which must be the one of
 * `type` (any number for `unknown`), followed by the content type's own `extra` entries. (Merged here,
 * from plain arguments: a spread or a property read in a module-level call makes bundlers keep every
 * schema in apps that use none.)
 *
 * @internal Used by the message schemas; not part of the public API.
 */
/* @__NO_SIDE_EFFECTS__ */
export function messageEntries<const X extends v.ObjectEntries = {}>(type: Message['type'], extra?: X) {
  return { ...MessageBaseEntries, contentType: type === 'unknown' ? numberSchema : literalSchema(ContentType[type]), ...(extra as X) };
}

/**
 * The schema of a content type: `entries` (from {@link messageEntries}, plus the type's own fields),
 * then `buildMessage` makes the decoded message of type `type`.
 *
 * @internal Used by the message schemas; not part of the public API.
 */
/* @__NO_SIDE_EFFECTS__ */
export function messageSchema<M extends Message, const E extends v.ObjectEntries>(type: M['type'], entries: E): v.GenericSchema<unknown, M> {
  return v.pipe(
    v.unknown(),
    v.transform(withUnknownSender),
    v.object(entries),
    v.transform((content) => {
      const checked = content as unknown as CheckedContent & { toType: ToTypeName; contentMetadata?: unknown };
      return buildMessage(type, checked, checked.toType, toMetadata(checked.contentMetadata)) as M;
    }),
  );
}

/**
 * The schema of a content type whose `contentMetadata` must hold some keys (sticker, contact).
 * `contentMetadata` is first normalised by `toMetadata` (numbers → strings, so `"STKID": 3` passes as
 * `"3"`; `null` → `{}`, so only the missing keys are reported) and checked after that. `v.object`
 * keeps only the keys it checks, so the whole normalised object is also kept as `metadata`, which
 * `buildMessage` then uses. The copy is a spread, so a JSON `"__proto__"` key stays an own field and
 * can never lend the checked fields through a prototype.
 *
 * @internal Used by the message schemas; not part of the public API.
 */
/* @__NO_SIDE_EFFECTS__ */
export function messageWithMetadataSchema<M extends Message>(type: M['type'], metadataEntries: v.ObjectEntries): v.GenericSchema<unknown, M> {
  const schema = v.object({ ...messageEntries(type), contentMetadata: v.object(metadataEntries), metadata: v.unknown() });
  return v.pipe(
    v.unknown(),
    v.transform((input) => {
      if (input === null || typeof input !== 'object') return input;
      const metadata = toMetadata((input as { contentMetadata?: unknown }).contentMetadata);
      return { ...(withUnknownSender(input) as object), contentMetadata: metadata, metadata };
    }),
    schema,
    v.transform((content) => {
      const checked = content as unknown as CheckedContent & { toType: ToTypeName; metadata: Record<string, string> };
      return buildMessage(type, checked, checked.toType, checked.metadata) as M;
    }),
  );
}
