import { describe, expect, it } from 'vitest';
import { parseContentDisposition } from '../../../src/client/parse-content-disposition.js';
import { parseRetryAfter } from '../../../src/client/parse-retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    [null, undefined],
    ['', undefined],
    ['  ', undefined],
    ['0', 0],
    ['120', 120_000],
    [' 5 ', 5000],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0], // in the past
  ])('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('parseContentDisposition', () => {
  it.each([
    [null, undefined],
    ['attachment', undefined],
    ['attachment; filename="photo.jpg"', 'photo.jpg'],
    ['attachment; filename=photo.jpg', 'photo.jpg'],
    ['attachment; filename="a \\"b\\".jpg"', 'a "b".jpg'],
    ["attachment; filename*=UTF-8''%E5%86%99%E7%9C%9F.jpg", '写真.jpg'],
    ["attachment; filename=\"fallback.jpg\"; filename*=utf-8''%E5%86%99.jpg", '写.jpg'],
    ["attachment; filename*=UTF-8'ja'%E5%86%99.jpg; size=3", '写.jpg'],
    ["attachment; filename*=iso-8859-1''caf%E9.txt", 'café.txt'],
    ["attachment; filename=\"ok.jpg\"; filename*=UTF-8''%E5%ZZ", 'ok.jpg'], // bad encoding → plain name
    ['inline; FILENAME="Upper.JPG"', 'Upper.JPG'],
  ])('%j → %j', (header, expected) => {
    expect(parseContentDisposition(header)).toBe(expected);
  });
});
