import type * as v from 'valibot';
import type { VideoMessage } from './line-event.js';
import { messageEntries, messageSchema } from './message-base-schema.js';

/** Message content of contentType 3 (spec §2.2): no data in the event; download it by message id (§4.1). */
export const VideoMessageSchema: v.GenericSchema<unknown, VideoMessage> = messageSchema<VideoMessage, ReturnType<typeof messageEntries>>('video', messageEntries('video'));
