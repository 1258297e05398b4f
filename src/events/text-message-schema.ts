import * as v from 'valibot';
import { stringSchema } from './guard-schema.js';
import { ContentType } from '../protocol/content-types.js';
import type { TextMessage } from './line-event.js';
import { messageEntries, toMessageBase } from './message-base-schema.js';

/** Message content of contentType 1 (spec §2.2): `text` must be a string (users send up to 10,000 chars). */
export const TextMessageSchema: v.GenericSchema<unknown, TextMessage> = v.pipe(
  v.object({ ...messageEntries(ContentType.text), text: stringSchema }),
  v.transform((content): TextMessage => ({ type: 'text', ...toMessageBase(content), text: content.text })),
);
