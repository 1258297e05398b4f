import { MessageValidationError } from '../errors.js';
import {
  checkHttpsUrl,
  checkKnownKeys,
  checkNonEmptyString,
  checkObject,
  checkPositiveIntegerString,
  checkRichBaseUrl,
  checkStickerId,
  checkString,
  describe,
  fail,
} from './field-checks.js';
import { image } from './image.js';
import { LINK_MESSAGE_FIELDS, linkMessage } from './link-message.js';
import { checkLocationFields } from './location.js';
import type { LinkMessageContent, OutgoingMessage } from './outgoing-message.js';
import { validateRichMarkup } from './rich-markup.js';
import { text } from './text.js';
import { video } from './video.js';

/** Options of {@link validateOutgoingMessage}. */
export interface ValidateOutgoingMessageOptions {
  /** Reject texts longer than this many characters (code points). Default: no cap (the BC cap is unconfirmed, spec §5). */
  maxTextChars?: number;
  /** Prefix of error fields, e.g. `messages[2]` gives `messages[2].text`. Default: none. */
  field?: string;
}

const ENVELOPE_HINT = ' The client adds toType, to, toChannel and eventType itself: pass toType in the send options.';

/**
 * Validates a message written by hand (or produced by a builder) before it is sent, with the same
 * checks as the builders (spec §3), and returns a clean copy in wire key order: the value to send.
 * Unknown fields are rejected, ids given as numbers become strings, and a rich message
 * `DOWNLOAD_URL` loses its trailing slash; `MARKUP_JSON` must be a string holding valid markup.
 * A value without `contentType` is a link message and needs `templateId`.
 *
 * @param message - e.g. `{ contentType: 1, text: 'hello' }`
 * @returns the message to send (never the input object itself)
 * @throws MessageValidationError naming the field, e.g. `text`, `contentMetadata.AUDLEN`,
 *   `location.latitude`, `contentMetadata.MARKUP_JSON.canvas.width`, `textParams.name`
 */
export function validateOutgoingMessage(message: unknown, options: ValidateOutgoingMessageOptions = {}): OutgoingMessage {
  if (options.field === undefined || options.field === '') return check(message, options.maxTextChars);
  try {
    return check(message, options.maxTextChars);
  } catch (error) {
    if (!(error instanceof MessageValidationError) || error.field === 'maxTextChars') throw error;
    const prefix = options.field;
    const detail = error.message.slice(`Invalid ${error.field}: `.length);
    throw new MessageValidationError(error.field === 'message' ? prefix : `${prefix}.${error.field}`, detail);
  }
}

function check(value: unknown, maxTextChars: number | undefined): OutgoingMessage {
  const message = checkObject(value, 'message');
  if (message.contentType === undefined) {
    if (message.templateId === undefined) {
      fail('contentType', 'is missing: give contentType (1 text, 2 image, 3 video, 4 audio, 7 location, 8 sticker, 12 rich message), or templateId for a link message.');
    }
    checkKnownKeys(message, LINK_MESSAGE_FIELDS, '', ENVELOPE_HINT);
    return linkMessage(message as unknown as LinkMessageContent);
  }
  switch (message.contentType) {
    case 1:
      checkKnownKeys(message, ['contentType', 'text'], '', ENVELOPE_HINT);
      return text(message.text as string, { maxTextChars });
    case 2:
    case 3: {
      checkKnownKeys(message, ['contentType', 'originalContentUrl', 'previewImageUrl'], '', ENVELOPE_HINT);
      const media = { originalContentUrl: message.originalContentUrl as string, previewImageUrl: message.previewImageUrl as string };
      return message.contentType === 2 ? image(media) : video(media);
    }
    case 4: {
      checkKnownKeys(message, ['contentType', 'originalContentUrl', 'contentMetadata'], '', ENVELOPE_HINT);
      const originalContentUrl = checkHttpsUrl(message.originalContentUrl, 'originalContentUrl');
      const metadata = checkMetadata(message.contentMetadata, ['AUDLEN']);
      const AUDLEN = checkPositiveIntegerString(metadata.AUDLEN, 'contentMetadata.AUDLEN');
      return { contentType: 4, originalContentUrl, contentMetadata: { AUDLEN } };
    }
    case 7: {
      checkKnownKeys(message, ['contentType', 'text', 'location'], '', ENVELOPE_HINT);
      const messageText = checkNonEmptyString(message.text, 'text');
      const place = checkObject(message.location, 'location');
      checkKnownKeys(place, ['title', 'address', 'latitude', 'longitude'], 'location.');
      return { contentType: 7, text: messageText, location: checkLocationFields(place, 'location', 'location.') };
    }
    case 8: {
      checkKnownKeys(message, ['contentType', 'contentMetadata'], '', ENVELOPE_HINT);
      const metadata = checkMetadata(message.contentMetadata, ['STKID', 'STKPKGID', 'STKVER']);
      const STKID = checkStickerId(metadata.STKID, 'contentMetadata.STKID');
      const STKPKGID = checkStickerId(metadata.STKPKGID, 'contentMetadata.STKPKGID');
      if (metadata.STKVER === undefined) return { contentType: 8, contentMetadata: { STKID, STKPKGID } };
      return { contentType: 8, contentMetadata: { STKID, STKPKGID, STKVER: checkStickerId(metadata.STKVER, 'contentMetadata.STKVER') } };
    }
    case 12: {
      checkKnownKeys(message, ['contentType', 'contentMetadata'], '', ENVELOPE_HINT);
      const metadata = checkMetadata(message.contentMetadata, ['SPEC_REV', 'DOWNLOAD_URL', 'ALT_TEXT', 'MARKUP_JSON']);
      const SPEC_REV = checkPositiveIntegerString(metadata.SPEC_REV, 'contentMetadata.SPEC_REV');
      const DOWNLOAD_URL = checkRichBaseUrl(metadata.DOWNLOAD_URL, 'contentMetadata.DOWNLOAD_URL');
      const ALT_TEXT = checkNonEmptyString(metadata.ALT_TEXT, 'contentMetadata.ALT_TEXT');
      const MARKUP_JSON = checkString(metadata.MARKUP_JSON, 'contentMetadata.MARKUP_JSON');
      let markup: unknown;
      try {
        markup = JSON.parse(MARKUP_JSON);
      } catch {
        fail('contentMetadata.MARKUP_JSON', 'is not valid JSON text: serialise the markup object with JSON.stringify.');
      }
      validateRichMarkup(markup, 'contentMetadata.MARKUP_JSON');
      return { contentType: 12, contentMetadata: { SPEC_REV, DOWNLOAD_URL, ALT_TEXT, MARKUP_JSON } };
    }
    default:
      return fail(
        'contentType',
        `cannot be sent: ${describe(message.contentType)}. Use 1 text, 2 image, 3 video, 4 audio, 7 location, 8 sticker or 12 rich message.`,
      );
  }
}

function checkMetadata(value: unknown, keys: readonly string[]): Record<string, unknown> {
  const metadata = checkObject(value, 'contentMetadata');
  checkKnownKeys(metadata, keys, 'contentMetadata.');
  return metadata;
}
