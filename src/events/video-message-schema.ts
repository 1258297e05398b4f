import * as v from 'valibot';
import { ContentType } from '../protocol/content-types.js';
import type { VideoMessage } from './line-event.js';
import { messageEntries, toMessageBase } from './message-base-schema.js';

/** Message content of contentType 3 (spec §2.2): no data in the event; download it by message id (§4.1). */
export const VideoMessageSchema: v.GenericSchema<unknown, VideoMessage> = v.pipe(
  v.object(messageEntries(ContentType.video)),
  v.transform((content): VideoMessage => ({ type: 'video', ...toMessageBase(content) })),
);
