// client.reply answers in the chat a message came from (spec §2.2): the sender for toType 1, to[0] for a
// room (2) or group (3), with the toType LINE wants; the fake LINE plays LINE, and records where it went.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { createFakeLine } from '../../../src/emulator/fake-line.js';
import { MessageValidationError } from '../../../src/errors.js';
import { decodeEvent } from '../../../src/events/decode-event.js';
import type { MessageEvent } from '../../../src/events/line-event.js';
import { linkMessage } from '../../../src/messages/link-message.js';
import { text } from '../../../src/messages/text.js';
import { textEvent } from '../../../src/testing/event-factories.js';

async function setup() {
  const fake = createFakeLine();
  const client = createClient({ channelToken: fake.channelToken, fetch: fake.fetch, retry: false });
  const group = await fake.inviteToGroup('Sally', { members: ['Brown'] });
  const room = await fake.addToRoom('Brown', { members: ['Cony'] });
  return { fake, client, group, room };
}

const decoded = (raw: unknown) => decodeEvent(raw) as MessageEvent;

describe('client.reply', () => {
  it('answers a 1:1 message to its sender (toType 1), a room message in the room (2), a group message in the group (3)', async () => {
    const { fake, client, group, room } = await setup();
    const sally = fake.user('Sally').mid;
    await client.reply(decoded(textEvent({ text: 'hi', from: sally })).message, text('to you'));
    await client.reply(decoded(textEvent({ text: 'hi', from: sally, toType: 'group', chatMid: group.mid })), text('to the group'));
    await client.reply(decoded(textEvent({ text: 'hi', from: fake.user('Cony').mid, toType: 'room', chatMid: room.mid })).message, [text('to'), text('the room')]);
    expect(fake.conversation('Sally')?.entries.at(-1)?.content).toEqual({ contentType: 1, toType: 1, text: 'to you' });
    expect(fake.conversation(group.mid)?.entries.at(-1)?.content).toEqual({ contentType: 1, toType: 3, text: 'to the group' });
    expect(fake.conversation(room.mid)?.entries.slice(-2).map((entry) => entry.content)).toEqual([
      { contentType: 1, toType: 2, text: 'to' },
      { contentType: 1, toType: 2, text: 'the room' },
    ]);
    expect(fake.requests().map((request) => [request.path, request.status])).toEqual([
      ['/v1/events', 200],
      ['/v1/events', 200],
      ['/v1/events', 200],
    ]);
  });

  it('answers a group message without a sender in the group', async () => {
    const { fake, client, group } = await setup();
    const event = decoded(JSON.parse(JSON.stringify(textEvent({ text: 'who am I?', from: null, toType: 'group', chatMid: group.mid }))));
    expect(event.message).toMatchObject({ from: '', chat: { type: 'group', mid: group.mid } });
    await client.reply(event, text('hello, whoever you are'));
    expect(fake.conversation(group.mid)?.entries.at(-1)?.content).toEqual({ contentType: 1, toType: 3, text: 'hello, whoever you are' });
  });

  it('refuses, before any request, a message with no chat MID, a value that is not a message, and a link message to a group', async () => {
    const { fake, client, group } = await setup();
    const noChat = decoded(textEvent({ text: 'x', toType: 'room', chatMid: '' }));
    expect(noChat.message.chat).toEqual({ type: 'room', mid: '' });
    await expect(client.reply(noChat.message, text('?'))).rejects.toThrow(
      new MessageValidationError('chat', 'this room message has no MID to reply to (LINE sent none: see message.issues); send to a MID you know with send(mid, message, { toType }).'),
    );
    await expect(client.reply({ from: 'u1' } as never, text('?'))).rejects.toThrow(
      new MessageValidationError('chat', 'reply takes a decoded message (event.message from onMessage or decodeEvents), which says where its chat is.'),
    );
    const inGroup = decoded(textEvent({ text: 'x', toType: 'group', chatMid: group.mid }));
    await expect(client.reply(inGroup, linkMessage({ templateId: 'welcome' }))).rejects.toMatchObject({ name: 'MessageValidationError', field: 'toType' });
    expect(fake.requests()).toEqual([]);
  });
});
