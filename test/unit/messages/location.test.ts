import { describe, expect, it } from 'vitest';
import { location } from '../../../src/messages/location.js';
import { fieldOf } from './field-of.js';

const good = { title: 'Tokyo Tower', address: '4-2-8 Shibakoen, Minato', latitude: 35.6586, longitude: 139.7454 };

describe('location', () => {
  it('serialises to the wire shape, title also as text', () => {
    expect(JSON.stringify(location(good))).toBe(
      '{"contentType":7,"text":"Tokyo Tower","location":{"title":"Tokyo Tower","address":"4-2-8 Shibakoen, Minato","latitude":35.6586,"longitude":139.7454}}',
    );
  });

  it('omits a missing address', () => {
    expect(JSON.stringify(location({ title: 'Pole', latitude: 90, longitude: -180 }))).toBe(
      '{"contentType":7,"text":"Pole","location":{"title":"Pole","latitude":90,"longitude":-180}}',
    );
  });

  it('puts fields in wire order whatever the input order', () => {
    expect(JSON.stringify(location({ longitude: 0, latitude: -90, address: 'a', title: 't' }))).toBe(
      '{"contentType":7,"text":"t","location":{"title":"t","address":"a","latitude":-90,"longitude":0}}',
    );
  });

  it.each([90.0001, -90.5, 91, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '35.6', null])('rejects latitude %s', (latitude) => {
    expect(fieldOf(() => location({ ...good, latitude: latitude as number }))).toBe('latitude');
  });

  it.each([180.1, -181, Number.NaN, Number.POSITIVE_INFINITY, '139.7', undefined])('rejects longitude %s', (longitude) => {
    expect(fieldOf(() => location({ ...good, longitude: longitude as number }))).toBe('longitude');
  });

  it.each(['', undefined, 7])('rejects title %j', (title) => {
    expect(fieldOf(() => location({ ...good, title: title as string }))).toBe('title');
  });

  it('rejects a non-string address', () => {
    expect(fieldOf(() => location({ ...good, address: 12 as unknown as string }))).toBe('address');
  });
});
