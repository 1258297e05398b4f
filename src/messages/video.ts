import { checkHttpsUrl, checkOptions } from './field-checks.js';
import type { VideoContent } from './outgoing-message.js';

/** Options of {@link video}. */
export interface VideoOptions {
  /** HTTPS URL of the MP4 file on your server. */
  originalContentUrl: string;
  /** HTTPS URL of a JPEG preview on your server. */
  previewImageUrl: string;
}

/**
 * Builds a video message:
 * `{"contentType":3,"originalContentUrl":"https://….mp4","previewImageUrl":"https://….jpg"}` (spec §3).
 * The LINE app downloads both files from your server, so both URLs must be `https:`.
 *
 * @throws MessageValidationError with field `originalContentUrl` or `previewImageUrl`
 */
export function video(options: VideoOptions): VideoContent {
  const input = checkOptions(options, ['originalContentUrl', 'previewImageUrl']);
  return {
    contentType: 3,
    originalContentUrl: checkHttpsUrl(input.originalContentUrl, 'originalContentUrl'),
    previewImageUrl: checkHttpsUrl(input.previewImageUrl, 'previewImageUrl'),
  };
}
