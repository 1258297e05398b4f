import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LineError } from '../../../src/errors.js';
import { signBody } from '../../../src/signature/sign-body.js';
import { opensslSignature } from '../../helpers/openssl-hmac.js';

const fixture = new Uint8Array(readFileSync(new URL('../../fixtures/sdk-batch.json', import.meta.url)));
const fixtureText = new TextDecoder().decode(fixture);
const withNewline = 'YdUyzEMBcQwsneRE8RkWm9/3AF+Zms+Mj1sh7d/biuc=';
const withoutNewline = 'kPXp0nPWSzfWAapWHiesbcztpKnXJoX8krCa1CcTghk=';
const messageVector = 'i19IcCmVwVmMVz2x4hhmqbgl1KeU0WnXBgoDYFeWNgs=';

type BodyCase = [kind: string, body: () => string | Uint8Array | ArrayBuffer];

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

describe('signBody known answers (spec §6)', () => {
  it('the fixture is the one the vectors were made for', () => {
    expect(fixture.byteLength).toBe(960);
    expect(fixture[959]).toBe(0x0a);
    expect(fixture[958]).not.toBe(0x0a);
  });

  it.each<BodyCase>([
    ['string', () => fixtureText],
    ['Uint8Array', () => fixture],
    ['ArrayBuffer', () => arrayBufferOf(fixture)],
  ])('signs the sdk batch given as %s', async (_kind, body) => {
    expect(await signBody(body(), 'testsecret')).toBe(withNewline);
  });

  it.each<BodyCase>([
    ['string', () => fixtureText.slice(0, -1)],
    ['Uint8Array', () => fixture.subarray(0, 959)],
    ['ArrayBuffer', () => arrayBufferOf(fixture.subarray(0, 959))],
  ])('signs the sdk batch without its final newline given as %s', async (_kind, body) => {
    expect(await signBody(body(), 'testsecret')).toBe(withoutNewline);
  });

  it.each<BodyCase>([
    ['string', () => 'message'],
    ['Uint8Array', () => new TextEncoder().encode('message')],
    ['ArrayBuffer', () => arrayBufferOf(new TextEncoder().encode('message'))],
  ])('signs "message" with "secret" given as %s', async (_kind, body) => {
    expect(await signBody(body(), 'secret')).toBe(messageVector);
  });

  it('signs only the viewed bytes of a Uint8Array that is a window on a larger buffer', async () => {
    const padded = new Uint8Array(fixture.byteLength + 20);
    padded.fill(0x41);
    padded.set(fixture, 10);
    expect(await signBody(padded.subarray(10, 10 + fixture.byteLength), 'testsecret')).toBe(withNewline);
  });

  it('matches openssl on the spec vectors', () => {
    expect(opensslSignature(fixture, 'testsecret')).toBe(withNewline);
    expect(opensslSignature('message', 'secret')).toBe(messageVector);
  });

  it('matches openssl on random bodies and secrets', async () => {
    for (let i = 0; i < 12; i++) {
      const body = crypto.getRandomValues(new Uint8Array(i * 97));
      const secret = `s-${i}-${Math.random().toString(36).slice(2)}-ü`;
      const expected = opensslSignature(body, secret);
      expect(expected).toHaveLength(44);
      expect(await signBody(body, secret)).toBe(expected);
    }
  });

  it('UTF-8 encodes a string body and a non-ASCII secret, as openssl sees the bytes', async () => {
    const body = '{"text":"こんにちは 👋"}';
    expect(await signBody(body, 'sécret')).toBe(opensslSignature(body, 'sécret'));
  });

  it('rejects an empty secret with a LineError that does not echo any secret', async () => {
    await expect(signBody('message', '')).rejects.toBeInstanceOf(LineError);
    await expect(signBody('message', '')).rejects.toThrow(/channelSecret must be a non-empty string/);
  });

  it('rejects a body that is not a string, Uint8Array or ArrayBuffer', async () => {
    await expect(signBody(123 as unknown as string, 'secret')).rejects.toBeInstanceOf(LineError);
  });
});
