// The `#hmac` module for Node, Bun and Deno (the `node` export condition, see hmac.ts): `node:crypto`
// computes an HMAC in 1–7 µs where a `crypto.subtle` call costs tens of µs of promise and copy overhead.
import type * as NodeCrypto from 'node:crypto';
import type { HmacKey } from './hmac.js';

const encoder = new TextEncoder();
// Loaded on first use, not at import: `node:crypto` pulls in Node's stream internals, a cost at start-up
// that an app which only sends (or a cold start before its first delivery) should not pay.
let nodeCrypto: typeof NodeCrypto | undefined;
const load = async () => (nodeCrypto ??= await import('node:crypto'));

const digest = ({ createHmac }: typeof NodeCrypto, key: HmacKey, bytes: Uint8Array) =>
  createHmac('sha256', (key.prepared ??= encoder.encode(key.secret)) as Uint8Array)
    .update(bytes)
    .digest('base64');

function verify(crypto: typeof NodeCrypto, key: HmacKey, bytes: Uint8Array, signature: string): boolean {
  // The canonical Base64 of 32 bytes is 43 characters and one `=`; LINE's value may lack the `=`.
  const given = encoder.encode(signature.length === 43 ? `${signature}=` : signature);
  const expected = encoder.encode(digest(crypto, key, bytes));
  // Lengths are public (44 for any real signature); the contents are compared in constant time.
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/**
 * HMAC-SHA256 of `bytes` on `node:crypto`, in Base64, with exactly the answers of the Web Crypto module
 * (see hmac.ts).
 *
 * @internal Not part of the public API; reached through `#hmac`.
 */
export async function signHmac(key: HmacKey, bytes: Uint8Array): Promise<string> {
  return digest(nodeCrypto ?? (await load()), key, bytes);
}

/**
 * Whether `signature` is the HMAC-SHA256 of `bytes`, on `node:crypto` (see hmac.ts). Synchronous once
 * node:crypto is loaded: no promise on the hot path.
 *
 * @internal Not part of the public API; reached through `#hmac`.
 */
export function verifyHmac(key: HmacKey, bytes: Uint8Array, signature: string): boolean | Promise<boolean> {
  return nodeCrypto ? verify(nodeCrypto, key, bytes, signature) : load().then((crypto) => verify(crypto, key, bytes, signature));
}
