import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signBody } from '../../../src/signature/sign-body.js';
import { verifySignature } from '../../../src/signature/verify-signature.js';

const body = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 2048 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }),
);
const secret = fc.string({ unit: 'binary', minLength: 1, maxLength: 64 });
const signatureChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ .'.split(''));

function bytesOf(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? new TextEncoder().encode(value) : value;
}

describe('signature properties', () => {
  it('verifySignature accepts what signBody produced', async () => {
    await fc.assert(
      fc.asyncProperty(body, secret, async (b, s) => {
        const signature = await signBody(b, s);
        expect(signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
        expect(await verifySignature(b, signature, s)).toBe(true);
        // The same bytes in another container verify too.
        expect(await verifySignature(bytesOf(b).slice(), signature, s)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('flipping any one byte of the body makes it fail', async () => {
    await fc.assert(
      fc.asyncProperty(body, secret, fc.nat(), fc.integer({ min: 1, max: 255 }), async (b, s, at, mask) => {
        const signature = await signBody(b, s);
        const flipped = bytesOf(b).slice();
        flipped[at % flipped.length]! ^= mask;
        expect(await verifySignature(flipped, signature, s)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('changing any one character of the signature makes it fail', async () => {
    await fc.assert(
      fc.asyncProperty(body, secret, fc.nat(43), signatureChar, async (b, s, at, replacement) => {
        const signature = await signBody(b, s);
        fc.pre(signature[at] !== replacement);
        const changed = signature.slice(0, at) + replacement + signature.slice(at + 1);
        expect(await verifySignature(b, changed, s)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
