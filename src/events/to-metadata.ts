/**
 * `contentMetadata` → `metadata` (spec §2.2): an object of string values, or `{}` when LINE sends
 * `null` or nothing. Never fails: real traffic carries extra metadata keys (`AT_RECV_MODE`,
 * `SKIP_BADGE_COUNT`, `STKOPT`…), so numbers and booleans become strings and any other value
 * (object, array, null) is dropped. A non-object `contentMetadata` also gives `{}`.
 *
 * @internal Used by the message schemas; not part of the public API.
 */
export function toMetadata(input: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return out;
  for (const key of Object.keys(input)) {
    // A JSON key "__proto__" would replace the prototype of a plain object: skip it.
    if (key === '__proto__') continue;
    const value = (input as Record<string, unknown>)[key];
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
  }
  return out;
}
