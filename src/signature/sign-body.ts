import { signHmac } from '#hmac';
import { bodyBytes, hmacKey } from './hmac-key.js';

/**
 * Signs a body the way LINE does: Base64(HMAC-SHA256(key = channel secret as UTF-8, message = body bytes)),
 * standard Base64 with padding (spec §2). Uses `node:crypto` on Node, Bun and Deno and Web Crypto
 * elsewhere (same result), so it runs on every fetch runtime.
 *
 * @param body - the exact bytes sent (a string is UTF-8 encoded)
 * @param channelSecret - the channel secret
 * @returns the value of the `X-LINE-ChannelSignature` header, 44 characters
 */
export async function signBody(body: string | Uint8Array | ArrayBuffer, channelSecret: string): Promise<string> {
  return signHmac(hmacKey(channelSecret), bodyBytes(body));
}
