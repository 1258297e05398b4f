import { describe, expect, it } from 'vitest';
import { MESSAGE_TYPES } from '../../../src/events/build-event.js';
import { decodeEvent } from '../../../src/events/decode-event.js';
import { ContentType } from '../../../src/protocol/content-types.js';
import { SENDER, wireMessage, wireOperation } from './wire-events.js';

// The fields every message built by wireMessage decodes to.
const CHANNEL_MID = 'u0a556cffd4da0dd89c94fb36e36e1cdc';
const BASE = { id: '325708', from: SENDER, to: [CHANNEL_MID], chat: { type: 'user', mid: SENDER }, createdTime: 1332394961610, toType: 'user', metadata: {} } as const;
const EVENT = { type: 'message', id: 'WB1519-3426467455', channelId: '1441301333', createdTime: 1460000000000 } as const;

describe('decodeEvent: message content types (spec §2.2)', () => {
  it('knows every incoming contentType by the number and the name ContentType gives it (rich messages are outgoing only)', () => {
    const incoming = Object.entries(ContentType).filter(([name]) => name !== 'richMessage');
    expect(Object.entries(MESSAGE_TYPES)).toEqual(incoming.map(([name, contentType]) => [String(contentType), name]));
  });

  it('contentType 1 → text', () => {
    expect(decodeEvent(wireMessage({ contentType: 1, text: 'hello', location: null }))).toStrictEqual({
      ...EVENT,
      message: { type: 'text', ...BASE, text: 'hello' },
    });
  });

  it('contentType 2 → image', () => {
    expect(decodeEvent(wireMessage({ contentType: 2, text: null }))).toStrictEqual({ ...EVENT, message: { type: 'image', ...BASE } });
  });

  it('contentType 3 → video', () => {
    expect(decodeEvent(wireMessage({ contentType: 3 }))).toStrictEqual({ ...EVENT, message: { type: 'video', ...BASE } });
  });

  it('contentType 4 → audio with durationMs = Number(AUDLEN)', () => {
    expect(decodeEvent(wireMessage({ contentType: 4, contentMetadata: { AUDLEN: '240000' } }))).toStrictEqual({
      ...EVENT,
      message: { type: 'audio', ...BASE, metadata: { AUDLEN: '240000' }, durationMs: 240000 },
    });
  });

  it.each([['abc'], ['12.5'], ['-3'], [''], [' 12'], ['1e3']])('audio with AUDLEN %j omits durationMs and still decodes', (audlen) => {
    expect(decodeEvent(wireMessage({ contentType: 4, contentMetadata: { AUDLEN: audlen } }))).toStrictEqual({
      ...EVENT,
      message: { type: 'audio', ...BASE, metadata: { AUDLEN: audlen } },
    });
  });

  it('audio without contentMetadata omits durationMs', () => {
    expect(decodeEvent(wireMessage({ contentType: 4, contentMetadata: undefined }))).toStrictEqual({
      ...EVENT,
      message: { type: 'audio', ...BASE },
    });
  });

  it('contentType 7 → location with every field', () => {
    const location = { title: 'Tokyo Tower', address: '4-2-8 Shibakoen', latitude: 35.6586, longitude: 139.7454, phone: '03-3433-5111' };
    expect(decodeEvent(wireMessage({ contentType: 7, text: 'Tokyo Tower', location }))).toStrictEqual({
      ...EVENT,
      message: { type: 'location', ...BASE, ...location },
    });
  });

  it('location with null title/address/phone omits them', () => {
    const location = { title: null, address: null, latitude: -33.8568, longitude: 151.2153, phone: null };
    expect(decodeEvent(wireMessage({ contentType: 7, text: null, location }))).toStrictEqual({
      ...EVENT,
      message: { type: 'location', ...BASE, latitude: -33.8568, longitude: 151.2153 },
    });
  });

  it('contentType 8 → sticker with string ids; other keys stay in metadata', () => {
    const contentMetadata = { STKPKGID: '332', STKID: '3', STKVER: '100', STKTXT: '[Sticker]', STKOPT: 'A' };
    expect(decodeEvent(wireMessage({ contentType: 8, contentMetadata }))).toStrictEqual({
      ...EVENT,
      message: { type: 'sticker', ...BASE, metadata: contentMetadata, packageId: '332', stickerId: '3', version: '100', text: '[Sticker]' },
    });
  });

  it('sticker without STKVER/STKTXT omits version and text', () => {
    expect(decodeEvent(wireMessage({ contentType: 8, contentMetadata: { STKPKGID: '1', STKID: '2' } }))).toStrictEqual({
      ...EVENT,
      message: { type: 'sticker', ...BASE, metadata: { STKPKGID: '1', STKID: '2' }, packageId: '1', stickerId: '2' },
    });
  });

  it('contentType 10 → contact', () => {
    const contentMetadata = { mid: 'u0a556cffd4da0dd89c94fb36e36e1cdc', displayName: 'Brown' };
    expect(decodeEvent(wireMessage({ contentType: 10, contentMetadata }))).toStrictEqual({
      ...EVENT,
      message: { type: 'contact', ...BASE, metadata: contentMetadata, mid: 'u0a556cffd4da0dd89c94fb36e36e1cdc', displayName: 'Brown' },
    });
  });

  it('unknown contentType 99 → unknown message that keeps the common fields', () => {
    expect(decodeEvent(wireMessage({ contentType: 99, contentMetadata: { FOO: 'bar' } }))).toStrictEqual({
      ...EVENT,
      message: { type: 'unknown', ...BASE, metadata: { FOO: 'bar' }, contentType: 99 },
    });
  });

});

describe('decodeEvent: rooms and groups (spec §2.2: `to` names the chat, the sender may be missing)', () => {
  const GROUP = 'c0f3bfc598b061eba02183bfc5280886a';
  const ROOM = 'r0f3bfc598b061eba02183bfc5280886a';

  it.each([[2, 'room', ROOM], [3, 'group', GROUP]] as const)('toType %i → %s: to as received, chat is to[0], from the sender', (toType, name, mid) => {
    expect(decodeEvent(wireMessage({ contentType: 1, text: 'hi', toType, to: [mid] }))).toStrictEqual({
      ...EVENT,
      message: { type: 'text', ...BASE, toType: name, to: [mid], chat: { type: name, mid }, text: 'hi' },
    });
  });

  it.each([[null], [undefined], [42], [''], [{ mid: 'u1' }]])('a group message with from %j still decodes, with from "" and an issue', (from) => {
    // JSON drops an undefined `from`: the key is absent.
    expect(decodeEvent(JSON.parse(JSON.stringify(wireMessage({ contentType: 1, text: 'hi', toType: 3, to: [GROUP], from }))))).toStrictEqual({
      ...EVENT,
      message: {
        type: 'text',
        ...BASE,
        from: '',
        toType: 'group',
        to: [GROUP],
        chat: { type: 'group', mid: GROUP },
        text: 'hi',
        issues: ['content.from: no sender MID in a group message (LINE may leave it out there); reply to chat.mid'],
      },
    });
  });

  it('a room message without a room MID in to still decodes, saying there is no chat to reply to', () => {
    expect(decodeEvent(wireMessage({ contentType: 2, toType: 2, to: null }))).toStrictEqual({
      ...EVENT,
      message: {
        type: 'image',
        ...BASE,
        toType: 'room',
        to: [],
        chat: { type: 'room', mid: '' },
        issues: ['content.to: expected a non-empty array of MID strings, got null', 'content.to: no room MID, so there is no chat to reply to'],
      },
    });
  });

  it('a 1:1 message keeps to as received and notes odd items; its sender stays required', () => {
    expect(decodeEvent(wireMessage({ contentType: 2, to: ['u0a556cffd4da0dd89c94fb36e36e1cdc', 7] }))).toStrictEqual({
      ...EVENT,
      message: { type: 'image', ...BASE, issues: ['content.to: expected a non-empty array of MID strings, got [string, 7]'] },
    });
    expect(decodeEvent(wireMessage({ contentType: 2, from: null }))).toMatchObject({ type: 'unknown', issues: ['content.from: expected string, got null'] });
  });
});

describe('decodeEvent: common fields (spec §2.1)', () => {
  it('channelId is toChannel as a string, whether LINE sends a number or a string', () => {
    const fromNumber = decodeEvent(wireMessage({ contentType: 2 }, { toChannel: 1441301333 }));
    const fromString = decodeEvent(wireMessage({ contentType: 2 }, { toChannel: '1441301333' }));
    expect(fromNumber).toMatchObject({ type: 'message', channelId: '1441301333' });
    expect(fromString).toStrictEqual(fromNumber);
  });

  it('null contentMetadata → metadata {}', () => {
    expect(decodeEvent(wireMessage({ contentType: 1, text: 'x', contentMetadata: null }))).toStrictEqual({
      ...EVENT,
      message: { type: 'text', ...BASE, metadata: {}, text: 'x' },
    });
  });

  it('metadata: numbers and booleans become strings, other values are dropped, never an error', () => {
    const contentMetadata = { AT_RECV_MODE: '2', SKIP_BADGE_COUNT: true, seq: 7, obj: { a: 1 }, arr: [1], nil: null };
    expect(decodeEvent(wireMessage({ contentType: 1, text: 'x', contentMetadata }))).toStrictEqual({
      ...EVENT,
      message: { type: 'text', ...BASE, metadata: { AT_RECV_MODE: '2', SKIP_BADGE_COUNT: 'true', seq: '7' }, text: 'x' },
    });
  });

  it('metadata: a JSON "__proto__" key is dropped and does not touch the prototype', () => {
    const contentMetadata = JSON.parse('{"__proto__":{"polluted":"yes"},"A":"1"}') as unknown;
    const event = decodeEvent(wireMessage({ contentType: 1, text: 'x', contentMetadata }));
    expect(event).toStrictEqual({ ...EVENT, message: { type: 'text', ...BASE, metadata: { A: '1' }, text: 'x' } });
    expect(Object.getPrototypeOf(event.type === 'message' ? event.message.metadata : null)).toBe(Object.prototype);
  });

  it('createdTime as a decimal string (event and message) is coerced to a number', () => {
    const item = wireMessage({ contentType: 2, createdTime: '1332394961610' }, { createdTime: '1460000000000' });
    expect(decodeEvent(item)).toStrictEqual({ ...EVENT, message: { type: 'image', ...BASE } });
  });

  it.each([['yesterday'], [''], ['1.5e12'], [{}], [false], [null]])('createdTime %j (event and message) is dropped, not an error', (createdTime) => {
    const { createdTime: _msg, ...message } = BASE;
    const { createdTime: _event, ...event } = EVENT;
    expect(decodeEvent(wireMessage({ contentType: 2, createdTime }, { createdTime }))).toStrictEqual({ ...event, message: { type: 'image', ...message } });
  });

  it('sticker ids sent as numbers become strings', () => {
    const contentMetadata = { STKPKGID: 332, STKID: 3, STKVER: 100, STKTXT: null };
    expect(decodeEvent(wireMessage({ contentType: 8, contentMetadata }))).toStrictEqual({
      ...EVENT,
      message: { type: 'sticker', ...BASE, metadata: { STKPKGID: '332', STKID: '3', STKVER: '100' }, packageId: '332', stickerId: '3', version: '100' },
    });
  });

  it('location with non-string title/address/phone drops them', () => {
    const location = { title: 5, address: { line: 1 }, latitude: 35.5, longitude: 139.5, phone: 311 };
    expect(decodeEvent(wireMessage({ contentType: 7, location }))).toStrictEqual({
      ...EVENT,
      message: { type: 'location', ...BASE, latitude: 35.5, longitude: 139.5 },
    });
  });

  it('absent createdTime (event and message) is omitted', () => {
    const { createdTime: _event, ...item } = wireMessage({ contentType: 2, createdTime: undefined });
    const { createdTime: _msg, ...message } = BASE;
    expect(decodeEvent(JSON.parse(JSON.stringify(item)))).toStrictEqual({
      type: 'message',
      id: 'WB1519-3426467455',
      channelId: '1441301333',
      message: { type: 'image', ...message },
    });
  });

  it('ignores extra keys everywhere', () => {
    const item = wireMessage(
      { contentType: 7, deliveredTime: 1, seq: 3, location: { latitude: 1.5, longitude: 2.5, extra: 'x' } },
      { extraTop: { nested: true }, fromChannel: 'whatever' },
    );
    expect(decodeEvent(item)).toStrictEqual({ ...EVENT, message: { type: 'location', ...BASE, latitude: 1.5, longitude: 2.5 } });
  });
});

describe('decodeEvent: operations (spec §2.3)', () => {
  const params = ['u0f3bfc598b061eba02183bfc5280886a', null, null];
  const OP = { type: 'operation', id: 'WB1519-3426467456', channelId: '1441301333' } as const;

  it.each([
    [4, 'addedAsFriend'],
    [8, 'blocked'],
    [99, 'unknown'],
  ] as const)('opType %i → %s', (opType, type) => {
    expect(decodeEvent(wireOperation({ revision: 2469, opType, params }))).toStrictEqual({
      ...OP,
      operation: { type, opType, revision: 2469, mid: 'u0f3bfc598b061eba02183bfc5280886a', params },
    });
  });

  // opType 5/7: the layout of params is unconfirmed (spec §2.3): the chat and the inviter are found by their MID's first letter.
  it.each([
    [5, 'invitedToGroup', ['u0f3bfc598b061eba02183bfc5280886a', 'cG', null], { chat: { type: 'group', mid: 'cG' }, inviter: 'u0f3bfc598b061eba02183bfc5280886a' }],
    [5, 'invitedToGroup', ['cG', 'u0f3bfc598b061eba02183bfc5280886a'], { chat: { type: 'group', mid: 'cG' }, inviter: 'u0f3bfc598b061eba02183bfc5280886a' }],
    [7, 'addedToRoom', ['u0f3bfc598b061eba02183bfc5280886a', 'rR', null], { chat: { type: 'room', mid: 'rR' }, inviter: 'u0f3bfc598b061eba02183bfc5280886a' }],
    [7, 'addedToRoom', ['u0f3bfc598b061eba02183bfc5280886a', 'cG', null], { inviter: 'u0f3bfc598b061eba02183bfc5280886a' }],
    [5, 'invitedToGroup', ['u0f3bfc598b061eba02183bfc5280886a', null, null], { inviter: 'u0f3bfc598b061eba02183bfc5280886a' }],
  ] as const)('opType %i → %s with params %j exposes %j', (opType, type, params, found) => {
    expect(decodeEvent(wireOperation({ revision: 2469, opType, params }))).toStrictEqual({
      ...OP,
      operation: { type, opType, revision: 2469, mid: params[0], params, ...found },
    });
  });

  it('numeric toChannel and createdTime on an operation', () => {
    expect(decodeEvent(wireOperation({ revision: 1, opType: 8, params: ['u1'] }, { toChannel: 42, createdTime: 5 }))).toStrictEqual({
      ...OP,
      channelId: '42',
      createdTime: 5,
      operation: { type: 'blocked', opType: 8, revision: 1, mid: 'u1', params: ['u1'] },
    });
  });

  // A block must reach onBlocked (FAQ: deleting the user's data is a legal duty): a bad optional field never fails it.
  it.each([
    ['1700000000000', { createdTime: 1700000000000 }],
    ['yesterday', {}],
    [null, {}],
    [{ ms: 1 }, {}],
    [true, {}],
    ['-5', {}],
  ])('opType 8 with createdTime %j still decodes as blocked', (createdTime, expected) => {
    expect(decodeEvent(wireOperation({ revision: 3, opType: 8, params: ['u1', null] }, { createdTime }))).toStrictEqual({
      ...OP,
      ...expected,
      operation: { type: 'blocked', opType: 8, revision: 3, mid: 'u1', params: ['u1', null] },
    });
  });

  it('params items that are not strings: numbers → decimal strings, anything else → null', () => {
    expect(decodeEvent(wireOperation({ revision: 1, opType: 8, params: ['u1', 5, true, { a: 1 }, [2], null, 1.5] }))).toStrictEqual({
      ...OP,
      operation: { type: 'blocked', opType: 8, revision: 1, mid: 'u1', params: ['u1', '5', null, null, null, null, '1.5'] },
    });
  });

  // opType 5 and 7: params content unconfirmed (spec §2.3), so a missing or null params[0] gives mid ''.
  it.each([
    [5, 'invitedToGroup', [null, 'c1'], '', [null, 'c1'], { chat: { type: 'group', mid: 'c1' } }],
    [7, 'addedToRoom', [], '', [], {}],
    [7, 'addedToRoom', null, '', [], {}],
    [7, 'addedToRoom', undefined, '', [], {}],
    [5, 'invitedToGroup', [123, 'u2'], '123', ['123', 'u2'], { inviter: 'u2' }],
    [99, 'unknown', [false], '', [null], {}],
  ] as const)('opType %i with params %j → mid %j', (opType, type, params, mid, decodedParams, found) => {
    const content: Record<string, unknown> = { revision: 7, opType };
    if (params !== undefined) content.params = params;
    expect(decodeEvent(wireOperation(content))).toStrictEqual({
      ...OP,
      operation: { type, opType, revision: 7, mid, params: decodedParams, ...found },
    });
  });
});

describe('decodeEvent: odd items become UnknownEvent with a specific issue', () => {
  it.each([
    [null, 'event: expected object, got null'],
    [42, 'event: expected object, got 42'],
    ['x', 'event: expected object, got string'],
    [[1], 'event: expected object, got array'],
  ])('item %j', (item, issue) => {
    expect(decodeEvent(item)).toStrictEqual({ type: 'unknown', raw: item, issues: [issue] });
  });

  it('unknown eventType keeps id, eventType and raw', () => {
    const item = { id: 'E1', eventType: '123', content: {} };
    expect(decodeEvent(item)).toStrictEqual({ type: 'unknown', id: 'E1', eventType: '123', raw: item, issues: ['unknown eventType "123"'] });
  });

  it('missing eventType', () => {
    expect(decodeEvent({ id: 7 })).toStrictEqual({ type: 'unknown', raw: { id: 7 }, issues: ['eventType: expected string, got undefined'] });
  });

  it.each([
    [{ contentType: 1, text: 42 }, ['content.text: expected string, got 42']],
    [{ contentType: 1, text: null }, ['content.text: expected string, got null']],
    [{ contentType: 1 }, ['content.text: missing']],
    [{ contentType: 7, location: { longitude: 139.7 } }, ['content.location.latitude: missing']],
    [{ contentType: 7, location: { latitude: '35.6', longitude: 139.7, title: 5 } }, ['content.location.latitude: expected number, got string']],
    [{ contentType: 7, location: null }, ['content.location: expected object, got null']],
    [{ contentType: 8, contentMetadata: { STKPKGID: '1', STKID: { id: 3 } } }, ['content.contentMetadata.STKID: missing']],
    [{ contentType: 8, contentMetadata: null }, ['content.contentMetadata.STKPKGID: missing', 'content.contentMetadata.STKID: missing']],
    [{ contentType: 10, contentMetadata: { mid: 'u1' } }, ['content.contentMetadata.displayName: missing']],
    [{ contentType: 2, toType: 4 }, ['content.toType: expected 1 | 2 | 3, got 4']],
    [{ contentType: '1', text: 'x' }, ['content.contentType: expected number, got string']],
    [{ contentType: 2, id: 325708, from: null }, ['content.id: expected string, got 325708', 'content.from: expected string, got null']],
  ])('message content %j', (content, issues) => {
    const item = wireMessage(content);
    expect(decodeEvent(item)).toStrictEqual({ type: 'unknown', id: 'WB1519-3426467455', eventType: '138311609000106303', raw: item, issues });
  });

  it('message event without content', () => {
    const { content: _c, ...item } = wireMessage({});
    expect(decodeEvent(item)).toStrictEqual({
      type: 'unknown',
      id: 'WB1519-3426467455',
      eventType: '138311609000106303',
      raw: item,
      issues: ['content: missing'],
    });
  });

  it.each([
    [{ toChannel: null }, ['toChannel: expected number | string, got null']],
    [{ toChannel: undefined, id: undefined }, ['id: missing', 'toChannel: missing']],
    [{ content: 'hello' }, ['content: expected object, got string']],
  ])('event fields %j', (fields, issues) => {
    const item = JSON.parse(JSON.stringify(wireMessage({ contentType: 1, text: 'x' }, fields)));
    const expected: Record<string, unknown> = { type: 'unknown', eventType: '138311609000106303', raw: item, issues };
    if (typeof item.id === 'string') expected.id = item.id;
    expect(decodeEvent(item)).toStrictEqual(expected);
  });

  it.each([
    [{ revision: 1, opType: 4, params: 'u1' }, ['content.params: expected array, got string']],
    [{ revision: 1, opType: 4, params: [] }, ['content.params: expected [string (the MID of the user), ...], got [undefined, ...]']],
    [{ revision: 1, opType: 4, params: [null, 'u1'] }, ['content.params: expected [string (the MID of the user), ...], got [null, ...]']],
    [{ revision: 1, opType: 8, params: [42] }, ['content.params: expected [string (the MID of the user), ...], got [42, ...]']],
    [{ revision: 1, opType: 8 }, ['content.params: missing']],
    [{ revision: 1, opType: 5, params: 'g1' }, ['content.params: expected array, got string']],
    [{ revision: '1', opType: 4, params: ['u1'] }, ['content.revision: expected number, got string']],
    [{ opType: null, params: ['u1'] }, ['content.revision: missing', 'content.opType: expected number, got null']],
  ])('operation content %j', (content, issues) => {
    const item = wireOperation(content);
    expect(decodeEvent(item)).toStrictEqual({ type: 'unknown', id: 'WB1519-3426467456', eventType: '138311609100106403', raw: item, issues });
  });
});
