import { describe, expect, it } from 'vitest';
import { buildLoadMessage, createKindPicker, messageKinds, parseMessageMix } from '../../../../src/cli/load/message-mix.js';
import { UsageError } from '../../../../src/cli/usage-error.js';
import { buildUserMessage } from '../../../../src/emulator/build-user-event.js';

const usage = 'use kinds from text, image, video, audio, location, sticker, contact, each optionally with a weight: e.g. --mix text,image or --mix text:8,image:1';

describe('parseMessageMix', () => {
  it('reads kinds with weight 1, or kind:weight', () => {
    expect(parseMessageMix('text')).toEqual({ text: 1 });
    expect(parseMessageMix('text,image,video,audio,location,sticker,contact')).toEqual(Object.fromEntries(messageKinds.map((kind) => [kind, 1])));
    expect(parseMessageMix('text:8, image:1,sticker : 2')).toEqual({ text: 8, image: 1, sticker: 2 });
  });

  it.each([
    ['', `--mix is empty: ${usage}.`],
    ['gif', `--mix: unknown message kind "gif"; ${usage}.`],
    ['text,', `--mix: unknown message kind ""; ${usage}.`],
    ['Text', `--mix: unknown message kind "Text"; ${usage}.`],
    ['text:x', `--mix: unknown message kind "text:x"; ${usage}.`],
    ['text:-1', `--mix: unknown message kind "text:-1"; ${usage}.`],
    ['text,text:2', '--mix: "text" is given twice; give each kind once (with a weight to send it more often).'],
    ['text:0', '--mix: the weight of "text" must be an integer from 1 to 1000, got "0".'],
    ['image:1001', '--mix: the weight of "image" must be an integer from 1 to 1000, got "1001".'],
  ])('refuses %j with a UsageError naming the fix', (spec, message) => {
    expect(() => parseMessageMix(spec)).toThrow(new UsageError(message));
  });
});

describe('createKindPicker', () => {
  it('cycles through equal weights in the order of the kinds', () => {
    const next = createKindPicker(parseMessageMix('sticker,text,image'));
    expect(Array.from({ length: 6 }, next)).toEqual(['text', 'image', 'sticker', 'text', 'image', 'sticker']);
  });

  it('sends each kind exactly its weight in every round of the total weight, spread out', () => {
    const next = createKindPicker({ text: 2, image: 1 });
    expect(Array.from({ length: 6 }, next)).toEqual(['text', 'image', 'text', 'text', 'image', 'text']);
    const weighted = createKindPicker({ text: 8, image: 1, sticker: 1 });
    const round = Array.from({ length: 100 }, weighted);
    expect(round.filter((kind) => kind === 'text')).toHaveLength(80);
    expect(round.filter((kind) => kind === 'image')).toHaveLength(10);
    expect(round.filter((kind) => kind === 'sticker')).toHaveLength(10);
    // Never two images or stickers in a row.
    expect(round.some((kind, i) => kind !== 'text' && round[i + 1] === kind)).toBe(false);
  });
});

describe('buildLoadMessage', () => {
  const contact = { mid: `u${'1'.repeat(32)}`, displayName: 'Load user 2' };

  it('builds one message the emulator accepts for every kind', () => {
    const ids = { eventId: 'WB1519-1', channelId: '1441301333', channelMid: `u${'0'.repeat(32)}`, createdTime: 1, messageId: '1', fromMid: `u${'2'.repeat(32)}`, toType: 'user' as const, chatMid: `u${'2'.repeat(32)}` };
    const contents = messageKinds.map((kind) => buildUserMessage(buildLoadMessage(kind, 7, contact), ids).event.content);
    expect(contents.map((content) => content.contentType)).toEqual([1, 2, 3, 4, 7, 8, 10]);
  });

  it('numbers texts and names the contact', () => {
    expect(buildLoadMessage('text', 42, contact)).toEqual({ type: 'text', text: 'load test message 42' });
    expect(buildLoadMessage('contact', 1, contact)).toEqual({ type: 'contact', mid: contact.mid, displayName: 'Load user 2' });
    expect(buildLoadMessage('sticker', 1, contact)).toEqual({ type: 'sticker', packageId: '11537', stickerId: '52002734' });
  });
});
