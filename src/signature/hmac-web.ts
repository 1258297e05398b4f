// The `#hmac` module for Workers, browsers and any other runtime without `node:crypto` (see hmac.ts).
import { decodeBase64, encodeBase64 } from './base64.js';
import type { Hmac } from './hmac.js';

const encoder = new TextEncoder();

/**
 * HMAC-SHA256 on Web Crypto for one secret (its UTF-8 bytes are the key, spec §2). The key is imported
 * once and reused: importKey is the slow part of a verification.
 *
 * @internal Not part of the public API; reached through `#hmac`.
 */
export function createHmacSha256(secret: string): Hmac {
  // Imported on first use and reused (a raw HMAC key of a non-empty secret cannot fail to import).
  let key: Promise<CryptoKey> | undefined;
  const ready = () => (key ??= crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']));
  return {
    async sign(bytes) {
      return encodeBase64(new Uint8Array(await crypto.subtle.sign('HMAC', await ready(), bytes as Uint8Array<ArrayBuffer>)));
    },
    async verify(bytes, signature) {
      const mac = decodeBase64(signature);
      // crypto.subtle.verify compares in constant time.
      return mac?.length === 32 && crypto.subtle.verify('HMAC', await ready(), mac as Uint8Array<ArrayBuffer>, bytes as Uint8Array<ArrayBuffer>);
    },
  };
}
