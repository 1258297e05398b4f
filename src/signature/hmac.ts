/**
 * What both HMAC-SHA256 modules give for one channel secret (spec §2): `#hmac` resolves to
 * `hmac-node.ts` (`node:crypto`) under the `node` export condition, which Node, Bun and Deno honour,
 * and to `hmac-web.ts` (`crypto.subtle`) everywhere else (Workers, browsers, the default). Both give
 * the same answers; the Web Crypto one is only slower where `node:crypto` exists.
 *
 * @internal Not part of the public API.
 */
export interface Hmac {
  /** `Base64(HMAC-SHA256(secret, bytes))`, standard Base64 with its `=` padding (44 characters). */
  sign(bytes: Uint8Array): Promise<string>;
  /**
   * True when `signature` is exactly that value, with or without its trailing `=`; anything else
   * (other bytes, non-canonical or non-Base64 text, another length) is false. Compared in constant time.
   */
  verify(bytes: Uint8Array, signature: string): boolean | Promise<boolean>;
}
