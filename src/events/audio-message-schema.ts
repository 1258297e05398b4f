import type * as v from 'valibot';
import type { AudioMessage } from './line-event.js';
import { messageEntries, messageSchema } from './message-base-schema.js';

/**
 * Message content of contentType 4 (spec §2.2). `durationMs` is `Number(contentMetadata.AUDLEN)` when
 * AUDLEN is a decimal integer (a number is accepted too); otherwise it is omitted and the message still decodes.
 */
export const AudioMessageSchema: v.GenericSchema<unknown, AudioMessage> = messageSchema<AudioMessage, ReturnType<typeof messageEntries>>('audio', messageEntries('audio'));
