import { beforeEach, describe, expect, it } from 'vitest';
import { decodeEvents } from '../../../src/events/decode-events.js';
import {
  addedAsFriendEvent,
  audioEvent,
  blockedEvent,
  contactEvent,
  FactoryDefaults,
  invitedToGroupEvent,
  imageEvent,
  locationEvent,
  operationEvent,
  resetEventFactories,
  addedToRoomEvent,
  stickerEvent,
  textEvent,
  unknownMessageEvent,
  videoEvent,
} from '../../../src/testing/event-factories.js';

const user = FactoryDefaults.userMid;
const decodeOne = (event: unknown) => decodeEvents({ result: [event] })[0];

beforeEach(() => resetEventFactories());

describe('event factories: raw wire shape (spec §2.1–2.3)', () => {
  it('textEvent builds the exact raw event with deterministic defaults', () => {
    expect(textEvent({ text: 'hello' })).toEqual({
      from: 'u206d25c2ea6bd87c17655609a1c37cb8',
      fromChannel: 1341301815,
      to: ['u0cc15697597f61dd8b01cea8b027050e'],
      toChannel: 1441301333,
      eventType: '138311609000106303',
      id: 'WB1519-0000000001',
      createdTime: 1_700_000_000_000,
      content: {
        id: '100001',
        contentType: 1,
        from: 'uff2aec188e58752ee1fb0f9507c6529a',
        createdTime: 1_700_000_000_000,
        to: ['u0cc15697597f61dd8b01cea8b027050e'],
        toType: 1,
        contentMetadata: null,
        text: 'hello',
        location: null,
      },
    });
  });

  it('counts ids, times and revisions across factories, and resetEventFactories restarts them', () => {
    const a = imageEvent();
    const b = blockedEvent();
    expect([a.id, a.content.id, a.createdTime]).toEqual(['WB1519-0000000001', '100001', 1_700_000_000_000]);
    expect([b.id, b.content.revision, b.createdTime]).toEqual(['WB1519-0000000002', 1002, 1_700_000_001_000]);
    resetEventFactories();
    expect(videoEvent().id).toBe('WB1519-0000000001');
  });

  it('applies every envelope and message override', () => {
    const event = textEvent({
      text: 'x',
      id: 'E1',
      messageId: 'M1',
      from: 'uSender',
      channelId: '42',
      channelMid: 'uChannel',
      createdTime: null,
      toType: 'group',
      chatMid: 'cGroup',
      metadata: { AT_RECV_MODE: '2' },
    });
    expect(event).toEqual({
      from: FactoryDefaults.platformMid,
      fromChannel: 1341301815,
      to: ['uChannel'],
      toChannel: '42',
      eventType: '138311609000106303',
      id: 'E1',
      content: { id: 'M1', contentType: 1, from: 'uSender', to: ['cGroup'], toType: 3, contentMetadata: { AT_RECV_MODE: '2' }, text: 'x', location: null },
    });
  });

  it('operation factories carry opType, revision and params [mid, null, null]', () => {
    expect(addedAsFriendEvent().content.opType).toBe(4);
    expect(blockedEvent().content).toEqual({ revision: 1002, opType: 8, params: [user, null, null] });
    expect(invitedToGroupEvent({ params: ['uA', null, null] }).content).toEqual({ revision: 1003, opType: 5, params: ['uA', null, null] });
    expect(invitedToGroupEvent({ mid: 'uA', chatMid: 'cGroup' }).content).toEqual({ revision: 1004, opType: 5, params: ['uA', 'cGroup', null] });
    expect(invitedToGroupEvent().content.params).toEqual([user, 'c0f3bfc598b061eba02183bfc5280886a', null]);
    expect(addedToRoomEvent({ revision: 7 }).content).toEqual({ revision: 7, opType: 7, params: [user, 'r0f3bfc598b061eba02183bfc5280886a', null] });
    expect(operationEvent(99).eventType).toBe('138311609100106403');
  });
});

describe('event factories decode into the expected LineEvent', () => {
  const base = { id: '100001', from: user, to: [FactoryDefaults.channelMid], chat: { type: 'user', mid: user }, createdTime: 1_700_000_000_000, toType: 'user' as const, metadata: {} };
  const envelope = { type: 'message', id: 'WB1519-0000000001', channelId: '1441301333', createdTime: 1_700_000_000_000 };

  it.each([
    ['text', () => textEvent({ text: 'hi' }), { type: 'text', text: 'hi' }, {}],
    ['image', () => imageEvent(), { type: 'image' }, {}],
    ['video', () => videoEvent(), { type: 'video' }, {}],
    ['audio', () => audioEvent({ durationMs: 240000 }), { type: 'audio', durationMs: 240000 }, { AUDLEN: '240000' }],
    ['audio default', () => audioEvent(), { type: 'audio', durationMs: 3000 }, { AUDLEN: '3000' }],
    [
      'location',
      () => locationEvent({ title: 'Home', address: 'Somewhere 1', latitude: 35.6, longitude: 139.7, phone: '0312345678' }),
      { type: 'location', title: 'Home', address: 'Somewhere 1', latitude: 35.6, longitude: 139.7, phone: '0312345678' },
      {},
    ],
    [
      'location default',
      () => locationEvent(),
      { type: 'location', title: 'Tokyo Station', address: '1 Chome Marunouchi, Chiyoda City, Tokyo', latitude: 35.681236, longitude: 139.767125 },
      {},
    ],
    [
      'sticker',
      () => stickerEvent({ packageId: '1', stickerId: '2', version: '100', text: 'Hello' }),
      { type: 'sticker', packageId: '1', stickerId: '2', version: '100', text: 'Hello' },
      { STKPKGID: '1', STKID: '2', STKVER: '100', STKTXT: 'Hello' },
    ],
    ['sticker without version', () => stickerEvent({ version: null }), { type: 'sticker', packageId: '332', stickerId: '3' }, { STKPKGID: '332', STKID: '3' }],
    [
      'contact',
      () => contactEvent({ mid: 'uC', displayName: 'Cony' }),
      { type: 'contact', mid: 'uC', displayName: 'Cony' },
      { mid: 'uC', displayName: 'Cony' },
    ],
    ['unknown', () => unknownMessageEvent(99), { type: 'unknown', contentType: 99 }, {}],
  ])('%s', (_name, make, message, metadata) => {
    expect(decodeOne(make())).toEqual({ ...envelope, message: { ...base, ...message, metadata } });
  });

  it.each([
    ['addedAsFriend', addedAsFriendEvent, 4, null],
    ['blocked', blockedEvent, 8, null],
    ['invitedToGroup', invitedToGroupEvent, 5, 'c0f3bfc598b061eba02183bfc5280886a'],
    ['addedToRoom', addedToRoomEvent, 7, 'r0f3bfc598b061eba02183bfc5280886a'],
  ] as const)('%s operation (%#)', (type, make, opType, chat) => {
    // opType 5/7 also name the group or room and the inviter (found in params by their MIDs).
    const invite = chat === null ? {} : { chat: { type: opType === 5 ? 'group' : 'room', mid: chat }, inviter: 'uX' };
    expect(decodeOne(make({ mid: 'uX' }))).toEqual({
      type: 'operation',
      id: 'WB1519-0000000001',
      channelId: '1441301333',
      createdTime: 1_700_000_000_000,
      operation: { type, opType, revision: 1001, mid: 'uX', params: ['uX', chat, null], ...invite },
    });
  });

  it('an unknown opType decodes as an unknown operation', () => {
    expect(decodeOne(operationEvent(42))).toMatchObject({ type: 'operation', operation: { type: 'unknown', opType: 42 } });
  });
});
