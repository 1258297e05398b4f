import { stringSchema } from './guard-schema.js';
import type { TextMessage } from './line-event.js';
import { messageEntries, messageSchema } from './message-base-schema.js';
import type * as v from 'valibot';

/** Message content of contentType 1 (spec §2.2): `text` must be a string (users send up to 10,000 chars). */
export const TextMessageSchema: v.GenericSchema<unknown, TextMessage> = messageSchema<TextMessage, ReturnType<typeof messageEntries<{ text: typeof stringSchema }>>>(
  'text',
  messageEntries('text', { text: stringSchema }),
);
