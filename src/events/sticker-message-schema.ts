import type * as v from 'valibot';
import { stringSchema } from './guard-schema.js';
import type { StickerMessage } from './line-event.js';
import { messageWithMetadataSchema } from './message-base-schema.js';

/**
 * Message content of contentType 8 (spec §2.2). Ids are strings as LINE sends them (numbers are
 * turned into strings, like every metadata value, see `toMetadata`): `STKPKGID` → `packageId` and
 * `STKID` → `stickerId` (required), `STKVER` → `version` and `STKTXT` → `text` (optional, `null` or
 * an object → omitted). Other keys (e.g. `STKOPT`) stay in `metadata`.
 */
export const StickerMessageSchema: v.GenericSchema<unknown, StickerMessage> = messageWithMetadataSchema<StickerMessage>('sticker', {
  STKPKGID: stringSchema,
  STKID: stringSchema,
});
