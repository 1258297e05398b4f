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
  dropNulls,
  fail,
  type NoteForm,
} from './field-checks.js';
import { LINK_MESSAGE_FIELDS, linkMessage } from './link-message.js';
import { checkLocationFields } from './location.js';
import type { LinkMessageContent, OutgoingMessage } from './outgoing-message.js';
import { checkRichMarkup } from './rich-markup.js';
import { text } from './text.js';

/** Options of {@link validateOutgoingMessage}. */
export interface ValidateOutgoingMessageOptions {
  /** Reject texts longer than this many characters (code points). Default: no cap (the BC cap is unconfirmed, spec §5). */
  maxTextChars?: number;
  /** Prefix of error fields, e.g. `messages[2]` gives `messages[2].text`. Default: none. */
  field?: string;
  /**
   * Collects one sentence per form that LINE's platform accepted but that is not the documented one
   * (spec §3.1), e.g. `contentMetadata.AUDLEN is the number 240000; …`. Those forms are accepted either
   * way and returned in their documented form: `AUDLEN` or sticker ids as numbers, coordinates as decimal
   * strings, `null` for an absent optional field (and `"text": null` on image, video and audio).
   * Default: not collected.
   */
  warnings?: string[];
}

const ENVELOPE_HINT = ' The client adds toType, to, toChannel and eventType itself: pass toType in the send options.';

/**
 * Validates a message written by hand (or produced by a builder) before it is sent, with the same
 * checks as the builders (spec §3), and returns a clean copy in wire key order: the value to send.
 * Unknown fields are rejected, and a rich message `DOWNLOAD_URL` loses its trailing slash;
 * `MARKUP_JSON` must be a string holding valid markup. The other forms LINE's own SDKs sent and the
 * platform accepted (spec §3.1) are accepted and returned in the documented form: ids and `AUDLEN` as
 * numbers become strings, coordinates as decimal strings become numbers, and optional fields that are
 * `null` are left out (see `warnings`). A value without `contentType` is a link message and needs `templateId`.
 *
 * @param message - e.g. `{ contentType: 1, text: 'hello' }`
 * @returns the message to send (never the input object itself)
 * @throws MessageValidationError naming the field, e.g. `text`, `contentMetadata.AUDLEN`,
 *   `location.latitude`, `contentMetadata.MARKUP_JSON.canvas.width`, `textParams.name`
 */
export function validateOutgoingMessage(message: unknown, options: ValidateOutgoingMessageOptions = {}): OutgoingMessage {
  const prefix = options.field ? `${options.field}.` : '';
  const { warnings } = options;
  const note: NoteForm = warnings ? (field, text) => void warnings.push(`${prefix}${field} ${text}`) : () => {};
  try {
    return check(message, options.maxTextChars, note);
  } catch (error) {
    const prefix = options.field;
    if (!prefix || !(error instanceof MessageValidationError) || error.field === 'maxTextChars') throw error;
    const detail = error.message.slice(`Invalid ${error.field}: `.length);
    throw new MessageValidationError(error.field === 'message' ? prefix : `${prefix}.${error.field}`, detail);
  }
}

/**
 * The fields of each contentType: any other field is refused, unless it is `null`, which counts as
 * absent (spec §3.1) and is left out.
 */
const FIELDS: Record<number, readonly string[]> = {
  1: ['contentType', 'text'],
  2: ['contentType', 'originalContentUrl', 'previewImageUrl'],
  3: ['contentType', 'originalContentUrl', 'previewImageUrl'],
  4: ['contentType', 'originalContentUrl', 'contentMetadata'],
  7: ['contentType', 'text', 'location'],
  8: ['contentType', 'contentMetadata'],
  12: ['contentType', 'contentMetadata'],
};

function check(value: unknown, maxTextChars: number | undefined, note: NoteForm): OutgoingMessage {
  let message = checkObject(value, 'message');
  if (message.contentType === undefined) {
    if (message.templateId === undefined) {
      fail('contentType', 'is missing: give contentType (1 text, 2 image, 3 video, 4 audio, 7 location, 8 sticker, 12 rich message), or templateId for a link message.');
    }
    message = dropNulls(message, ['templateId'], '', note);
    checkKnownKeys(message, LINK_MESSAGE_FIELDS, '', ENVELOPE_HINT);
    return linkMessage(message as unknown as LinkMessageContent);
  }
  const fields = typeof message.contentType === 'number' ? FIELDS[message.contentType] : undefined;
  if (fields) {
    message = dropNulls(message, fields, '', note);
    checkKnownKeys(message, fields, '', ENVELOPE_HINT);
  }
  switch (message.contentType) {
    case 1:
      return text(message.text as string, { maxTextChars });
    case 2:
    case 3:
      // The checks of image() and video(); the fields were checked just above.
      return {
        contentType: message.contentType,
        originalContentUrl: checkHttpsUrl(message.originalContentUrl, 'originalContentUrl'),
        previewImageUrl: checkHttpsUrl(message.previewImageUrl, 'previewImageUrl'),
      };
    case 4: {
      const originalContentUrl = checkHttpsUrl(message.originalContentUrl, 'originalContentUrl');
      const metadata = checkMetadata(message.contentMetadata, ['AUDLEN'], note);
      const AUDLEN = checkPositiveIntegerString(metadata.AUDLEN, 'contentMetadata.AUDLEN', note);
      return { contentType: 4, originalContentUrl, contentMetadata: { AUDLEN } };
    }
    case 7: {
      const messageText = checkNonEmptyString(message.text, 'text');
      const place = dropNulls(checkObject(message.location, 'location'), ['title', 'latitude', 'longitude'], 'location.', note);
      checkKnownKeys(place, ['title', 'address', 'latitude', 'longitude'], 'location.');
      return { contentType: 7, text: messageText, location: checkLocationFields(place, 'location', 'location.', note) };
    }
    case 8: {
      // STKTXT: LINE's Java SDK sent "[]" with every sticker (spec §3.1); it is not part of a sent sticker.
      const metadata = checkMetadata(message.contentMetadata, ['STKID', 'STKPKGID', 'STKVER', 'STKTXT'], note, ['STKID', 'STKPKGID']);
      if (metadata.STKTXT !== undefined) {
        checkString(metadata.STKTXT, 'contentMetadata.STKTXT');
        note('contentMetadata.STKTXT', 'is not a field of a sent sticker; LINE accepted it, but a careful client leaves it out (it is dropped).');
      }
      const STKID = checkStickerId(metadata.STKID, 'contentMetadata.STKID', note);
      const STKPKGID = checkStickerId(metadata.STKPKGID, 'contentMetadata.STKPKGID', note);
      if (metadata.STKVER === undefined) return { contentType: 8, contentMetadata: { STKID, STKPKGID } };
      return { contentType: 8, contentMetadata: { STKID, STKPKGID, STKVER: checkStickerId(metadata.STKVER, 'contentMetadata.STKVER', note) } };
    }
    case 12: {
      const metadata = checkMetadata(message.contentMetadata, ['SPEC_REV', 'DOWNLOAD_URL', 'ALT_TEXT', 'MARKUP_JSON'], note);
      const SPEC_REV = checkPositiveIntegerString(metadata.SPEC_REV, 'contentMetadata.SPEC_REV', note);
      const DOWNLOAD_URL = checkRichBaseUrl(metadata.DOWNLOAD_URL, 'contentMetadata.DOWNLOAD_URL');
      const ALT_TEXT = checkNonEmptyString(metadata.ALT_TEXT, 'contentMetadata.ALT_TEXT');
      const MARKUP_JSON = checkString(metadata.MARKUP_JSON, 'contentMetadata.MARKUP_JSON');
      let markup: unknown;
      try {
        markup = JSON.parse(MARKUP_JSON);
      } catch {
        fail('contentMetadata.MARKUP_JSON', 'is not valid JSON text: serialise the markup object with JSON.stringify.');
      }
      checkRichMarkup(markup, 'contentMetadata.MARKUP_JSON', note);
      return { contentType: 12, contentMetadata: { SPEC_REV, DOWNLOAD_URL, ALT_TEXT, MARKUP_JSON } };
    }
    default:
      return fail(
        'contentType',
        `cannot be sent: ${describe(message.contentType)}. Use 1 text, 2 image, 3 video, 4 audio, 7 location, 8 sticker or 12 rich message.`,
      );
  }
}

/** `contentMetadata` with only `keys`; `null` values of keys not `required` count as absent (spec §3.1). */
function checkMetadata(value: unknown, keys: readonly string[], note: NoteForm, required: readonly string[] = keys): Record<string, unknown> {
  const metadata = dropNulls(checkObject(value, 'contentMetadata'), required, 'contentMetadata.', note);
  checkKnownKeys(metadata, keys, 'contentMetadata.');
  return metadata;
}
