import { checkHttpsUrl, checkOptions } from './field-checks.js';
import type { ImageContent } from './outgoing-message.js';

/** Options of {@link image}. */
export interface ImageOptions {
  /** HTTPS URL of the JPEG on your server, at most 1024×1024 pixels. */
  originalContentUrl: string;
  /** HTTPS URL of the JPEG preview on your server, at most 240×240 pixels. */
  previewImageUrl: string;
}

/**
 * Builds an image message:
 * `{"contentType":2,"originalContentUrl":"https://…","previewImageUrl":"https://…"}` (spec §3).
 * The LINE app downloads both files from your server, so both URLs must be `https:`.
 *
 * @throws MessageValidationError with field `originalContentUrl` or `previewImageUrl`
 */
export function image(options: ImageOptions): ImageContent {
  const input = checkOptions(options, ['originalContentUrl', 'previewImageUrl']);
  return {
    contentType: 2,
    originalContentUrl: checkHttpsUrl(input.originalContentUrl, 'originalContentUrl'),
    previewImageUrl: checkHttpsUrl(input.previewImageUrl, 'previewImageUrl'),
  };
}
