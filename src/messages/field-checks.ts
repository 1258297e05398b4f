/**
 * Field checks shared by the message builders, {@link validateOutgoingMessage} and the rich
 * markup validator, so that a builder and a hand-written message are judged by the same rules.
 * Internal: not re-exported from the package entry. Each check throws a
 * {@link MessageValidationError} naming the field, or returns the accepted value.
 */
import { MessageValidationError } from '../errors.js';
import { didYouMean } from '../option-keys.js';
import { richCanvasMaxHeight, richCanvasWidth } from '../protocol/limits.js';

/**
 * Receives a note for each form LINE's platform accepted that is not the documented one (spec §3.1):
 * `(field, note)`, e.g. `('contentMetadata.AUDLEN', 'is the number 240000; …')`. A check given one also
 * accepts those forms (and returns the documented form); without one it accepts only the documented form.
 */
export type NoteForm = (field: string, note: string) => void;

/** Throws a {@link MessageValidationError} for `field`. */
export function fail(field: string, message: string): never {
  throw new MessageValidationError(field, message);
}

/** A short, secret-free description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `the string "${value.slice(0, 40)}…"` : `the string "${value}"`;
  if (typeof value === 'number') return `the number ${value}`;
  if (value === undefined) return 'undefined';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A plain object (not null, not an array). */
export function checkObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, `must be an object, got ${describe(value)}.`);
  return value as Record<string, unknown>;
}

/**
 * A copy of `value` without its keys that are `null`, except the `required` ones (whose check then says
 * "got null"): LINE treated `null` as absent (spec §3.1: `"text": null` on an image from Perl,
 * `"address": null` from Ruby, `"id": null, "from": null` on every content from Java). Each dropped key is noted.
 */
export function dropNulls(value: Record<string, unknown>, required: readonly string[], prefix: string, note: NoteForm): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    if (value[key] !== null || required.includes(key)) continue;
    copy ??= { ...value };
    delete copy[key];
    note(`${prefix}${key}`, 'is null; LINE treated it as absent, but a careful client leaves the field out.');
  }
  return copy ?? value;
}

/** Rejects keys LINE does not know, so that a typo or a copied envelope field does not go out silently. */
export function checkKnownKeys(value: Record<string, unknown>, allowed: readonly string[], prefix: string, hint = ''): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(`${prefix}${key}`, `is not a field of this message${didYouMean(key, allowed)} (allowed: ${allowed.join(', ')}).${hint}`);
  }
}

/**
 * The options object of a builder, refusing keys it does not take (in plain JavaScript a misspelled
 * option would otherwise be ignored): `MessageValidationError` naming the key and the closest option.
 */
export function checkOptions(value: unknown, known: readonly string[], prefix = ''): Record<string, unknown> {
  const options = checkObject(value, prefix === '' ? 'options' : prefix.slice(0, -1));
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) fail(`${prefix}${key}`, `is not an option${didYouMean(key, known)} (options: ${known.join(', ')}).`);
  }
  return options;
}

/** Any string, possibly empty. */
export function checkString(value: unknown, field: string): string {
  if (typeof value !== 'string') fail(field, `must be a string, got ${describe(value)}.`);
  return value;
}

/** A string with at least one character. */
export function checkNonEmptyString(value: unknown, field: string): string {
  if (checkString(value, field).length === 0) fail(field, 'must not be empty.');
  return value as string;
}

/**
 * Message text: a non-empty string, and at most `maxTextChars` Unicode code points when a cap is
 * given. No cap by default: the 1024-character cap comes from the Trial docs and is unconfirmed for
 * Business Connect (spec §3, §5); the 8192-byte request limit is checked by the client.
 */
export function checkText(value: unknown, field: string, maxTextChars?: number): string {
  const text = checkNonEmptyString(value, field);
  if (maxTextChars !== undefined) {
    if (!Number.isSafeInteger(maxTextChars) || maxTextChars < 1) {
      fail('maxTextChars', `must be a positive integer, got ${describe(maxTextChars)}.`);
    }
    let chars = 0;
    for (const _ of text) chars++;
    if (chars > maxTextChars) fail(field, `has ${chars} characters, more than maxTextChars (${maxTextChars}). Shorten it or split it into several messages.`);
  }
  return text;
}

function parseUrl(value: unknown, field: string): { text: string; url: URL } {
  const text = checkNonEmptyString(value, field);
  if (text.trim() !== text) fail(field, 'must not start or end with whitespace.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The value is not echoed: signed media URLs may carry credentials in their query.
    fail(field, 'is not an absolute URL (expected e.g. https://example.com/image.jpg).');
  }
  return { text, url };
}

/**
 * A media URL: absolute and `https:`. The LINE app downloads media straight from your server, so
 * it must be HTTPS with a valid certificate (spec §3). The string is kept as given.
 */
export function checkHttpsUrl(value: unknown, field: string): string {
  const { text, url } = parseUrl(value, field);
  if (url.protocol !== 'https:') fail(field, `must be an https: URL (the LINE app downloads it from your server over HTTPS), got ${url.protocol}.`);
  return text;
}

/** A link a user opens from a rich message: `http:` or `https:` only (never `javascript:`, `data:`…). */
export function checkLinkUrl(value: unknown, field: string): string {
  const { text, url } = parseUrl(value, field);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(field, `must be an http: or https: URL, got ${url.protocol}.`);
  return text;
}

/** A rich message base URL: `https:`, no query or fragment (the app appends `/1040`, `/700`…), without trailing slashes. */
export function checkRichBaseUrl(value: unknown, field: string): string {
  const text = checkHttpsUrl(value, field);
  const url = new URL(text);
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) {
    fail(field, 'must not have a query or fragment: the LINE app appends /1040, /700, /460, /300 or /240 to it.');
  }
  return text.replace(/\/+$/, '');
}

/** An integer ≥ 1 (a safe integer, so it prints as plain digits). */
export function checkPositiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) fail(field, `must be a positive integer, got ${describe(value)}.`);
  return value;
}

/** An integer ≥ 0. */
export function checkNonNegativeInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) fail(field, `must be a non-negative integer, got ${describe(value)}.`);
  return value;
}

/**
 * A positive integer written as decimal digits, as LINE wants for `AUDLEN` (spec §3). With `note`, the
 * number itself is accepted too (LINE's Java server coerced it, spec §3.1) and returned as a string.
 */
export function checkPositiveIntegerString(value: unknown, field: string, note?: NoteForm): string {
  if (note && typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) {
    note(field, `is the number ${value}; LINE accepted it, but the documented form is the string "${value}".`);
    return String(value);
  }
  const text = checkString(value, field);
  if (!/^[1-9][0-9]*$/.test(text)) fail(field, `must be a positive integer written as a string, e.g. "240000", got ${describe(text)}.`);
  return text;
}

/**
 * A finite number in `-limit..limit`: latitude (90) or longitude (180). With `note`, a decimal string such
 * as `"35.6"` is accepted too (LINE's Perl SDK documented and sent it so, spec §3.1) and returned as a number.
 */
export function checkCoordinate(value: unknown, field: string, limit: 90 | 180, note?: NoteForm): number {
  if (note && typeof value === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(value)) {
    note(field, `is the string ${JSON.stringify(value)}; LINE accepted it, but the documented form is the number ${Number(value)}.`);
    value = Number(value);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(field, `must be a finite number, got ${describe(value)}.`);
  if (value < -limit || value > limit) fail(field, `must be between -${limit} and ${limit}, got ${value}.`);
  return value;
}

/**
 * A sticker id (`STKID`, `STKPKGID`, `STKVER`): a non-empty string of ASCII digits or a non-negative
 * integer; returned as a string because LINE wants strings (spec §3). `note` hears of a number on the wire
 * (LINE's Perl SDK sent numbers, spec §3.1).
 */
export function checkStickerId(value: unknown, field: string, note?: NoteForm): string {
  if (typeof value === 'number') {
    const id = String(checkNonNegativeInteger(value, field));
    note?.(field, `is the number ${id}; LINE accepted it, but the documented form is the string "${id}".`);
    return id;
  }
  if (typeof value !== 'string' || !/^[0-9]+$/.test(value)) {
    fail(field, `must be a non-negative integer or a string of digits, e.g. "332", got ${describe(value)}.`);
  }
  return value;
}

/** An object whose values are all strings (link message parameters). Returns a copy. */
export function checkStringRecord(value: unknown, field: string): Record<string, string> {
  const record = checkObject(value, field);
  // fromEntries defines own properties, so a key such as "__proto__" is kept, not swallowed.
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, checkString(item, `${field}.${key}`)]));
}

/** The height of a rich message canvas: an integer 1..2080 (spec §3, §5). */
export function checkCanvasHeight(value: unknown, field: string): number {
  const height = checkPositiveInteger(value, field);
  if (height > richCanvasMaxHeight) fail(field, `must be at most ${richCanvasMaxHeight}, got ${height}.`);
  return height;
}

/**
 * A touch rectangle that lies inside a 1040×`canvasHeight` canvas. `fields` names each coordinate
 * for type errors; `field` names the whole rectangle when it leaves the canvas.
 */
export function checkRectangle(
  rect: { x: unknown; y: unknown; w: unknown; h: unknown },
  canvasHeight: number,
  field: string,
  fields: { x: string; y: string; w: string; h: string },
): { x: number; y: number; w: number; h: number } {
  const x = checkNonNegativeInteger(rect.x, fields.x);
  const y = checkNonNegativeInteger(rect.y, fields.y);
  const w = checkPositiveInteger(rect.w, fields.w);
  const h = checkPositiveInteger(rect.h, fields.h);
  if (x + w > richCanvasWidth || y + h > canvasHeight) {
    fail(field, `the rectangle x=${x} y=${y} w=${w} h=${h} leaves the ${richCanvasWidth}×${canvasHeight} canvas (needs x+w ≤ ${richCanvasWidth} and y+h ≤ ${canvasHeight}).`);
  }
  return { x, y, w, h };
}
