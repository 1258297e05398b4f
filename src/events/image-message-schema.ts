import type * as v from 'valibot';
import type { ImageMessage } from './line-event.js';
import { messageEntries, messageSchema } from './message-base-schema.js';

/** Message content of contentType 2 (spec §2.2): no data in the event; download it by message id (§4.1). */
export const ImageMessageSchema: v.GenericSchema<unknown, ImageMessage> = messageSchema<ImageMessage, ReturnType<typeof messageEntries>>('image', messageEntries('image'));
