import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LineError } from '../../../src/errors.js';
import { signBody } from '../../../src/signature/sign-body.js';
import { signHmac, verifyHmac } from '../../../src/signature/hmac-web.js';
import { hmacKey, hmacKeys } from '../../../src/signature/hmac-key.js';
import { verifySignature } from '../../../src/signature/verify-signature.js';
import { opensslSignature } from '../../helpers/openssl-hmac.js';

const fixture = new Uint8Array(readFileSync(new URL('../../fixtures/sdk-batch.json', import.meta.url)));
const fixtureText = new TextDecoder().decode(fixture);
const fixtureBuffer = fixture.buffer.slice(fixture.byteOffset, fixture.byteOffset + fixture.byteLength) as ArrayBuffer;
const vector = 'YdUyzEMBcQwsneRE8RkWm9/3AF+Zms+Mj1sh7d/biuc=';
const vectorNoNewline = 'kPXp0nPWSzfWAapWHiesbcztpKnXJoX8krCa1CcTghk=';
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64Of(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('verifySignature known answers (spec §6)', () => {
  it.each([
    ['string', fixtureText],
    ['Uint8Array', fixture],
    ['ArrayBuffer', fixtureBuffer],
  ] as const)('accepts the sdk batch vector for a %s body', async (_kind, body) => {
    expect(await verifySignature(body, vector, 'testsecret')).toBe(true);
  });

  it('tells the body with and without its final newline apart', async () => {
    const trimmed = fixture.subarray(0, 959);
    expect(await verifySignature(trimmed, vectorNoNewline, 'testsecret')).toBe(true);
    expect(await verifySignature(trimmed, vector, 'testsecret')).toBe(false);
    expect(await verifySignature(fixture, vectorNoNewline, 'testsecret')).toBe(false);
  });

  it.each([
    ['string', 'message'],
    ['Uint8Array', new TextEncoder().encode('message')],
    ['ArrayBuffer', new TextEncoder().encode('message').buffer as ArrayBuffer],
  ] as const)('accepts the "message"/"secret" vector for a %s body', async (_kind, body) => {
    expect(await verifySignature(body, 'i19IcCmVwVmMVz2x4hhmqbgl1KeU0WnXBgoDYFeWNgs=', 'secret')).toBe(true);
  });

  it('accepts what openssl computes for random bodies', async () => {
    for (let i = 0; i < 8; i++) {
      const body = crypto.getRandomValues(new Uint8Array(1 + i * 131));
      const secret = `rotating-${i}`;
      expect(await verifySignature(body, opensslSignature(body, secret), secret)).toBe(true);
      expect(await verifySignature(body, opensslSignature(body, `${secret}x`), secret)).toBe(false);
    }
  });

  it('rejects the right signature with the wrong secret', async () => {
    expect(await verifySignature(fixture, vector, 'testsecreT')).toBe(false);
  });
});

describe('verifySignature fails closed', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['empty', ''],
    ['not base64', '!!!'],
    ['base64url alphabet', vector.replace(/\//g, '_').replace(/\+/g, '-')],
    ['31 bytes', base64Of(new Uint8Array(31).fill(7))],
    ['33 bytes', base64Of(new Uint8Array(33).fill(7))],
    ['the vector with 1 byte more', base64Of(new Uint8Array([...Buffer.from(vector, 'base64'), 0]))],
    ['the vector without its last byte', base64Of(Buffer.from(vector, 'base64').subarray(0, 31))],
    ['leading space', ` ${vector}`],
    ['trailing newline', `${vector}\n`],
    ['trailing space', `${vector} `],
    ['inner space', `${vector.slice(0, 20)} ${vector.slice(20)}`],
    ['inner tab', `${vector.slice(0, 20)}\t${vector.slice(20)}`],
    ['extra padding', `${vector}=`],
    ['padding in the middle', `${vector.slice(0, 20)}=${vector.slice(21)}`],
    ['hex digest', Buffer.from(vector, 'base64').toString('hex')],
    ['"sha256=" prefix', `sha256=${vector}`],
  ])('rejects %s', async (_label, signature) => {
    expect(await verifySignature(fixture, signature, 'testsecret')).toBe(false);
  });

  it('accepts the value without its = padding (one old SDK sent it so, spec §2)', async () => {
    expect(await verifySignature(fixture, vector.replace(/=+$/, ''), 'testsecret')).toBe(true);
    expect(await verifySignature('message', 'i19IcCmVwVmMVz2x4hhmqbgl1KeU0WnXBgoDYFeWNgs', 'secret')).toBe(true);
  });

  it('rejects non-canonical trailing bits that decode to the same 32 bytes', async () => {
    const last = vector[42]!;
    const index = alphabet.indexOf(last);
    expect(index & 0b11).toBe(0); // 32 bytes leave 2 spare bits in the 43rd character
    for (const spare of [1, 2, 3]) {
      const forged = `${vector.slice(0, 42)}${alphabet[index | spare]}=`;
      expect(Buffer.from(forged, 'base64').equals(Buffer.from(vector, 'base64'))).toBe(true); // lenient decoders say "same"
      expect(await verifySignature(fixture, forged, 'testsecret')).toBe(false);
      expect(await verifySignature(fixture, forged.slice(0, 43), 'testsecret')).toBe(false);
    }
  });

  it('rejects a signature of other bytes of the right length', async () => {
    expect(await verifySignature(fixture, base64Of(new Uint8Array(32)), 'testsecret')).toBe(false);
  });
});

describe('verifySignature with several secrets (rotation)', () => {
  it('accepts when the second secret matches', async () => {
    expect(await verifySignature(fixture, vector, ['new-secret', 'testsecret'])).toBe(true);
    expect(await verifySignature(fixture, vector, ['testsecret', 'new-secret'])).toBe(true);
  });

  it('rejects when no secret matches', async () => {
    expect(await verifySignature(fixture, vector, ['a', 'b', 'c'])).toBe(false);
  });

  it('throws a LineError for an empty secret, even beside a good one and with a bad signature', async () => {
    await expect(verifySignature(fixture, vector, '')).rejects.toBeInstanceOf(LineError);
    await expect(verifySignature(fixture, vector, ['testsecret', ''])).rejects.toBeInstanceOf(LineError);
    await expect(verifySignature(fixture, null, '')).rejects.toBeInstanceOf(LineError);
  });

  it('throws a LineError for an empty list or a missing secret', async () => {
    await expect(verifySignature(fixture, vector, [])).rejects.toThrow(LineError);
    await expect(verifySignature(fixture, vector, undefined as unknown as string)).rejects.toThrow(LineError);
  });

  it('never puts the secret in the error', async () => {
    const error = await verifySignature(fixture, vector, ['top-secret-value', ''])
      .then(() => undefined)
      .catch((caught: unknown) => caught as LineError);
    expect(error).toBeInstanceOf(LineError);
    expect(JSON.stringify(error!.toJSON())).not.toContain('top-secret-value');
    expect(String(error)).not.toContain('top-secret-value');
  });
});

describe('key cache', () => {
  it('keeps one prepared key per secret for signBody and verifySignature', () => {
    const first = `cache-one-${Math.random()}`;
    expect(hmacKey(first)).toBe(hmacKey(first));
    expect(hmacKeys([first, 'other'])[0]).toBe(hmacKey(first));
    expect(hmacKey('other')).not.toBe(hmacKey(first));
  });

  it('imports a Web Crypto key once per secret, however many signatures it checks', async () => {
    const spy = vi.spyOn(crypto.subtle, 'importKey');
    const key = { secret: `cache-${Math.random()}` };
    const signature = await signHmac(key, new TextEncoder().encode('message'));
    for (let i = 0; i < 5; i++) expect(await verifyHmac(key, new TextEncoder().encode('message'), signature)).toBe(true);
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
