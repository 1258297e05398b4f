import { bodyBytes, hmacKeys, verifyWithKeys } from './hmac-key.js';

/**
 * Checks an `X-LINE-ChannelSignature` value against the raw body (spec §2).
 *
 * Fails closed: a missing, empty, non-Base64 or wrong-length signature is `false`. A value without
 * its `=` padding is accepted. The comparison is constant-time (`timingSafeEqual` where `node:crypto`
 * exists, i.e. Node, Bun and Deno; `crypto.subtle.verify` elsewhere).
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
  // Resolve keys first so a misconfigured (empty, missing) secret throws even when the signature is bad.
  const keys = hmacKeys(channelSecret);
  return verifyWithKeys(keys, bodyBytes(body), signature);
}
