import { describe, expect, it } from 'vitest';
import { sticker } from '../../../src/messages/sticker.js';
import { fieldOf } from './field-of.js';

describe('sticker', () => {
  it('serialises to the wire shape with string ids', () => {
    expect(JSON.stringify(sticker({ packageId: '332', stickerId: '3', version: '100' }))).toBe(
      '{"contentType":8,"contentMetadata":{"STKID":"3","STKPKGID":"332","STKVER":"100"}}',
    );
  });

  it('turns number ids into strings', () => {
    expect(JSON.stringify(sticker({ packageId: 332, stickerId: 3, version: 100 }))).toBe(
      '{"contentType":8,"contentMetadata":{"STKID":"3","STKPKGID":"332","STKVER":"100"}}',
    );
  });

  it('omits a missing version and accepts 0', () => {
    expect(JSON.stringify(sticker({ packageId: 0, stickerId: '0' }))).toBe('{"contentType":8,"contentMetadata":{"STKID":"0","STKPKGID":"0"}}');
  });

  it.each(['', 'abc', '1.5', '-1', ' 3', '３', -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, null, undefined])('rejects stickerId %j', (id) => {
    expect(fieldOf(() => sticker({ packageId: '1', stickerId: id as string }))).toBe('stickerId');
  });

  it.each(['', 'x1', -3, 2.5])('rejects packageId %j', (id) => {
    expect(fieldOf(() => sticker({ packageId: id, stickerId: '1' }))).toBe('packageId');
  });

  it.each(['', 'v1', -1, null])('rejects version %j', (version) => {
    expect(fieldOf(() => sticker({ packageId: '1', stickerId: '1', version: version as string }))).toBe('version');
  });
});
