import { LineError } from '../errors.js';
import { decodeBase64 } from './base64.js';
import { bodyBytes, hmacKey } from './hmac-key.js';

const macLength = 32; // SHA-256

/**
 * Checks an `X-LINE-ChannelSignature` value against the raw body (spec §2).
 *
 * Fails closed: a missing, empty, non-Base64 or wrong-length signature is `false`. A value without
 * its `=` padding is accepted. The comparison is done by `crypto.subtle.verify`, in constant time.
 * Pass several secrets while rotating the channel secret; any match is accepted.
 *
 * @param body - the raw request body exactly as received, never re-serialised JSON
 * @param signature - the header value (null/undefined when the header is absent)
 * @param channelSecret - one secret, or several during a rotation
 */
export async function verifySignature(
  body: string | Uint8Array | ArrayBuffer,
  signature: string | null | undefined,
  channelSecret: string | readonly string[],
): Promise<boolean> {
  const secrets = typeof channelSecret === 'string' ? [channelSecret] : channelSecret;
  // A secret read from an unset environment variable must fail loudly, not as a TypeError.
  if (!Array.isArray(secrets)) throw new LineError('channelSecret must be a string, or an array of strings while rotating.');
  // Resolve keys first so a misconfigured (empty) secret throws even when the signature is bad.
  const keys = await Promise.all(secrets.map(hmacKey));
  if (keys.length === 0) throw new LineError('channelSecret must hold at least one secret.');
  if (typeof signature !== 'string' || signature.length === 0) return false;
  const mac = decodeBase64(signature);
  if (!mac || mac.length !== macLength) return false;
  const bytes = bodyBytes(body);
  for (const key of keys) {
    if (await crypto.subtle.verify('HMAC', key, mac as Uint8Array<ArrayBuffer>, bytes)) return true;
  }
  return false;
}
