import * as v from 'valibot';
import { stringSchema } from './guard-schema.js';
import { ContentType } from '../protocol/content-types.js';
import type { StickerMessage } from './line-event.js';
import { messageWithMetadataSchema, toMessageBase } from './message-base-schema.js';

/**
 * Message content of contentType 8 (spec §2.2). Ids are strings as LINE sends them (numbers are
 * turned into strings, like every metadata value, see `toMetadata`): `STKPKGID` → `packageId` and
 * `STKID` → `stickerId` (required), `STKVER` → `version` and `STKTXT` → `text` (optional, `null` or
 * an object → omitted). Other keys (e.g. `STKOPT`) stay in `metadata`.
 */
export const StickerMessageSchema: v.GenericSchema<unknown, StickerMessage> = v.pipe(
  messageWithMetadataSchema(ContentType.sticker, { STKPKGID: stringSchema, STKID: stringSchema }),
  v.transform((content): StickerMessage => {
    const base = toMessageBase(content);
    const { STKVER, STKTXT } = base.metadata;
    const message: StickerMessage = {
      type: 'sticker',
      ...base,
      packageId: content.contentMetadata.STKPKGID,
      stickerId: content.contentMetadata.STKID,
    };
    if (STKVER !== undefined) message.version = STKVER;
    if (STKTXT !== undefined) message.text = STKTXT;
    return message;
  }),
);
