// The two #hmac modules (package.json `imports`): node:crypto under the `node` condition, Web Crypto
// elsewhere. Both must give the same signatures and the same verdict for every signature string, so a
// bot answers a delivery the same way on Node as on Workers. test/runtimes proves the same on the built
// files, each runtime loading its own module.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as hmacNode from '../../../src/signature/hmac-node.js';
import * as hmacWeb from '../../../src/signature/hmac-web.js';

/** Both functions of one #hmac module bound to a fresh key of `secret`. */
function bind(module: typeof hmacNode | typeof hmacWeb) {
  return (secret: string) => {
    const key = { secret };
    return { sign: (bytes: Uint8Array) => module.signHmac(key, bytes), verify: (bytes: Uint8Array, signature: string) => module.verifyHmac(key, bytes, signature) };
  };
}
const nodeHmac = bind(hmacNode);
const webHmac = bind(hmacWeb);

const encoder = new TextEncoder();
const secret = fc.string({ unit: 'binary', minLength: 1, maxLength: 64 });
const body = fc.oneof(fc.uint8Array({ maxLength: 4096 }), fc.string({ unit: 'binary', maxLength: 300 }).map((text) => encoder.encode(text)));
const base64Char = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='.split(''));

/** Signature strings around the right one: itself, unpadded, padded twice, one character changed, cut, garbage, non-ASCII. */
function variantsOf(signature: string, noise: string, index: number, char: string): string[] {
  const at = index % signature.length;
  return [
    signature,
    signature.slice(0, -1),
    `${signature}=`,
    signature.slice(0, -2),
    `${signature.slice(0, at)}${char}${signature.slice(at + 1)}`,
    // A last character with other trailing bits: the same bytes, but not canonical Base64.
    `${signature.slice(0, 42)}${signature[42] === 'A' ? 'B' : 'A'}=`,
    noise,
    '',
    ` ${signature}`,
    `${signature.slice(0, 42)}Ł=`,
  ];
}

describe('#hmac modules: node:crypto and Web Crypto agree', () => {
  it('sign the same bytes to the same 44-character value', async () => {
    await fc.assert(
      fc.asyncProperty(secret, body, async (s, b) => {
        const signature = await nodeHmac(s).sign(b);
        expect(signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
        expect(await webHmac(s).sign(b)).toBe(signature);
      }),
      { numRuns: 300 },
    );
  });

  it('give the same verdict for the right signature and every variant of it', async () => {
    await fc.assert(
      fc.asyncProperty(secret, body, fc.string({ unit: base64Char, maxLength: 50 }), fc.nat(), base64Char, async (s, b, noise, index, char) => {
        const signature = await webHmac(s).sign(b);
        for (const candidate of variantsOf(signature, noise, index, char)) {
          const web = await webHmac(s).verify(b, candidate);
          expect({ candidate, node: await nodeHmac(s).verify(b, candidate) }).toEqual({ candidate, node: web });
        }
        // The right value and its unpadded form pass; the rest only when they happen to be the right value.
        expect(await nodeHmac(s).verify(b, signature)).toBe(true);
        expect(await nodeHmac(s).verify(b, signature.slice(0, -1))).toBe(true);
        expect(await nodeHmac(s).verify(b, `${signature}=`)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('know the spec §6 vector', async () => {
    const bytes = encoder.encode('message');
    expect(await nodeHmac('secret').sign(bytes)).toBe('i19IcCmVwVmMVz2x4hhmqbgl1KeU0WnXBgoDYFeWNgs=');
    expect(await webHmac('secret').sign(bytes)).toBe('i19IcCmVwVmMVz2x4hhmqbgl1KeU0WnXBgoDYFeWNgs=');
  });
});
