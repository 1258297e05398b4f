import * as v from 'valibot';
import { ContentType } from '../protocol/content-types.js';
import type { ImageMessage } from './line-event.js';
import { messageEntries, toMessageBase } from './message-base-schema.js';

/** Message content of contentType 2 (spec §2.2): no data in the event; download it by message id (§4.1). */
export const ImageMessageSchema: v.GenericSchema<unknown, ImageMessage> = v.pipe(
  v.object(messageEntries(ContentType.image)),
  v.transform((content): ImageMessage => ({ type: 'image', ...toMessageBase(content) })),
);
