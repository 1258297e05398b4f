import { describe, expect, it } from 'vitest';
import { MessageValidationError } from '../../../src/errors.js';
import { text } from '../../../src/messages/text.js';
import { Limits } from '../../../src/protocol/limits.js';
import { fieldOf } from './field-of.js';

describe('text', () => {
  it('serialises to the wire shape', () => {
    expect(JSON.stringify(text('hello'))).toBe('{"contentType":1,"text":"hello"}');
  });

  it('keeps non-ASCII text as is', () => {
    expect(JSON.stringify(text('こんにちは 👋'))).toBe('{"contentType":1,"text":"こんにちは 👋"}');
  });

  it('rejects an empty text', () => {
    expect(() => text('')).toThrow(MessageValidationError);
    expect(fieldOf(() => text(''))).toBe('text');
  });

  it.each([undefined, null, 42, {}, ['a']])('rejects a non-string text %j', (value) => {
    expect(fieldOf(() => text(value as unknown as string))).toBe('text');
  });

  it('has no character cap by default (the BC cap is unconfirmed)', () => {
    const long = 'a'.repeat(5000);
    expect(text(long).text).toHaveLength(5000);
  });

  it('enforces maxTextChars in code points when given', () => {
    expect(text('a'.repeat(1024), { maxTextChars: Limits.outgoingTextChars }).text).toHaveLength(1024);
    expect(fieldOf(() => text('a'.repeat(1025), { maxTextChars: 1024 }))).toBe('text');
    // Two astral characters are two code points (four UTF-16 units).
    expect(text('👋👋', { maxTextChars: 2 }).text).toBe('👋👋');
    expect(fieldOf(() => text('👋👋👋', { maxTextChars: 2 }))).toBe('text');
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects maxTextChars %s', (max) => {
    expect(fieldOf(() => text('hi', { maxTextChars: max }))).toBe('maxTextChars');
  });

  it('says what is wrong in the message', () => {
    expect(() => text('')).toThrow('Invalid text: must not be empty.');
  });
});
