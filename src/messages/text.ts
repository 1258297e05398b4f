import { checkOptions, checkText } from './field-checks.js';
import type { TextContent } from './outgoing-message.js';

/** Options of {@link text}. */
export interface TextOptions {
  /**
   * Reject texts longer than this many characters (Unicode code points). Default: no cap, because
   * the 1024-character cap comes from the Trial docs and is unconfirmed for Business Connect
   * (spec §3, §5); pass `Limits.outgoingTextChars` to enforce it. The 8192-byte request body limit
   * is always checked by the client when it sends.
   */
  maxTextChars?: number;
}

/**
 * Builds a text message: `{"contentType":1,"text":"hello"}` (spec §3).
 *
 * @param text - the text to send; must be a non-empty string
 * @throws MessageValidationError with field `text` (not a string, empty, longer than `maxTextChars`)
 *   or `maxTextChars` (not a positive integer)
 */
export function text(text: string, options: TextOptions = {}): TextContent {
  return { contentType: 1, text: checkText(text, 'text', checkOptions(options, ['maxTextChars']).maxTextChars as number | undefined) };
}
