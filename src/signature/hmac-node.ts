// The `#hmac` module for Node, Bun and Deno (the `node` export condition, see hmac.ts): `node:crypto`
// computes an HMAC in 1–7 µs where a `crypto.subtle` call costs tens of µs of promise and copy overhead.
import type * as NodeCrypto from 'node:crypto';
import type { Hmac } from './hmac.js';

const encoder = new TextEncoder();
// Loaded on first use, not at import: `node:crypto` pulls in Node's stream internals, a cost at start-up
// that an app which only sends (or a cold start before its first delivery) should not pay.
let nodeCrypto: typeof NodeCrypto | undefined;
const load = async () => (nodeCrypto ??= await import('node:crypto'));

/**
 * HMAC-SHA256 on `node:crypto` for one secret (its UTF-8 bytes are the key, spec §2), with exactly the
 * answers of the Web Crypto module.
 *
 * @internal Not part of the public API; reached through `#hmac`.
 */
export function createHmacSha256(secret: string): Hmac {
  const key = encoder.encode(secret);
  const digest = ({ createHmac }: typeof NodeCrypto, bytes: Uint8Array) => createHmac('sha256', key).update(bytes).digest('base64');
  const verify = (crypto: typeof NodeCrypto, bytes: Uint8Array, signature: string) => {
    // The canonical Base64 of 32 bytes is 43 characters and one `=`; LINE's value may lack the `=`.
    const given = encoder.encode(signature.length === 43 ? `${signature}=` : signature);
    const expected = encoder.encode(digest(crypto, bytes));
    // Lengths are public (44 for any real signature); the contents are compared in constant time.
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  };
  return {
    sign: async (bytes) => digest(nodeCrypto ?? (await load()), bytes),
    // Synchronous once node:crypto is loaded: no promise on the hot path.
    verify: (bytes, signature) => (nodeCrypto ? verify(nodeCrypto, bytes, signature) : load().then((crypto) => verify(crypto, bytes, signature))),
  };
}
