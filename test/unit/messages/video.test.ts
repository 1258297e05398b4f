import { describe, expect, it } from 'vitest';
import { video } from '../../../src/messages/video.js';
import { fieldOf } from './field-of.js';

const good = { originalContentUrl: 'https://example.com/v.mp4', previewImageUrl: 'https://example.com/v.jpg' };

describe('video', () => {
  it('serialises to the wire shape', () => {
    expect(JSON.stringify(video(good))).toBe(
      '{"contentType":3,"originalContentUrl":"https://example.com/v.mp4","previewImageUrl":"https://example.com/v.jpg"}',
    );
  });

  it.each([['http://example.com/v.mp4'], ['::::'], ['']])('rejects originalContentUrl %j', (url) => {
    expect(fieldOf(() => video({ ...good, originalContentUrl: url }))).toBe('originalContentUrl');
  });

  it.each([['http://example.com/v.jpg'], ['v.jpg']])('rejects previewImageUrl %j', (url) => {
    expect(fieldOf(() => video({ ...good, previewImageUrl: url }))).toBe('previewImageUrl');
  });
});
