import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MessageValidationError } from '../../../src/errors.js';
import { audio } from '../../../src/messages/audio.js';
import { image } from '../../../src/messages/image.js';
import { linkMessage } from '../../../src/messages/link-message.js';
import { location } from '../../../src/messages/location.js';
import { richMessage } from '../../../src/messages/rich-message.js';
import { sticker } from '../../../src/messages/sticker.js';
import { text } from '../../../src/messages/text.js';
import { validateOutgoingMessage } from '../../../src/messages/validate-outgoing-message.js';
import { video } from '../../../src/messages/video.js';
import { fieldOf } from './field-of.js';

const markupJson =
  '{"canvas":{"width":1040,"height":100,"initialScene":"scene1"},"images":{"image1":{"x":0,"y":0,"w":1040,"h":100}},' +
  '"actions":{"a":{"type":"web","text":"Go","params":{"linkUri":"https://example.com"}}},' +
  '"scenes":{"scene1":{"draws":[{"image":"image1","x":0,"y":0,"w":1040,"h":100}],"listeners":[{"type":"touch","params":[0,0,1040,100],"action":"a"}]}}}';

const rich = { contentType: 12, contentMetadata: { SPEC_REV: '1', DOWNLOAD_URL: 'https://example.com/rich', ALT_TEXT: 'alt', MARKUP_JSON: markupJson } };

describe('validateOutgoingMessage on hand-written messages', () => {
  it.each<[string, unknown, string]>([
    ['text', { text: 'hi', contentType: 1 }, '{"contentType":1,"text":"hi"}'],
    [
      'image',
      { contentType: 2, previewImageUrl: 'https://e.com/p.jpg', originalContentUrl: 'https://e.com/o.jpg' },
      '{"contentType":2,"originalContentUrl":"https://e.com/o.jpg","previewImageUrl":"https://e.com/p.jpg"}',
    ],
    [
      'video',
      { contentType: 3, originalContentUrl: 'https://e.com/v.mp4', previewImageUrl: 'https://e.com/v.jpg' },
      '{"contentType":3,"originalContentUrl":"https://e.com/v.mp4","previewImageUrl":"https://e.com/v.jpg"}',
    ],
    [
      'audio',
      { contentType: 4, contentMetadata: { AUDLEN: '240000' }, originalContentUrl: 'https://e.com/a.m4a' },
      '{"contentType":4,"originalContentUrl":"https://e.com/a.m4a","contentMetadata":{"AUDLEN":"240000"}}',
    ],
    [
      'location',
      { contentType: 7, text: 'Here', location: { longitude: 139.7, latitude: 35.6, title: 'Here', address: 'Tokyo' } },
      '{"contentType":7,"text":"Here","location":{"title":"Here","address":"Tokyo","latitude":35.6,"longitude":139.7}}',
    ],
    [
      'sticker with number ids',
      { contentType: 8, contentMetadata: { STKPKGID: 332, STKID: 3 } },
      '{"contentType":8,"contentMetadata":{"STKID":"3","STKPKGID":"332"}}',
    ],
    [
      'sticker',
      { contentType: 8, contentMetadata: { STKVER: '100', STKPKGID: '332', STKID: '3' } },
      '{"contentType":8,"contentMetadata":{"STKID":"3","STKPKGID":"332","STKVER":"100"}}',
    ],
    [
      'rich message',
      rich,
      `{"contentType":12,"contentMetadata":{"SPEC_REV":"1","DOWNLOAD_URL":"https://example.com/rich","ALT_TEXT":"alt","MARKUP_JSON":${JSON.stringify(markupJson)}}}`,
    ],
    ['link message', { textParams: { a: 'b' }, templateId: 't1' }, '{"templateId":"t1","textParams":{"a":"b"}}'],
  ])('accepts a %s and returns a copy in wire order', (_, input, json) => {
    const result = validateOutgoingMessage(input);
    expect(JSON.stringify(result)).toBe(json);
    expect(result).not.toBe(input);
  });

  it('strips the trailing slash of DOWNLOAD_URL', () => {
    const result = validateOutgoingMessage({ ...rich, contentMetadata: { ...rich.contentMetadata, DOWNLOAD_URL: 'https://example.com/rich/' } });
    expect((result as typeof rich).contentMetadata.DOWNLOAD_URL).toBe('https://example.com/rich');
  });

  const bad: [string, unknown, string][] = [
    ['not an object', 'hello', 'message'],
    ['null', null, 'message'],
    ['an array', [{ contentType: 1, text: 'hi' }], 'message'],
    ['no contentType nor templateId', { text: 'hi' }, 'contentType'],
    ['contentType 10 (contact)', { contentType: 10, mid: 'u1' }, 'contentType'],
    ['contentType "1"', { contentType: '1', text: 'hi' }, 'contentType'],
    // A name of Object.prototype is not a contentType (and its null fields are no reason to crash).
    ['contentType "constructor" with a null field', { contentType: 'constructor', text: null }, 'contentType'],
    ['toType (the client adds it)', { contentType: 1, toType: 1, text: 'hi' }, 'toType'],
    ['an unknown field', { contentType: 1, text: 'hi', extra: true }, 'extra'],
    ['an empty text', { contentType: 1, text: '' }, 'text'],
    ['a missing text', { contentType: 1 }, 'text'],
    ['an http image', { contentType: 2, originalContentUrl: 'http://e.com/o.jpg', previewImageUrl: 'https://e.com/p.jpg' }, 'originalContentUrl'],
    ['a video without preview', { contentType: 3, originalContentUrl: 'https://e.com/v.mp4' }, 'previewImageUrl'],
    ['a numeric AUDLEN of 0', { contentType: 4, originalContentUrl: 'https://e.com/a.m4a', contentMetadata: { AUDLEN: 0 } }, 'contentMetadata.AUDLEN'],
    ['a text of null', { contentType: 1, text: null }, 'text'],
    ['a latitude of "35,6"', { contentType: 7, text: 't', location: { title: 't', latitude: '35,6', longitude: 0 } }, 'location.latitude'],
    ['a latitude of "91"', { contentType: 7, text: 't', location: { title: 't', latitude: '91', longitude: 0 } }, 'location.latitude'],
    ['STKTXT as a number', { contentType: 8, contentMetadata: { STKID: '1', STKPKGID: '2', STKTXT: 3 } }, 'contentMetadata.STKTXT'],
    ['a non-null unknown key', { contentType: 2, originalContentUrl: 'https://e.com/o.jpg', previewImageUrl: 'https://e.com/p.jpg', text: 'x' }, 'text'],
    ['AUDLEN "0"', { contentType: 4, originalContentUrl: 'https://e.com/a.m4a', contentMetadata: { AUDLEN: '0' } }, 'contentMetadata.AUDLEN'],
    ['AUDLEN "1.5"', { contentType: 4, originalContentUrl: 'https://e.com/a.m4a', contentMetadata: { AUDLEN: '1.5' } }, 'contentMetadata.AUDLEN'],
    ['audio without contentMetadata', { contentType: 4, originalContentUrl: 'https://e.com/a.m4a' }, 'contentMetadata'],
    ['an unknown metadata key', { contentType: 4, originalContentUrl: 'https://e.com/a.m4a', contentMetadata: { AUDLEN: '1', X: '1' } }, 'contentMetadata.X'],
    ['latitude 91', { contentType: 7, text: 't', location: { title: 't', latitude: 91, longitude: 0 } }, 'location.latitude'],
    ['longitude NaN', { contentType: 7, text: 't', location: { title: 't', latitude: 0, longitude: Number.NaN } }, 'location.longitude'],
    ['a location without title', { contentType: 7, text: 't', location: { latitude: 0, longitude: 0 } }, 'location.title'],
    ['a location without text', { contentType: 7, location: { title: 't', latitude: 0, longitude: 0 } }, 'text'],
    ['a location with phone', { contentType: 7, text: 't', location: { title: 't', latitude: 0, longitude: 0, phone: '1' } }, 'location.phone'],
    ['STKID "abc"', { contentType: 8, contentMetadata: { STKID: 'abc', STKPKGID: '1' } }, 'contentMetadata.STKID'],
    ['no STKPKGID', { contentType: 8, contentMetadata: { STKID: '1' } }, 'contentMetadata.STKPKGID'],
    ['STKVER -1', { contentType: 8, contentMetadata: { STKID: '1', STKPKGID: '1', STKVER: -1 } }, 'contentMetadata.STKVER'],
    ['an http DOWNLOAD_URL', { ...rich, contentMetadata: { ...rich.contentMetadata, DOWNLOAD_URL: 'http://e.com/r' } }, 'contentMetadata.DOWNLOAD_URL'],
    ['an empty ALT_TEXT', { ...rich, contentMetadata: { ...rich.contentMetadata, ALT_TEXT: '' } }, 'contentMetadata.ALT_TEXT'],
    ['SPEC_REV as the number 0', { ...rich, contentMetadata: { ...rich.contentMetadata, SPEC_REV: 0 } }, 'contentMetadata.SPEC_REV'],
    ['actions as a non-empty array', { ...rich, contentMetadata: { ...rich.contentMetadata, MARKUP_JSON: markupJson.replace(/"actions":\{.*?\}\}\},/, '"actions":[1],') } }, 'contentMetadata.MARKUP_JSON.actions'],
    ['MARKUP_JSON as an object', { ...rich, contentMetadata: { ...rich.contentMetadata, MARKUP_JSON: JSON.parse(markupJson) } }, 'contentMetadata.MARKUP_JSON'],
    ['MARKUP_JSON not JSON', { ...rich, contentMetadata: { ...rich.contentMetadata, MARKUP_JSON: '{canvas' } }, 'contentMetadata.MARKUP_JSON'],
    [
      'MARKUP_JSON with a bad canvas width',
      { ...rich, contentMetadata: { ...rich.contentMetadata, MARKUP_JSON: markupJson.replace('"width":1040', '"width":1000') } },
      'contentMetadata.MARKUP_JSON.canvas.width',
    ],
    [
      'MARKUP_JSON with a listener naming a missing action',
      { ...rich, contentMetadata: { ...rich.contentMetadata, MARKUP_JSON: markupJson.replace('"action":"a"', '"action":"b"') } },
      'contentMetadata.MARKUP_JSON.scenes.scene1.listeners[0].action',
    ],
    ['a link message with an empty templateId', { templateId: '' }, 'templateId'],
    ['a link message with a number param', { templateId: 't', altTextParams: { n: 1 } }, 'altTextParams.n'],
    ['a link message with an http previewUrl', { templateId: 't', previewUrl: 'http://e.com/p.jpg' }, 'previewUrl'],
    ['a link message with contentType', { contentType: 1, templateId: 't', text: 'x' }, 'templateId'],
    ['a link message with an unknown field', { templateId: 't', toChannel: 1341301715 }, 'toChannel'],
  ];
  it.each(bad)('rejects %s', (_, input, field) => {
    expect(fieldOf(() => validateOutgoingMessage(input))).toBe(field);
  });

  it('explains envelope fields', () => {
    expect(() => validateOutgoingMessage({ contentType: 1, toType: 1, text: 'hi' })).toThrow(/pass toType in the send options/);
  });

  it('applies maxTextChars', () => {
    expect(fieldOf(() => validateOutgoingMessage({ contentType: 1, text: 'abc' }, { maxTextChars: 2 }))).toBe('text');
    expect(validateOutgoingMessage({ contentType: 1, text: 'ab' }, { maxTextChars: 2 })).toEqual({ contentType: 1, text: 'ab' });
  });

  it('prefixes error fields with options.field', () => {
    let error: unknown;
    try {
      validateOutgoingMessage({ contentType: 4, originalContentUrl: 'https://e.com/a.m4a', contentMetadata: { AUDLEN: 'x' } }, { field: 'messages[2]' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MessageValidationError);
    expect((error as MessageValidationError).field).toBe('messages[2].contentMetadata.AUDLEN');
    expect((error as MessageValidationError).message).toMatch(/^Invalid messages\[2\]\.contentMetadata\.AUDLEN: must be a positive integer written as a string/);
    expect(fieldOf(() => validateOutgoingMessage(7, { field: 'messages[0]' }))).toBe('messages[0]');
  });
});

describe('validateOutgoingMessage on the other forms LINE accepted (spec §3.1)', () => {
  const note = {
    number: (field: string, value: number) => `${field} is the number ${value}; LINE accepted it, but the documented form is the string "${value}".`,
    string: (field: string, value: string) => `${field} is the string "${value}"; LINE accepted it, but the documented form is the number ${value}.`,
    nulled: (field: string) => `${field} is null; LINE treated it as absent, but a careful client leaves the field out.`,
  };
  it.each<[string, unknown, unknown, string[]]>([
    [
      'AUDLEN as a number (Perl)',
      { contentType: 4, originalContentUrl: 'https://e.com/a.m4a', contentMetadata: { AUDLEN: 240000 }, text: null },
      { contentType: 4, originalContentUrl: 'https://e.com/a.m4a', contentMetadata: { AUDLEN: '240000' } },
      [note.nulled('m.text'), note.number('m.contentMetadata.AUDLEN', 240000)],
    ],
    [
      'sticker ids as numbers and STKVER null (Perl, Java)',
      { contentType: 8, contentMetadata: { STKID: 3, STKPKGID: 332, STKVER: null, STKTXT: '[]' } },
      { contentType: 8, contentMetadata: { STKID: '3', STKPKGID: '332' } },
      [
        note.nulled('m.contentMetadata.STKVER'),
        'm.contentMetadata.STKTXT is not a field of a sent sticker; LINE accepted it, but a careful client leaves it out (it is dropped).',
        note.number('m.contentMetadata.STKID', 3),
        note.number('m.contentMetadata.STKPKGID', 332),
      ],
    ],
    [
      'coordinates as decimal strings and address null (Perl, Ruby)',
      { contentType: 7, text: 'Tower', location: { title: 'Tower', address: null, latitude: '-35.6', longitude: '139' } },
      { contentType: 7, text: 'Tower', location: { title: 'Tower', latitude: -35.6, longitude: 139 } },
      [note.nulled('m.location.address'), note.string('m.location.latitude', '-35.6'), note.string('m.location.longitude', '139')],
    ],
    [
      'id and from null on every content (Java)',
      { contentType: 1, id: null, from: null, text: 'hi' },
      { contentType: 1, text: 'hi' },
      [note.nulled('m.id'), note.nulled('m.from')],
    ],
    [
      'SPEC_REV as a number and an empty actions array (PHP)',
      { ...rich, contentMetadata: { ...rich.contentMetadata, SPEC_REV: 1, MARKUP_JSON: markupJson.replace(/"actions":\{.*?\}\}\},/, '"actions":[],').replace(',"listeners":[{"type":"touch","params":[0,0,1040,100],"action":"a"}]', ',"listeners":[]') } },
      undefined,
      [note.number('m.contentMetadata.SPEC_REV', 1), 'm.contentMetadata.MARKUP_JSON.actions is an empty array; LINE accepted it (PHP encodes no actions so), but the documented form is an empty object {}.'],
    ],
    ['a link message with null params', { templateId: 't', previewUrl: null, textParams: { a: 'b' } }, { templateId: 't', textParams: { a: 'b' } }, [note.nulled('m.previewUrl')]],
  ])('accepts %s, returns the documented form and notes each form', (_, input, documented, warnings) => {
    const collected: string[] = [];
    const result = validateOutgoingMessage(input, { field: 'm', warnings: collected });
    if (documented !== undefined) expect(result).toEqual(documented);
    expect(collected).toEqual(warnings);
    // The same forms are accepted when nobody collects the notes (the client sends the documented form).
    expect(validateOutgoingMessage(input)).toEqual(result);
  });

  it('collects nothing for a message in its documented form', () => {
    const collected: string[] = [];
    validateOutgoingMessage(sticker({ packageId: '1', stickerId: '2', version: '3' }), { warnings: collected });
    validateOutgoingMessage(rich, { warnings: collected });
    expect(collected).toEqual([]);
  });
});

describe('validateOutgoingMessage on builder output', () => {
  it.each([
    ['text', text('hello')],
    ['image', image({ originalContentUrl: 'https://e.com/o.jpg', previewImageUrl: 'https://e.com/p.jpg' })],
    ['video', video({ originalContentUrl: 'https://e.com/v.mp4', previewImageUrl: 'https://e.com/v.jpg' })],
    ['audio', audio({ originalContentUrl: 'https://e.com/a.m4a', durationMs: 1234 })],
    ['location', location({ title: 'T', address: 'A', latitude: -33.9, longitude: 151.2 })],
    ['location without address', location({ title: 'T', latitude: 0, longitude: 0 })],
    ['sticker', sticker({ packageId: 1, stickerId: 2, version: 3 })],
    ['rich message', richMessage({ baseUrl: 'https://e.com/r', altText: 'alt', height: 520, areas: [{ x: 0, y: 0, width: 1040, height: 520, message: 'hi' }] })],
    ['link message', linkMessage({ templateId: 't', previewUrl: 'https://e.com/p.jpg', linkUriParams: { id: '1' } })],
  ])('returns the same JSON for %s', (_, message) => {
    expect(JSON.stringify(validateOutgoingMessage(message))).toBe(JSON.stringify(message));
  });
});

describe('validateOutgoingMessage and the builders agree (property)', () => {
  it('accepts the JSON round trip of any built message unchanged', () => {
    const message = fc.oneof(
      fc.string({ minLength: 1 }).map((value) => text(value)),
      fc
        .record({ packageId: fc.nat(), stickerId: fc.nat(), version: fc.option(fc.nat(), { nil: undefined }) })
        .map((ids) => sticker(ids)),
      fc
        .record({
          title: fc.string({ minLength: 1 }),
          address: fc.option(fc.string(), { nil: undefined }),
          latitude: fc.double({ min: -90, max: 90, noNaN: true }),
          longitude: fc.double({ min: -180, max: 180, noNaN: true }),
        })
        .map((place) => location(place)),
      fc.integer({ min: 1, max: 10_000_000 }).map((durationMs) => audio({ originalContentUrl: 'https://e.com/a.m4a', durationMs })),
    );
    fc.assert(
      fc.property(message, (built) => {
        const json = JSON.stringify(built);
        expect(JSON.stringify(validateOutgoingMessage(JSON.parse(json)))).toBe(json);
      }),
      { numRuns: 200 },
    );
  });
});
