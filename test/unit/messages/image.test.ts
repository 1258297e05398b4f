import { describe, expect, it } from 'vitest';
import { image } from '../../../src/messages/image.js';
import { fieldOf } from './field-of.js';

const good = { originalContentUrl: 'https://example.com/a.jpg', previewImageUrl: 'https://example.com/a-240.jpg' };

describe('image', () => {
  it('serialises to the wire shape', () => {
    expect(JSON.stringify(image(good))).toBe(
      '{"contentType":2,"originalContentUrl":"https://example.com/a.jpg","previewImageUrl":"https://example.com/a-240.jpg"}',
    );
  });

  it('puts contentType first whatever the input order', () => {
    expect(JSON.stringify(image({ previewImageUrl: good.previewImageUrl, originalContentUrl: good.originalContentUrl }))).toBe(
      '{"contentType":2,"originalContentUrl":"https://example.com/a.jpg","previewImageUrl":"https://example.com/a-240.jpg"}',
    );
  });

  it.each([
    ['http://example.com/a.jpg'],
    ['ftp://example.com/a.jpg'],
    ['javascript:alert(1)'],
    ['/a.jpg'],
    ['example.com/a.jpg'],
    ['not a url'],
    [''],
    [' https://example.com/a.jpg'],
  ])('rejects originalContentUrl %j', (url) => {
    expect(fieldOf(() => image({ ...good, originalContentUrl: url }))).toBe('originalContentUrl');
  });

  it.each([['http://example.com/p.jpg'], ['nope'], [undefined]])('rejects previewImageUrl %j', (url) => {
    expect(fieldOf(() => image({ ...good, previewImageUrl: url as string }))).toBe('previewImageUrl');
  });

  it('does not echo the URL in the error message (signed URLs may hold credentials)', () => {
    expect(() => image({ ...good, originalContentUrl: 'http://x/a.jpg?sig=SECRET' })).toThrow(/^Invalid originalContentUrl: must be an https: URL/);
    expect(() => image({ ...good, originalContentUrl: 'http://x/a.jpg?sig=SECRET' })).not.toThrow(/SECRET/);
    expect(() => image({ ...good, originalContentUrl: 'bad?sig=SECRET' })).not.toThrow(/SECRET/);
  });

  it('rejects a missing options object', () => {
    expect(fieldOf(() => image(undefined as never))).toBe('options');
  });
});
