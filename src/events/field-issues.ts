// Internal: the checks of the hand-written decoder (decode-event.ts and its content decoders). They give
// the issue lines the valibot schemas give once formatted (`content.text: expected string, got 42`,
// `content.id: missing`); test/unit/events/decoder-matches-schemas.test.ts proves it on generated events.
import { describeValue } from './describe-value.js';

/** `typeof value === 'string'`. */
export const isString = (value: unknown): value is string => typeof value === 'string';

/** A number that is not NaN (what the schemas' `numberSchema` accepts). */
export const isNumber = (value: unknown): value is number => typeof value === 'number' && !Number.isNaN(value);

/** The issue line for a present value that fails its check. */
export function expectedIssue(path: string, expected: string, value: unknown): string {
  return `${path}: expected ${expected}, got ${describeValue(value)}`;
}

/**
 * Checks the required field `key` of `object` as a valibot `v.object` entry does (present means `key in
 * object`, so a prototype key counts as present): adds `<path>: missing` or `<path>: expected …` to
 * `issues` and returns false when it fails.
 */
export function checkField(object: object, key: string, check: (value: unknown) => boolean, expected: string, path: string, issues: string[]): boolean {
  if (!(key in object)) {
    issues.push(`${path}: missing`);
    return false;
  }
  const value = (object as Record<string, unknown>)[key];
  if (check(value)) return true;
  issues.push(expectedIssue(path, expected, value));
  return false;
}
