import { checkNonEmptyString, checkOptions, checkRichBaseUrl, fail } from './field-checks.js';
import type { RichMessageContent } from './outgoing-message.js';
import { richMarkupFromAreas, type RichArea } from './rich-markup-from-areas.js';
import { validateRichMarkup, type RichMarkup } from './rich-markup.js';

/** Fields common to both forms of {@link RichMessageOptions}. */
export interface RichMessageBase {
  /**
   * HTTPS base URL of the images on your server, without query or fragment (a trailing slash is
   * removed). The LINE app fetches `baseUrl/1040`, `/700`, `/460`, `/300` and `/240`: the same
   * JPEG at those widths. Sent as `DOWNLOAD_URL`.
   */
  baseUrl: string;
  /** Text shown where the rich message cannot be (notifications, old clients). Non-empty. Sent as `ALT_TEXT`. */
  altText: string;
}

/** {@link richMessage} from touch areas on one full-width image. */
export interface RichMessageAreasOptions extends RichMessageBase {
  /** Canvas height in pixels, an integer 1..2080 (the width is always 1040). */
  height: number;
  /** Touch areas; area `i` becomes action `action{i}`. May be empty. */
  areas: readonly RichArea[];
  /** Not used with areas. */
  markup?: undefined;
}

/** {@link richMessage} from a complete markup object, validated. */
export interface RichMessageMarkupOptions extends RichMessageBase {
  /** The markup; serialised as given into `MARKUP_JSON` after validation. */
  markup: RichMarkup;
  /** Not used with markup: the height is `markup.canvas.height`. */
  height?: undefined;
  /** Not used with markup. */
  areas?: undefined;
}

/** Options of {@link richMessage}: either `height` + `areas`, or `markup`. */
export type RichMessageOptions = RichMessageAreasOptions | RichMessageMarkupOptions;

/**
 * Builds a rich message (spec §3):
 * `{"contentType":12,"contentMetadata":{"SPEC_REV":"1","DOWNLOAD_URL":"…","ALT_TEXT":"…","MARKUP_JSON":"<JSON text>"}}`.
 *
 * With `height` and `areas` it builds the markup (see {@link richMarkupFromAreas}): one image over
 * the whole 1040×height canvas, and per area a touch listener that opens `link` or sends `message`.
 * With `markup` it validates your markup (see {@link validateRichMarkup}) and sends it as is.
 *
 * @throws MessageValidationError with field `baseUrl`, `altText`, `height`, `areas[i]`…, or
 *   `markup.…` (e.g. `markup.scenes.scene1.listeners[0].action`)
 */
export function richMessage(options: RichMessageOptions): RichMessageContent {
  const input = checkOptions(options, ['baseUrl', 'altText', 'height', 'areas', 'markup']);
  const baseUrl = checkRichBaseUrl(input.baseUrl, 'baseUrl');
  const altText = checkNonEmptyString(input.altText, 'altText');
  let markup: RichMarkup;
  if (input.markup !== undefined) {
    if (input.areas !== undefined || input.height !== undefined) fail('markup', 'give either markup, or height and areas, not both.');
    markup = validateRichMarkup(input.markup, 'markup');
  } else {
    markup = richMarkupFromAreas({ altText, height: input.height as number, areas: input.areas as readonly RichArea[] });
  }
  return {
    contentType: 12,
    contentMetadata: { SPEC_REV: '1', DOWNLOAD_URL: baseUrl, ALT_TEXT: altText, MARKUP_JSON: JSON.stringify(markup) },
  };
}
