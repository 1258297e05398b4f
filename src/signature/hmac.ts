/**
 * A channel secret as both HMAC-SHA256 modules take it (spec §2): `#hmac` resolves to `hmac-node.ts`
 * (`node:crypto`) under the `node` export condition, which Node, Bun and Deno honour, and to
 * `hmac-web.ts` (`crypto.subtle`) everywhere else (Workers, browsers, the default). Each exports
 * `signHmac(key, bytes)` and `verifyHmac(key, bytes, signature)` with the same answers; the Web Crypto one
 * is only slower where `node:crypto` exists. Two functions rather than one object with both: a bundle that
 * only verifies (the webhook path) leaves signing out.
 *
 * `signHmac` gives `Base64(HMAC-SHA256(secret, bytes))`, standard Base64 with its `=` padding (44
 * characters). `verifyHmac` is true when `signature` is exactly that value, with or without its trailing
 * `=`; anything else (other bytes, non-canonical or non-Base64 text, another length) is false. Compared in
 * constant time.
 *
 * @internal Not part of the public API.
 */
export interface HmacKey {
  /** The channel secret; its UTF-8 bytes are the HMAC key. */
  readonly secret: string;
  /** What the module prepared from the secret on first use (a Web Crypto key, the key bytes), kept for the next call. */
  prepared?: unknown;
}
