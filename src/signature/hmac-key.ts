/**
 * Imports each channel secret as an HMAC-SHA256 `CryptoKey` once and reuses it: importKey is the
 * slow part of a verification, and a bot uses one or two secrets for its whole life.
 */
import { LineError } from '../errors.js';

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();
// Bounded so a process that is handed many secrets (tests, multi-tenant) cannot grow without limit.
const maxCachedKeys = 64;

function badSecret(): never {
  throw new LineError(
    'channelSecret must be a non-empty string, or a non-empty array of them while rotating: copy it from the channel settings in the LINE Business Center.',
  );
}

/** The cached `CryptoKey` for a channel secret (its UTF-8 bytes are the HMAC key, spec §2). Throws {@link LineError} for an empty or non-string secret. */
export function hmacKey(channelSecret: unknown): Promise<CryptoKey> {
  if (typeof channelSecret !== 'string' || channelSecret.length === 0) badSecret();
  let key = keys.get(channelSecret);
  if (!key) {
    if (keys.size >= maxCachedKeys) keys.clear();
    key = crypto.subtle.importKey('raw', encoder.encode(channelSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keys.set(channelSecret, key);
    // A failed import must not poison the cache.
    key.catch(() => keys.delete(channelSecret));
  }
  return key;
}

/**
 * The keys of `channelSecret`: one secret, or a non-empty array of them while rotating. Throws
 * {@link LineError} at once (not in the promises) when any is missing or empty, so a misconfiguration
 * fails at start-up; starting the imports early also warms the cache for the first delivery.
 */
export function hmacKeys(channelSecret: unknown): Promise<CryptoKey>[] {
  const secrets: unknown = typeof channelSecret === 'string' ? [channelSecret] : channelSecret;
  if (!Array.isArray(secrets) || secrets.length === 0) badSecret();
  return secrets.map(hmacKey);
}

/** The body as bytes for Web Crypto: strings are UTF-8 encoded, binary input is used as is (no copy). */
export function bodyBytes(body: string | Uint8Array | ArrayBuffer): Uint8Array<ArrayBuffer> {
  if (typeof body === 'string') return encoder.encode(body);
  // The tag check also accepts an ArrayBuffer from another realm (iframe, vm context), where instanceof fails.
  if (Object.prototype.toString.call(body) === '[object ArrayBuffer]') return new Uint8Array(body as ArrayBuffer);
  if (ArrayBuffer.isView(body)) return body as Uint8Array<ArrayBuffer>;
  throw new LineError('body must be a string, a Uint8Array or an ArrayBuffer holding the raw request body.');
}
