import * as v from 'valibot';
import { ContentType } from '../protocol/content-types.js';
import type { ContactMessage } from './line-event.js';
import { MessageBaseEntries, toMessageBase } from './message-base-schema.js';
import { toMetadata } from './metadata-schema.js';

/** Message content of contentType 10, a shared contact (spec §2.2): `contentMetadata.mid` and `displayName` are required strings. */
export const ContactMessageSchema: v.GenericSchema<unknown, ContactMessage> = v.pipe(
  v.object({
    ...MessageBaseEntries,
    contentType: v.literal(ContentType.contact),
    contentMetadata: v.looseObject({ mid: v.string(), displayName: v.string() }),
  }),
  v.transform((content): ContactMessage => ({
    type: 'contact',
    ...toMessageBase(content, toMetadata(content.contentMetadata)),
    mid: content.contentMetadata.mid,
    displayName: content.contentMetadata.displayName,
  })),
);
