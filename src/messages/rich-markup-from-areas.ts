import { richCanvasWidth } from '../protocol/limits.js';
import {
  checkCanvasHeight,
  checkLinkUrl,
  checkNonEmptyString,
  checkOptions,
  checkRectangle,
  fail,
} from './field-checks.js';
import type { RichAction, RichListener, RichMarkup } from './rich-markup.js';

/** The rectangle and label of a {@link RichArea}. */
export interface RichAreaRect {
  /** Left edge in canvas pixels (integer ≥ 0). */
  x: number;
  /** Top edge in canvas pixels (integer ≥ 0). */
  y: number;
  /** Width in pixels (integer ≥ 1); `x + width` must be ≤ 1040. */
  width: number;
  /** Height in pixels (integer ≥ 1); `y + height` must be ≤ the canvas height. */
  height: number;
  /** The action's `text`. Default: the message's `altText` for a link area, the message for a message area. */
  label?: string;
}

/**
 * A touch area of a rich message on a 1040-pixel-wide canvas: tapping it opens `link` (http or
 * https) or sends `message` as the user. Give exactly one of the two.
 */
export type RichArea =
  | (RichAreaRect & {
      /** The http or https URL opened when the area is tapped. */
      link: string;
      /** Not used with link. */
      message?: undefined;
    })
  | (RichAreaRect & {
      /** The text sent as the user when the area is tapped. */
      message: string;
      /** Not used with message. */
      link?: undefined;
    });

/** Options of {@link richMarkupFromAreas}. */
export interface RichMarkupFromAreasOptions {
  /** Used as the `text` of link actions that have no `label`. */
  altText: string;
  /** Canvas height in pixels, an integer 1..2080 (the width is always 1040). */
  height: number;
  /** The touch areas, in order: area `i` becomes action `action{i}`. May be empty (a plain picture). */
  areas: readonly RichArea[];
}

/**
 * Builds rich message markup from touch areas: one image `image1` covering the whole canvas, one
 * scene `scene1` drawing it, and for each area `i` an action `action{i}` and a touch listener.
 * Use it to start from areas and then adjust the markup before passing it to `richMessage({ markup })`.
 *
 * @throws MessageValidationError naming the field: `height`, `areas`, `areas[i]` (rectangle outside
 * the canvas, or not exactly one of link/message), `areas[i].x`, `areas[i].link`, `areas[i].message`…
 */
export function richMarkupFromAreas(options: RichMarkupFromAreasOptions): RichMarkup {
  const input = checkOptions(options, ['altText', 'height', 'areas']);
  const altText = checkNonEmptyString(input.altText, 'altText');
  const height = checkCanvasHeight(input.height, 'height');
  const areas = input.areas;
  if (!Array.isArray(areas)) fail('areas', 'must be an array of { x, y, width, height, link | message }.');
  const width = richCanvasWidth;
  const actions: Record<string, RichAction> = {};
  const listeners: RichListener[] = [];
  areas.forEach((value: unknown, index) => {
    const field = `areas[${index}]`;
    const area = checkOptions(value, ['x', 'y', 'width', 'height', 'label', 'link', 'message'], `${field}.`);
    const rect = checkRectangle({ x: area.x, y: area.y, w: area.width, h: area.height }, height, field, {
      x: `${field}.x`,
      y: `${field}.y`,
      w: `${field}.width`,
      h: `${field}.height`,
    });
    const hasLink = area.link !== undefined;
    const hasMessage = area.message !== undefined;
    if (hasLink === hasMessage) fail(field, 'give exactly one of link (a URL to open) or message (a text to send).');
    const label = area.label === undefined ? undefined : checkNonEmptyString(area.label, `${field}.label`);
    const name = `action${index}`;
    if (hasLink) {
      const linkUri = checkLinkUrl(area.link, `${field}.link`);
      actions[name] = { type: 'web', text: label ?? altText, params: { linkUri } };
    } else {
      const text = checkNonEmptyString(area.message, `${field}.message`);
      actions[name] = { type: 'sendMessage', text: label ?? text, params: { text } };
    }
    listeners.push({ type: 'touch', params: [rect.x, rect.y, rect.w, rect.h], action: name });
  });
  return {
    canvas: { width, height, initialScene: 'scene1' },
    images: { image1: { x: 0, y: 0, w: width, h: height } },
    actions,
    scenes: { scene1: { draws: [{ image: 'image1', x: 0, y: 0, w: width, h: height }], listeners } },
  };
}
