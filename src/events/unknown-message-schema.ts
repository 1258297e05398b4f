import * as v from 'valibot';
import type { UnknownMessage } from './line-event.js';
import { messageEntries, toMessageBase } from './message-base-schema.js';

/**
 * Message content of any other contentType (spec §2.2: "kept as an unknown message, not an error").
 * Only the common fields are checked; `contentType` must still be a number.
 */
export const UnknownMessageSchema: v.GenericSchema<unknown, UnknownMessage> = v.pipe(
  v.object(messageEntries()),
  v.transform((content): UnknownMessage => ({
    type: 'unknown',
    ...toMessageBase(content),
    contentType: content.contentType,
  })),
);
