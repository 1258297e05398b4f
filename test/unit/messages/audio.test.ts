import { describe, expect, it } from 'vitest';
import { audio } from '../../../src/messages/audio.js';
import { fieldOf } from './field-of.js';

const url = 'https://example.com/a.m4a';

describe('audio', () => {
  it('serialises to the wire shape with AUDLEN as a string', () => {
    expect(JSON.stringify(audio({ originalContentUrl: url, durationMs: 240000 }))).toBe(
      '{"contentType":4,"originalContentUrl":"https://example.com/a.m4a","contentMetadata":{"AUDLEN":"240000"}}',
    );
  });

  it('accepts 1 ms', () => {
    expect(audio({ originalContentUrl: url, durationMs: 1 }).contentMetadata.AUDLEN).toBe('1');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '100', null, undefined, 2 ** 53])('rejects durationMs %s', (durationMs) => {
    expect(fieldOf(() => audio({ originalContentUrl: url, durationMs: durationMs as number }))).toBe('durationMs');
  });

  it.each([['http://example.com/a.m4a'], ['a.m4a']])('rejects originalContentUrl %j', (bad) => {
    expect(fieldOf(() => audio({ originalContentUrl: bad, durationMs: 1000 }))).toBe('originalContentUrl');
  });
});
