// Groups and rooms in the fake LINE (spec §2.2, §2.3, §4.4): several virtual members, every message kind
// delivered with toType 3 / 2 and `to: [chat MID]`, the bot's messages recorded in the chat, invites
// (opType 5 / 7) and leave changing the bot's membership, and nothing delivered from a chat the bot left.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { SendError } from '../../../src/errors.js';
import { EmulatorInputError } from '../../../src/emulator/emulator-input-error.js';
import { createFakeLine } from '../../../src/emulator/fake-line.js';
import { text } from '../../../src/messages/text.js';

type RawEvent = { eventType: string; content: Record<string, unknown> };

/** A fake LINE whose deliveries land in `received` (the raw events, as the bot's endpoint gets them). */
function setup() {
  const received: RawEvent[] = [];
  const fake = createFakeLine({
    webhookUrl: 'https://bot.example/callback',
    users: [{ displayName: 'Sally' }, { displayName: 'Brown' }, { displayName: 'Cony' }, { displayName: 'Moon', friend: false }],
    fetch: async (request) => {
      received.push(...((await request.json()) as { result: RawEvent[] }).result);
      return new Response('{}');
    },
  });
  const client = createClient({ channelToken: fake.channelToken, fetch: fake.fetch, retry: false });
  return { fake, client, received };
}

describe('groups and rooms in the fake LINE', () => {
  it('creates a group with several members and tells the bot with opType 5 [inviter, group, null]', async () => {
    const { fake, received } = setup();
    const group = await fake.inviteToGroup('Sally', { name: 'Picnic', members: ['Brown', fake.user('Moon'), 'sally'] });
    expect(group).toMatchObject({ kind: 'group', title: 'Picnic', active: true, members: [fake.user('Sally').mid, fake.user('Brown').mid, fake.user('Moon').mid] });
    expect(group.mid).toMatch(/^c[0-9a-f]{32}$/);
    expect(received.map((event) => event.content)).toEqual([
      { revision: 1, opType: 5, params: [fake.user('Sally').mid, group.mid, null] },
    ]);
    expect(group.entries).toMatchObject([{ from: 'user', userMid: fake.user('Sally').mid, kind: 'operation', opType: 5, delivered: true }]);
  });

  it('delivers every message kind a member sends in a group with toType 3 and to: [group MID]; members need not be friends', async () => {
    const { fake, received } = setup();
    const group = await fake.inviteToGroup('Sally', { members: ['Brown', 'Moon'] });
    received.length = 0;
    const kinds = [
      'hi all',
      { type: 'image' },
      { type: 'video' },
      { type: 'audio', durationMs: 1500 },
      { type: 'location', title: 'Park', latitude: 35.6, longitude: 139.7 },
      { type: 'sticker', packageId: '1', stickerId: '2' },
      { type: 'contact', mid: fake.user('Cony').mid, displayName: 'Cony' },
    ] as const;
    for (const message of kinds) await fake.sendAs('Moon', message, { chatMid: group.mid });
    expect(received.map((event) => [event.content.contentType, event.content.toType, event.content.to, event.content.from])).toEqual(
      [1, 2, 3, 4, 7, 8, 10].map((contentType) => [contentType, 3, [group.mid], fake.user('Moon').mid]),
    );
    // 1:1, a user who is not a friend still cannot write to the bot.
    await expect(fake.sendAs('Moon', 'hello?')).rejects.toThrow(new EmulatorInputError('Moon is not a friend of the bot yet; call addAsFriend first.'));
    await expect(fake.sendAs('Cony', 'let me in', { chatMid: group.mid })).rejects.toThrow(new EmulatorInputError(`sendAs: Cony is not in group ${group.mid}.`));
  });

  it('records the bot\'s group and room messages in that chat, with the toType LINE wants', async () => {
    const { fake, client } = setup();
    const group = await fake.inviteToGroup('Sally', { members: ['Brown'] });
    const room = await fake.addToRoom('Brown', { members: ['Cony'] });
    expect(room).toMatchObject({ kind: 'room', title: 'Room with Brown, Cony', members: [fake.user('Brown').mid, fake.user('Cony').mid] });
    expect((await client.send(group.mid, text('hello group'), { toType: 'group' })).ok).toBe(true);
    expect((await client.send(room.mid, text('hello room'), { toType: 'room' })).ok).toBe(true);
    expect(fake.conversation(group.mid)?.entries.at(-1)).toMatchObject({ from: 'bot', userMid: group.mid, content: { contentType: 1, toType: 3, text: 'hello group' }, delivered: true });
    expect(fake.conversation(room.mid)?.entries.at(-1)).toMatchObject({ from: 'bot', content: { contentType: 1, toType: 2, text: 'hello room' } });
    const wrong = await client.send(group.mid, text('as a user')).catch((error: SendError) => error);
    expect(wrong).toBeInstanceOf(SendError);
    expect((wrong as SendError).result.failures[0]?.error).toMatchObject({ status: 400, statusMessage: 'content.toType must be 3 (the recipients are groups), got 1.' });
  });

  it('after leaveGroup, the bot receives nothing from the group and cannot write to it; an invite brings it back', async () => {
    const { fake, client, received } = setup();
    const group = await fake.inviteToGroup('Sally', { members: ['Brown'] });
    await client.leaveGroup(group.mid);
    expect(fake.conversation(group.mid)).toMatchObject({ active: false });
    expect(fake.conversation(group.mid)?.entries.at(-1)).toMatchObject({ from: 'bot', kind: 'system', text: 'The bot left the group.' });
    const deliveries = fake.deliveries().length;
    await expect(fake.sendAs('Brown', 'anyone?', { chatMid: group.mid })).rejects.toThrow(new EmulatorInputError(`sendAs: the bot left group ${group.mid}.`));
    expect(fake.deliveries()).toHaveLength(deliveries);
    const refused = await client.send(group.mid, text('still here?'), { toType: 'group' }).catch((error: SendError) => error);
    expect((refused as SendError).result.failures[0]?.error).toMatchObject({ status: 400, statusCode: '422' });
    await expect(client.leaveGroup(group.mid)).rejects.toMatchObject({ status: 400, statusCode: '422' });

    received.length = 0;
    const back = await fake.inviteToGroup('Brown', { chatMid: group.mid });
    expect(back).toMatchObject({ mid: group.mid, active: true, members: [fake.user('Sally').mid, fake.user('Brown').mid] });
    expect(received.map((event) => event.content)).toEqual([{ revision: 2, opType: 5, params: [fake.user('Brown').mid, group.mid, null] }]);
    await fake.sendAs('Sally', 'welcome back', { chatMid: group.mid });
    expect(received.at(-1)?.content).toMatchObject({ text: 'welcome back', toType: 3, to: [group.mid] });
    await expect(fake.inviteToGroup('Cony', { chatMid: group.mid })).rejects.toThrow(new EmulatorInputError(`The bot is already in group ${group.mid}.`));
  });

  it('adds to a room with opType 7 and leaves it with leaveRoom', async () => {
    const { fake, client, received } = setup();
    const room = await fake.addToRoom('Cony', { members: ['Sally', 'Brown'] });
    expect(received.map((event) => event.content)).toEqual([{ revision: 1, opType: 7, params: [fake.user('Cony').mid, room.mid, null] }]);
    expect(room.mid).toMatch(/^r[0-9a-f]{32}$/);
    await fake.sendAs('Sally', 'in the room', { chatMid: room.mid });
    expect(received.at(-1)?.content).toMatchObject({ toType: 2, to: [room.mid], from: fake.user('Sally').mid });
    await client.leaveRoom(room.mid);
    expect(fake.conversation(room.mid)?.active).toBe(false);
  });

  it('creates groups over the JSON API and refuses bad members with 400', async () => {
    const { fake } = setup();
    const post = (path: string, body: unknown) =>
      fake.fetch(`https://api.line.me/_emulator${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const created = await post(`/users/${fake.user('Sally').mid}/invite-group`, { name: 'Team', members: [fake.user('Brown').mid, 'Cony'] });
    expect(created.status).toBe(202);
    expect(await created.json()).toMatchObject({ kind: 'group', title: 'Team', members: [fake.user('Sally').mid, fake.user('Brown').mid, fake.user('Cony').mid] });
    const bad = await post(`/users/${fake.user('Sally').mid}/invite-group`, { members: [{ mid: 5 }] });
    expect([bad.status, await bad.json()]).toEqual([400, { error: 'No virtual user 5; known users: Sally, Brown, Cony, Moon.' }]);
    expect((await post(`/users/${fake.user('Sally').mid}/add-to-room`, { members: 'Brown' })).status).toBe(400);
    expect((await post(`/users/${fake.user('Sally').mid}/add-to-room`, { leader: 'Brown' })).status).toBe(400);
  });

  it('refuses invites in Trial mode (groups and rooms are Business Connect only)', async () => {
    const fake = createFakeLine({ trial: true });
    await expect(fake.inviteToGroup('Sally')).rejects.toThrow(new EmulatorInputError('Group and room invites are a Business Connect feature; the emulator runs in Trial mode.'));
  });
});
