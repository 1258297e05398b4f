import type * as v from 'valibot';
import type { UnknownMessage } from './line-event.js';
import { messageEntries, messageSchema } from './message-base-schema.js';

/**
 * Message content of any other contentType (spec §2.2: "kept as an unknown message, not an error").
 * Only the common fields are checked; `contentType` must still be a number.
 */
export const UnknownMessageSchema: v.GenericSchema<unknown, UnknownMessage> = messageSchema<UnknownMessage, ReturnType<typeof messageEntries>>('unknown', messageEntries('unknown'));
