import * as v from 'valibot';
import { describeValue } from './describe-value.js';

/**
 * A valibot `custom` schema whose issue reads `expected <expected>, got <value>`. One small
 * `v.custom` stands in for `v.string`, `v.number`, `v.union`, `v.picklist`, `v.literal`, `v.nullable`
 * and `v.array(v.unknown())`, each of which would add its own code to every bundle that decodes
 * events (the webhook path has a 6 kB gzip budget).
 *
 * @param check - true when the input is valid
 * @param expected - what a valid input is, e.g. `number | string` or `1 | 2 | 3`
 * @internal Used by the event schemas; not part of the public API.
 */
/* @__NO_SIDE_EFFECTS__ */
export function guardSchema<T>(check: (input: unknown) => boolean, expected: string): v.GenericSchema<T> {
  return v.custom<T>(check, (issue) => `expected ${expected}, got ${describeValue(issue.input)}`);
}

/**
 * A schema that accepts exactly `value` (what `v.literal` does): issues read `expected 1, got 2` or
 * `expected "138311609000106303", got string`.
 *
 * @internal Used by the event schemas; not part of the public API.
 */
/* @__NO_SIDE_EFFECTS__ */
export function literalSchema<T extends string | number>(value: T): v.GenericSchema<T> {
  return guardSchema<T>((input) => input === value, JSON.stringify(value));
}

/** `v.string()` as a guard: one `v.custom` serves every check, so bundles carry one schema function. @internal */
export const stringSchema = guardSchema<string>((input) => typeof input === 'string', 'string');

/** `v.number()` (NaN rejected) as a guard, see {@link stringSchema}. @internal */
export const numberSchema = guardSchema<number>((input) => typeof input === 'number' && !Number.isNaN(input), 'number');

/** `Array.isArray` as a guard (`v.array(v.unknown())` would copy the array), see {@link stringSchema}. @internal */
export const arraySchema = guardSchema<unknown[]>(Array.isArray, 'array');

/**
 * An optional field that never fails (absent, `null` or any value): its transform keeps what is
 * usable and drops the rest (spec: never hard-fail on optional or unconfirmed values). @internal
 */
export const optionalSchema = v.nullish(v.unknown());
