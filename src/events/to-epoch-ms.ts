/**
 * An optional `createdTime` (spec §2.1–2.2: epoch ms, "may be absent") → a number, or `undefined`
 * to omit it. A decimal string is coerced (`"1700000000000"` → `1700000000000`); any other value is
 * dropped, never an error: a bad optional field must not turn a block (opType 8) into an `UnknownEvent`.
 *
 * @internal Used by the event schemas and for the `expire` of a token reissue; not part of the public API.
 */
export function toEpochMs(value: unknown): number | undefined {
  const ms = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : undefined;
}
