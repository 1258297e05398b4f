import * as v from 'valibot';
import { ContentType } from '../protocol/content-types.js';
import { AudioMessageSchema } from './audio-message-schema.js';
import { ContactMessageSchema } from './contact-message-schema.js';
import { ImageMessageSchema } from './image-message-schema.js';
import { LocationMessageSchema } from './location-message-schema.js';
import { StickerMessageSchema } from './sticker-message-schema.js';
import { TextMessageSchema } from './text-message-schema.js';
import { UnknownMessageSchema } from './unknown-message-schema.js';
import { VideoMessageSchema } from './video-message-schema.js';
import type { Message } from './line-event.js';

// Built once at module load; the lookup by contentType avoids trying every schema in turn and makes
// the issues of a known contentType come from that type's schema only.
const SCHEMA_BY_CONTENT_TYPE = new Map<unknown, v.GenericSchema<unknown, Message>>([
  [ContentType.text, TextMessageSchema],
  [ContentType.image, ImageMessageSchema],
  [ContentType.video, VideoMessageSchema],
  [ContentType.audio, AudioMessageSchema],
  [ContentType.location, LocationMessageSchema],
  [ContentType.sticker, StickerMessageSchema],
  [ContentType.contact, ContactMessageSchema],
]);

/**
 * The `content` of a message event (spec §2.2), decoded to a {@link Message}: picks the schema of
 * its `contentType` (1, 2, 3, 4, 7, 8, 10) and falls back to {@link UnknownMessageSchema} for any other.
 */
export const MessageContentSchema: v.GenericSchema<unknown, Message> = v.lazy((input: unknown): v.GenericSchema<unknown, Message> => {
  const contentType = (input as { contentType?: unknown } | null)?.contentType;
  return SCHEMA_BY_CONTENT_TYPE.get(contentType) ?? UnknownMessageSchema;
});
