import * as v from 'valibot';
import { stringSchema } from './guard-schema.js';
import { ContentType } from '../protocol/content-types.js';
import type { StickerMessage } from './line-event.js';
import { messageWithMetadataSchema, toMessageBase } from './message-base-schema.js';

/**
 * Message content of contentType 8 (spec §2.2). Ids stay strings as LINE sends them:
 * `STKPKGID` → `packageId` and `STKID` → `stickerId` (required), `STKVER` → `version` and
 * `STKTXT` → `text` (optional, `null` → omitted). Other keys (e.g. `STKOPT`) stay in `metadata`.
 */
export const StickerMessageSchema: v.GenericSchema<unknown, StickerMessage> = v.pipe(
  messageWithMetadataSchema(ContentType.sticker, {
    STKPKGID: stringSchema,
    STKID: stringSchema,
    STKVER: v.nullish(stringSchema),
    STKTXT: v.nullish(stringSchema),
  }),
  v.transform((content): StickerMessage => {
    const { STKPKGID, STKID, STKVER, STKTXT } = content.contentMetadata;
    const message: StickerMessage = {
      type: 'sticker',
      ...toMessageBase(content),
      packageId: STKPKGID,
      stickerId: STKID,
    };
    if (typeof STKVER === 'string') message.version = STKVER;
    if (typeof STKTXT === 'string') message.text = STKTXT;
    return message;
  }),
);
