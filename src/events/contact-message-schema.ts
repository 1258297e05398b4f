import * as v from 'valibot';
import { stringSchema } from './guard-schema.js';
import { ContentType } from '../protocol/content-types.js';
import type { ContactMessage } from './line-event.js';
import { messageWithMetadataSchema, toMessageBase } from './message-base-schema.js';

/** Message content of contentType 10, a shared contact (spec §2.2): `contentMetadata.mid` and `displayName` are required strings. */
export const ContactMessageSchema: v.GenericSchema<unknown, ContactMessage> = v.pipe(
  messageWithMetadataSchema(ContentType.contact, { mid: stringSchema, displayName: stringSchema }),
  v.transform((content): ContactMessage => ({
    type: 'contact',
    ...toMessageBase(content),
    mid: content.contentMetadata.mid,
    displayName: content.contentMetadata.displayName,
  })),
);
