/**
 * One {@link HmacKey} per channel secret, made once and reused: a bot uses one or two secrets for its
 * whole life, and preparing a key (a Web Crypto import) is the slow part of a verification.
 */
import { verifyHmac } from '#hmac';
import { LineError } from '../errors.js';
import type { HmacKey } from './hmac.js';

const encoder = /* @__PURE__ */ new TextEncoder();
const hmacs = new Map<string, HmacKey>();
// Bounded so a process that is handed many secrets (tests, multi-tenant) cannot grow without limit.
const maxCachedKeys = 64;

function badSecret(): never {
  throw new LineError(
    'channelSecret must be a non-empty string, or a non-empty array of them while rotating: copy it from the channel settings in the LINE Business Center.',
  );
}

/** The cached {@link HmacKey} of a channel secret. Throws {@link LineError} for an empty or non-string secret. */
export function hmacKey(channelSecret: unknown): HmacKey {
  if (typeof channelSecret !== 'string' || channelSecret.length === 0) badSecret();
  let key = hmacs.get(channelSecret);
  if (!key) {
    if (hmacs.size >= maxCachedKeys) hmacs.clear();
    key = { secret: channelSecret };
    hmacs.set(channelSecret, key);
  }
  return key;
}

/**
 * The keys of `channelSecret`: one secret, or a non-empty array of them while rotating. Throws
 * {@link LineError} at once when any is missing or empty, so a misconfiguration fails at start-up.
 */
export function hmacKeys(channelSecret: unknown): HmacKey[] {
  const secrets: unknown = typeof channelSecret === 'string' ? [channelSecret] : channelSecret;
  if (!Array.isArray(secrets) || secrets.length === 0) badSecret();
  return secrets.map(hmacKey);
}

/** The body as bytes: strings are UTF-8 encoded, binary input is used as is (no copy). */
export function bodyBytes(body: string | Uint8Array | ArrayBuffer): Uint8Array<ArrayBuffer> {
  if (typeof body === 'string') return encoder.encode(body);
  // The tag check also accepts an ArrayBuffer from another realm (iframe, vm context), where instanceof fails.
  if (Object.prototype.toString.call(body) === '[object ArrayBuffer]') return new Uint8Array(body as ArrayBuffer);
  if (ArrayBuffer.isView(body)) return body as Uint8Array<ArrayBuffer>;
  throw new LineError('body must be a string, a Uint8Array or an ArrayBuffer holding the raw request body.');
}

/**
 * True when `signature` matches `bytes` under any of `keys` (see hmac.ts); false for a
 * non-string. A boolean at once while the keys answer synchronously (node:crypto), else a promise.
 */
export function verifyWithKeys(keys: readonly HmacKey[], bytes: Uint8Array, signature: unknown, from = 0): boolean | Promise<boolean> {
  if (typeof signature !== 'string') return false;
  for (let i = from; i < keys.length; i++) {
    const verdict = verifyHmac(keys[i]!, bytes, signature);
    if (typeof verdict !== 'boolean') return verdict.then((ok) => ok || verifyWithKeys(keys, bytes, signature, i + 1));
    if (verdict) return true;
  }
  return false;
}
