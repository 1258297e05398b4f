import * as v from 'valibot';
import { ContentType } from '../protocol/content-types.js';
import type { AudioMessage } from './line-event.js';
import { messageEntries, toMessageBase } from './message-base-schema.js';

// AUDLEN is the duration in ms as a decimal string (spec §2.2); anything else is ignored, not an error.
const DECIMAL_INTEGER = /^[0-9]+$/;

/**
 * Message content of contentType 4 (spec §2.2). `durationMs` is `Number(contentMetadata.AUDLEN)` when
 * AUDLEN is a decimal integer (a number is accepted too); otherwise it is omitted and the message still decodes.
 */
export const AudioMessageSchema: v.GenericSchema<unknown, AudioMessage> = v.pipe(
  v.object(messageEntries(ContentType.audio)),
  v.transform((content): AudioMessage => {
    const message: AudioMessage = { type: 'audio', ...toMessageBase(content) };
    const audlen = message.metadata.AUDLEN;
    if (audlen !== undefined && DECIMAL_INTEGER.test(audlen)) {
      const durationMs = Number(audlen);
      if (Number.isSafeInteger(durationMs)) message.durationMs = durationMs;
    }
    return message;
  }),
);
