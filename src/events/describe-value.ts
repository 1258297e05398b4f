/**
 * A short, log-safe description of a value for decode issues: the value itself for numbers and
 * booleans, only the kind for strings, objects and arrays (so user text never ends up in logs).
 *
 * @internal Used by the event decoders; not part of the public API.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}
