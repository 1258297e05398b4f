// The `#hmac` module for Workers, browsers and any other runtime without `node:crypto` (see hmac.ts).
import { decodeBase64, encodeBase64 } from './base64.js';
import type { HmacKey } from './hmac.js';

const encoder = new TextEncoder();

// Imported once per key and reused: importKey is the slow part of a verification (a raw HMAC key of a
// non-empty secret cannot fail to import).
const cryptoKey = (key: HmacKey): Promise<CryptoKey> =>
  (key.prepared ??= crypto.subtle.importKey('raw', encoder.encode(key.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])) as Promise<CryptoKey>;

/**
 * HMAC-SHA256 of `bytes` on Web Crypto, in Base64 (see hmac.ts).
 *
 * @internal Not part of the public API; reached through `#hmac`.
 */
export async function signHmac(key: HmacKey, bytes: Uint8Array): Promise<string> {
  return encodeBase64(new Uint8Array(await crypto.subtle.sign('HMAC', await cryptoKey(key), bytes as Uint8Array<ArrayBuffer>)));
}

/**
 * Whether `signature` is the HMAC-SHA256 of `bytes`, on Web Crypto (see hmac.ts).
 *
 * @internal Not part of the public API; reached through `#hmac`.
 */
export async function verifyHmac(key: HmacKey, bytes: Uint8Array, signature: string): Promise<boolean> {
  const mac = decodeBase64(signature);
  // crypto.subtle.verify compares in constant time.
  return mac?.length === 32 && crypto.subtle.verify('HMAC', await cryptoKey(key), mac as Uint8Array<ArrayBuffer>, bytes as Uint8Array<ArrayBuffer>);
}
