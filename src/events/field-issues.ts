// Internal: the checks of the hand-written decoder (decode-event.ts and its content decoders). They give
// the issue lines the valibot schemas give once formatted (`content.text: expected string, got 42`,
// `content.id: missing`); test/unit/events/decoder-matches-schemas.test.ts proves it on generated events.
import { describeValue } from './describe-value.js';

/** A number that is not NaN (what the schemas' `numberSchema` accepts). */
export const isNumber = (value: unknown): value is number => typeof value === 'number' && !Number.isNaN(value);

/** The issue line for a present value that fails its check. */
export function expectedIssue(path: string, expected: string, value: unknown): string {
  return `${path}: expected ${expected}, got ${describeValue(value)}`;
}

/**
 * Adds the issue of a required field of `object` that failed its check, as a valibot `v.object` entry
 * words it: `<path>: missing` when absent (`key in object` is false, so a prototype key counts as
 * present), else `<path>: expected <expected>, got …`. Callers check the value inline first (a `typeof`)
 * and call this only on a failure, so a valid event costs no call.
 */
export function fieldIssue(object: object, key: string, expected: string, path: string, issues: string[]): void {
  issues.push(key in object ? expectedIssue(path, expected, (object as Record<string, unknown>)[key]) : `${path}: missing`);
}
