import { describe, expect, it } from 'vitest';
import { validateRichMarkup } from '../../../src/messages/rich-markup.js';
import { richMessage } from '../../../src/messages/rich-message.js';
import type { RichMarkup } from '../../../src/messages/rich-markup.js';
import type { RichArea } from '../../../src/messages/rich-markup-from-areas.js';
import { fieldOf } from './field-of.js';

const base = { baseUrl: 'https://example.com/rich/abc', altText: 'Our menu' };

function markupOf(message: ReturnType<typeof richMessage>): unknown {
  expect(typeof message.contentMetadata.MARKUP_JSON).toBe('string');
  return JSON.parse(message.contentMetadata.MARKUP_JSON);
}

describe('richMessage from areas', () => {
  const message = richMessage({
    ...base,
    height: 700,
    areas: [
      { x: 0, y: 0, width: 520, height: 700, link: 'https://example.com/menu' },
      { x: 520, y: 0, width: 520, height: 350, message: 'Coupon please' },
      { x: 520, y: 350, width: 520, height: 350, link: 'http://example.com/old', label: 'Old site' },
    ],
  });

  it('serialises the envelope fields as strings, in wire order', () => {
    const { MARKUP_JSON, ...rest } = message.contentMetadata;
    expect(JSON.stringify({ ...message, contentMetadata: rest })).toBe(
      '{"contentType":12,"contentMetadata":{"SPEC_REV":"1","DOWNLOAD_URL":"https://example.com/rich/abc","ALT_TEXT":"Our menu"}}',
    );
    expect(Object.keys(message.contentMetadata)).toEqual(['SPEC_REV', 'DOWNLOAD_URL', 'ALT_TEXT', 'MARKUP_JSON']);
    expect(typeof MARKUP_JSON).toBe('string');
  });

  it('builds the full markup', () => {
    expect(markupOf(message)).toEqual({
      canvas: { width: 1040, height: 700, initialScene: 'scene1' },
      images: { image1: { x: 0, y: 0, w: 1040, h: 700 } },
      actions: {
        action0: { type: 'web', text: 'Our menu', params: { linkUri: 'https://example.com/menu' } },
        action1: { type: 'sendMessage', text: 'Coupon please', params: { text: 'Coupon please' } },
        action2: { type: 'web', text: 'Old site', params: { linkUri: 'http://example.com/old' } },
      },
      scenes: {
        scene1: {
          draws: [{ image: 'image1', x: 0, y: 0, w: 1040, h: 700 }],
          listeners: [
            { type: 'touch', params: [0, 0, 520, 700], action: 'action0' },
            { type: 'touch', params: [520, 0, 520, 350], action: 'action1' },
            { type: 'touch', params: [520, 350, 520, 350], action: 'action2' },
          ],
        },
      },
    });
  });

  it('writes MARKUP_JSON with keys in spec order', () => {
    const one = richMessage({ ...base, height: 100, areas: [{ x: 0, y: 0, width: 1040, height: 100, message: 'hi' }] });
    expect(one.contentMetadata.MARKUP_JSON).toBe(
      '{"canvas":{"width":1040,"height":100,"initialScene":"scene1"},"images":{"image1":{"x":0,"y":0,"w":1040,"h":100}},' +
        '"actions":{"action0":{"type":"sendMessage","text":"hi","params":{"text":"hi"}}},' +
        '"scenes":{"scene1":{"draws":[{"image":"image1","x":0,"y":0,"w":1040,"h":100}],"listeners":[{"type":"touch","params":[0,0,1040,100],"action":"action0"}]}}}',
    );
  });

  it('removes trailing slashes from baseUrl', () => {
    expect(richMessage({ ...base, baseUrl: 'https://example.com/rich/abc//', height: 10, areas: [] }).contentMetadata.DOWNLOAD_URL).toBe(
      'https://example.com/rich/abc',
    );
  });

  it('accepts no areas (a plain picture) and the maximum height', () => {
    const markup = markupOf(richMessage({ ...base, height: 2080, areas: [] })) as RichMarkup;
    expect(markup.actions).toEqual({});
    expect(markup.scenes.scene1?.listeners).toEqual([]);
    expect(markup.canvas.height).toBe(2080);
  });

  it.each(['http://example.com/rich', 'example.com/rich', '', 'https://example.com/rich?v=1', 'https://example.com/rich#x'])(
    'rejects baseUrl %j',
    (baseUrl) => {
      expect(fieldOf(() => richMessage({ ...base, baseUrl, height: 10, areas: [] }))).toBe('baseUrl');
    },
  );

  it.each(['', undefined])('rejects altText %j', (altText) => {
    expect(fieldOf(() => richMessage({ ...base, altText: altText as string, height: 10, areas: [] }))).toBe('altText');
  });

  it.each([0, 2081, 1.5, Number.NaN, '700', undefined])('rejects height %j', (height) => {
    expect(fieldOf(() => richMessage({ ...base, height: height as number, areas: [] }))).toBe('height');
  });

  it('rejects areas that is not an array', () => {
    expect(fieldOf(() => richMessage({ ...base, height: 10, areas: undefined as unknown as RichArea[] }))).toBe('areas');
  });

  const ok = { x: 0, y: 0, width: 10, height: 10, link: 'https://example.com' };
  it.each<[string, unknown, string]>([
    ['outside to the right', { ...ok, x: 1000, width: 41 }, 'areas[1]'],
    ['outside at the bottom', { ...ok, y: 90, height: 11 }, 'areas[1]'],
    ['with both link and message', { ...ok, message: 'hi' }, 'areas[1]'],
    ['with neither link nor message', { x: 0, y: 0, width: 10, height: 10 }, 'areas[1]'],
    ['not an object', 'area', 'areas[1]'],
    ['with a negative x', { ...ok, x: -1 }, 'areas[1].x'],
    ['with a fractional y', { ...ok, y: 0.5 }, 'areas[1].y'],
    ['with a zero width', { ...ok, width: 0 }, 'areas[1].width'],
    ['with a NaN height', { ...ok, height: Number.NaN }, 'areas[1].height'],
    ['with a javascript: link', { ...ok, link: 'javascript:alert(1)' }, 'areas[1].link'],
    ['with a data: link', { ...ok, link: 'data:text/html,hi' }, 'areas[1].link'],
    ['with a relative link', { ...ok, link: '/menu' }, 'areas[1].link'],
    ['with an empty message', { x: 0, y: 0, width: 10, height: 10, message: '' }, 'areas[1].message'],
    ['with an empty label', { ...ok, label: '' }, 'areas[1].label'],
  ])('rejects an area %s', (_, area, field) => {
    expect(fieldOf(() => richMessage({ ...base, height: 100, areas: [ok, area as RichArea] }))).toBe(field);
  });

  it('accepts an area touching the bottom-right corner', () => {
    expect(() => richMessage({ ...base, height: 100, areas: [{ x: 1030, y: 90, width: 10, height: 10, message: 'corner' }] })).not.toThrow();
  });
});

function validMarkup(): RichMarkup {
  return {
    canvas: { width: 1040, height: 1040, initialScene: 'scene1' },
    images: { image1: { x: 0, y: 0, w: 1040, h: 1040 } },
    actions: {
      open: { type: 'web', text: 'Open', params: { linkUri: 'https://example.com' } },
      say: { type: 'sendMessage', text: 'Say', params: { text: 'hello' } },
    },
    scenes: {
      scene1: {
        draws: [{ image: 'image1', x: 0, y: 0, w: 1040, h: 1040 }],
        listeners: [
          { type: 'touch', params: [0, 0, 1040, 520], action: 'open' },
          { type: 'touch', params: [0, 520, 1040, 520], action: 'say' },
        ],
      },
    },
  };
}

describe('richMessage from raw markup', () => {
  it('sends a valid markup as given', () => {
    const markup = validMarkup();
    const message = richMessage({ ...base, markup });
    expect(message.contentMetadata.MARKUP_JSON).toBe(JSON.stringify(markup));
    expect(JSON.stringify({ ...message, contentMetadata: { ...message.contentMetadata, MARKUP_JSON: 'M' } })).toBe(
      '{"contentType":12,"contentMetadata":{"SPEC_REV":"1","DOWNLOAD_URL":"https://example.com/rich/abc","ALT_TEXT":"Our menu","MARKUP_JSON":"M"}}',
    );
  });

  it('rejects markup together with areas', () => {
    expect(fieldOf(() => richMessage({ ...base, markup: validMarkup(), height: 10, areas: [] } as never))).toBe('markup');
  });

  const cases: [string, (m: any) => void, string][] = [
    ['canvas width 1000', (m) => (m.canvas.width = 1000), 'markup.canvas.width'],
    ['canvas width "1040"', (m) => (m.canvas.width = '1040'), 'markup.canvas.width'],
    ['canvas height 0', (m) => (m.canvas.height = 0), 'markup.canvas.height'],
    ['canvas height 2081', (m) => (m.canvas.height = 2081), 'markup.canvas.height'],
    ['canvas height 10.5', (m) => (m.canvas.height = 10.5), 'markup.canvas.height'],
    ['no canvas', (m) => delete m.canvas, 'markup.canvas'],
    ['an unknown initial scene', (m) => (m.canvas.initialScene = 'scene2'), 'markup.canvas.initialScene'],
    ['initialScene naming an inherited key', (m) => (m.canvas.initialScene = 'toString'), 'markup.canvas.initialScene'],
    ['an image outside the canvas', (m) => (m.images.image1.h = 1041), 'markup.images.image1'],
    ['an image with a string x', (m) => (m.images.image1.x = '0'), 'markup.images.image1.x'],
    ['a listener naming a missing action', (m) => (m.scenes.scene1.listeners[1].action = 'nope'), 'markup.scenes.scene1.listeners[1].action'],
    ['a listener with no action', (m) => delete m.scenes.scene1.listeners[0].action, 'markup.scenes.scene1.listeners[0].action'],
    ['a listener past the right edge', (m) => (m.scenes.scene1.listeners[0].params = [1, 0, 1040, 10]), 'markup.scenes.scene1.listeners[0].params'],
    ['a listener past the bottom', (m) => (m.scenes.scene1.listeners[1].params = [0, 521, 1040, 520]), 'markup.scenes.scene1.listeners[1].params'],
    ['a listener with a negative x', (m) => (m.scenes.scene1.listeners[0].params = [-1, 0, 10, 10]), 'markup.scenes.scene1.listeners[0].params[0]'],
    ['a listener with a zero height', (m) => (m.scenes.scene1.listeners[0].params = [0, 0, 10, 0]), 'markup.scenes.scene1.listeners[0].params[3]'],
    ['a listener with 3 params', (m) => (m.scenes.scene1.listeners[0].params = [0, 0, 10]), 'markup.scenes.scene1.listeners[0].params'],
    ['a listener of type "click"', (m) => (m.scenes.scene1.listeners[0].type = 'click'), 'markup.scenes.scene1.listeners[0].type'],
    ['listeners not an array', (m) => (m.scenes.scene1.listeners = {}), 'markup.scenes.scene1.listeners'],
    ['a draw naming a missing image', (m) => (m.scenes.scene1.draws[0].image = 'image2'), 'markup.scenes.scene1.draws[0].image'],
    ['a draw outside the canvas', (m) => (m.scenes.scene1.draws[0].w = 2000), 'markup.scenes.scene1.draws[0]'],
    ['an action of unknown type', (m) => (m.actions.open.type = 'intent'), 'markup.actions.open.type'],
    ['a web action with a javascript: link', (m) => (m.actions.open.params.linkUri = 'javascript:alert(1)'), 'markup.actions.open.params.linkUri'],
    ['a web action without params', (m) => delete m.actions.open.params, 'markup.actions.open.params'],
    ['a sendMessage action with empty text', (m) => (m.actions.say.params.text = ''), 'markup.actions.say.params.text'],
    ['a web action without text', (m) => delete m.actions.open.text, 'markup.actions.open.text'],
    ['a sendMessage action with an empty label', (m) => (m.actions.say.text = ''), 'markup.actions.say.text'],
    ['a second scene with a bad listener', (m) => (m.scenes.scene2 = { draws: [], listeners: [{ type: 'touch', params: [0, 0, 1, 1], action: 'x' }] }), 'markup.scenes.scene2.listeners[0].action'],
  ];
  it.each(cases)('rejects %s', (_, change, field) => {
    const markup = validMarkup();
    change(markup);
    expect(fieldOf(() => richMessage({ ...base, markup }))).toBe(field);
  });

  it('accepts a sendMessage action whose text is only in params.text, as LINE\'s PHP, Perl, Java and npm SDKs wrote it', () => {
    const markup = validMarkup();
    delete (markup.actions.say as { text?: string }).text;
    const message = richMessage({ ...base, markup });
    expect(JSON.parse(message.contentMetadata.MARKUP_JSON).actions.say).toEqual({ type: 'sendMessage', params: markup.actions.say!.params });
    expect(validateRichMarkup(markup)).toBe(markup);
  });

  it('rejects a markup that is not an object', () => {
    expect(fieldOf(() => richMessage({ ...base, markup: '{"canvas":{}}' as unknown as RichMarkup }))).toBe('markup');
  });
});
