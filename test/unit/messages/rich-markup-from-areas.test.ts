import { describe, expect, it } from 'vitest';
import { richMarkupFromAreas } from '../../../src/messages/rich-markup-from-areas.js';
import { validateRichMarkup } from '../../../src/messages/rich-markup.js';
import { fieldOf } from './field-of.js';

describe('richMarkupFromAreas', () => {
  it('builds a markup that validateRichMarkup accepts and that can be adjusted', () => {
    const markup = richMarkupFromAreas({ altText: 'alt', height: 460, areas: [{ x: 10, y: 20, width: 30, height: 40, link: 'https://e.com' }] });
    expect(markup).toEqual({
      canvas: { width: 1040, height: 460, initialScene: 'scene1' },
      images: { image1: { x: 0, y: 0, w: 1040, h: 460 } },
      actions: { action0: { type: 'web', text: 'alt', params: { linkUri: 'https://e.com' } } },
      scenes: {
        scene1: {
          draws: [{ image: 'image1', x: 0, y: 0, w: 1040, h: 460 }],
          listeners: [{ type: 'touch', params: [10, 20, 30, 40], action: 'action0' }],
        },
      },
    });
    expect(validateRichMarkup(markup)).toBe(markup);
  });

  it('names the area that leaves the canvas', () => {
    expect(fieldOf(() => richMarkupFromAreas({ altText: 'a', height: 10, areas: [{ x: 0, y: 0, width: 1041, height: 1, message: 'm' }] }))).toBe('areas[0]');
  });

  it('checks altText', () => {
    expect(fieldOf(() => richMarkupFromAreas({ altText: '', height: 10, areas: [] }))).toBe('altText');
  });
});
