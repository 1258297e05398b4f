// The client against the msw handlers of `line-business-connect/testing`: the two halves of the
// package must agree on the wire format.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { createRefreshingToken } from '../../../src/client/create-refreshing-token.js';
import { text } from '../../../src/messages/text.js';
import { sticker } from '../../../src/messages/sticker.js';
import { businessConnectHandlers } from '../../../src/testing/business-connect-handlers.js';

const bc = await businessConnectHandlers({
  channelToken: 'token-1',
  refreshToken: 'refresh-1',
  channelSecret: 'secret',
  profiles: { u1: { displayName: 'Ann', statusMessage: 'hi' }, u2: { displayName: 'Bob' } },
  content: { m1: { body: 'JPEGDATA', contentType: 'image/jpeg', fileName: 'a.jpg' } },
});
const server = setupServer(...bc.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => bc.reset());
afterAll(() => server.close());

it('send: 400 recipients and a long text are accepted by the handlers (which enforce 150 MIDs and 8192 bytes)', async () => {
  const recipients = Array.from({ length: 400 }, (_, i) => `u${String(i).padStart(32, '0')}`);
  const result = await createClient({ channelToken: 'token-1' }).send(recipients, text('あ'.repeat(1500)));
  expect(result.ok).toBe(true);
  expect(bc.sent.flatMap((envelope) => envelope.to).sort()).toEqual([...recipients].sort());
  expect(bc.sent[0]?.content).toEqual({ contentType: 1, toType: 1, text: 'あ'.repeat(1500) });
});

it('send multiple messages; profiles; content; leave', async () => {
  const client = createClient({ channelToken: 'token-1' });
  const messageIds: string[] = [];
  await client.send('u1', [text('a'), sticker({ packageId: 1, stickerId: 2 })], { onRequest: (request) => void (request.ok && messageIds.push(request.messageId)) });
  expect(messageIds).toEqual(['1000000000001']);
  expect(bc.sent[0]?.eventType).toBe('140177271400161403');
  expect(await client.getProfiles(['u1', 'u2', 'u3'])).toEqual([
    { mid: 'u1', displayName: 'Ann', pictureUrl: 'https://profile.line-scdn.net/u1', statusMessage: 'hi' },
    { mid: 'u2', displayName: 'Bob', pictureUrl: 'https://profile.line-scdn.net/u2' },
  ]);
  const content = await client.getMessageContent('m1');
  expect(content).toMatchObject({ contentType: 'image/jpeg', fileName: 'a.jpg' });
  expect(await new Response(content.body).text()).toBe('JPEGDATA');
  await client.leaveGroup('g1');
  expect(bc.left).toEqual([{ kind: 'group', mid: 'g1' }]);
});

it('a rotation through the handlers: the old token dies, the 401 is replayed, nothing is lost', async () => {
  const persisted: string[] = [];
  const tokens = createRefreshingToken({
    accessToken: 'token-1',
    refreshToken: 'refresh-1',
    channelSecret: 'secret',
    onRefresh: ({ accessToken }) => void persisted.push(accessToken),
  });
  const client = createClient({ channelToken: tokens });
  expect((await client.send('u1', text('before'))).ok).toBe(true);
  tokens.invalidate?.('token-1'); // e.g. another request saw a 401
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => client.send(`u${i}`, text(`during ${i}`))));
  expect(results.every((r) => r.ok)).toBe(true);
  expect(persisted).toHaveLength(1);
  expect(bc.channelToken).toBe(persisted[0]);
  expect(bc.sent).toHaveLength(21);
});
