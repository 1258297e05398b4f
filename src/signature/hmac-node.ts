// The `#hmac` module for Node, Bun and Deno (the `node` export condition, see hmac.ts): `node:crypto`
// computes an HMAC in 1–7 µs where a `crypto.subtle` call costs tens of µs of promise and copy overhead.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Hmac } from './hmac.js';

const encoder = new TextEncoder();

/**
 * HMAC-SHA256 on `node:crypto` for one secret (its UTF-8 bytes are the key, spec §2), with exactly the
 * answers of the Web Crypto module.
 *
 * @internal Not part of the public API; reached through `#hmac`.
 */
export function createHmacSha256(secret: string): Hmac {
  const key = encoder.encode(secret);
  const digest = (bytes: Uint8Array) => createHmac('sha256', key).update(bytes).digest('base64');
  return {
    sign: async (bytes) => digest(bytes),
    verify(bytes, signature) {
      // The canonical Base64 of 32 bytes is 43 characters and one `=`; LINE's value may lack the `=`.
      const given = encoder.encode(signature.length === 43 ? `${signature}=` : signature);
      const expected = encoder.encode(digest(bytes));
      // Lengths are public (44 for any real signature); the contents are compared in constant time.
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
