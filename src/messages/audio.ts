import { checkHttpsUrl, checkOptions, checkPositiveInteger } from './field-checks.js';
import type { AudioContent } from './outgoing-message.js';

/** Options of {@link audio}. */
export interface AudioOptions {
  /** HTTPS URL of the M4A file on your server. */
  originalContentUrl: string;
  /** Duration in milliseconds: a positive integer. Sent as the string `AUDLEN`. */
  durationMs: number;
}

/**
 * Builds an audio message:
 * `{"contentType":4,"originalContentUrl":"https://….m4a","contentMetadata":{"AUDLEN":"240000"}}`
 * (spec §3: the duration goes out as a string).
 *
 * @throws MessageValidationError with field `originalContentUrl` (not `https:`) or `durationMs`
 *   (not a positive integer number: `0`, `-1`, `1.5`, `NaN`, `Infinity` and `'100'` are rejected)
 */
export function audio(options: AudioOptions): AudioContent {
  const input = checkOptions(options, ['originalContentUrl', 'durationMs']);
  const originalContentUrl = checkHttpsUrl(input.originalContentUrl, 'originalContentUrl');
  const durationMs = checkPositiveInteger(input.durationMs, 'durationMs');
  return { contentType: 4, originalContentUrl, contentMetadata: { AUDLEN: String(durationMs) } };
}
