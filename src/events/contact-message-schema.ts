import type * as v from 'valibot';
import { stringSchema } from './guard-schema.js';
import type { ContactMessage } from './line-event.js';
import { messageWithMetadataSchema } from './message-base-schema.js';

/** Message content of contentType 10, a shared contact (spec §2.2): `contentMetadata.mid` and `displayName` are required strings. */
export const ContactMessageSchema: v.GenericSchema<unknown, ContactMessage> = messageWithMetadataSchema<ContactMessage>('contact', {
  mid: stringSchema,
  displayName: stringSchema,
});
