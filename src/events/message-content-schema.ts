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

/**
 * The `content` of a message event (spec §2.2), decoded to a {@link Message}: picks the schema of
 * its `contentType` (1, 2, 3, 4, 7, 8, 10) and falls back to {@link UnknownMessageSchema} for any other,
 * so the issues of a known contentType come from that type's schema only.
 */
export const MessageContentSchema: v.GenericSchema<unknown, Message> = v.lazy((input: unknown): v.GenericSchema<unknown, Message> => {
  // A switch, not a module-level Map: bundlers cannot drop `new Map([...])`, which would keep every schema.
  switch ((input as { contentType?: unknown } | null)?.contentType) {
    case ContentType.text:
      return TextMessageSchema;
    case ContentType.image:
      return ImageMessageSchema;
    case ContentType.video:
      return VideoMessageSchema;
    case ContentType.audio:
      return AudioMessageSchema;
    case ContentType.location:
      return LocationMessageSchema;
    case ContentType.sticker:
      return StickerMessageSchema;
    case ContentType.contact:
      return ContactMessageSchema;
    default:
      return UnknownMessageSchema;
  }
});
