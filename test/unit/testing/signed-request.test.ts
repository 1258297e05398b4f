import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { SignatureError } from '../../../src/errors.js';
import type { LineEvent } from '../../../src/events/line-event.js';
import { verifySignature } from '../../../src/signature/verify-signature.js';
import {
  audioEvent,
  blockedEvent,
  contactEvent,
  addedAsFriendEvent,
  invitedToGroupEvent,
  imageEvent,
  locationEvent,
  resetEventFactories,
  addedToRoomEvent,
  stickerEvent,
  textEvent,
  unknownMessageEvent,
  videoEvent,
} from '../../../src/testing/event-factories.js';
import { signedRequest } from '../../../src/testing/signed-request.js';
import { createWebhookHandler } from '../../../src/webhook/create-webhook-handler.js';
import { parseWebhook } from '../../../src/webhook/parse-webhook.js';

const secret = 'testsecret';
const fixture = readFileSync(new URL('../../fixtures/sdk-batch.json', import.meta.url));

beforeEach(() => resetEventFactories());

describe('signedRequest', () => {
  it('signs exact bytes with the spec §6 vector and sets method, URL and headers', async () => {
    const request = await signedRequest(new Uint8Array(fixture), { channelSecret: secret });
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://bot.example.com/webhook');
    expect(request.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(request.headers.get('x-line-channelsignature')).toBe('YdUyzEMBcQwsneRE8RkWm9/3AF+Zms+Mj1sh7d/biuc=');
    expect(new Uint8Array(await request.arrayBuffer())).toEqual(new Uint8Array(fixture));
  });

  it('signs a string body as UTF-8 (spec §6: secret/message vector) and an ArrayBuffer as is', async () => {
    const fromString = await signedRequest('message', { channelSecret: 'secret', url: 'http://127.0.0.1:3000/cb' });
    expect(fromString.url).toBe('http://127.0.0.1:3000/cb');
    expect(fromString.headers.get('X-LINE-ChannelSignature')).toBe('i19IcCmVwVmMVz2x4hhmqbgl1KeU0WnXBgoDYFeWNgs=');
    const fromBuffer = await signedRequest(new TextEncoder().encode('message').buffer, { channelSecret: 'secret' });
    expect(fromBuffer.headers.get('X-LINE-ChannelSignature')).toBe('i19IcCmVwVmMVz2x4hhmqbgl1KeU0WnXBgoDYFeWNgs=');
    expect(await fromBuffer.text()).toBe('message');
  });

  it('wraps an array of events, or one event, in {"result":[…]}; passes a body object through', async () => {
    const event = textEvent({ text: 'hi' });
    const expected = JSON.stringify({ result: [event] });
    for (const input of [[event], event, { result: [event] }]) {
      const request = await signedRequest(input, { channelSecret: secret });
      const body = await request.text();
      expect(body).toBe(expected);
      expect(await verifySignature(body, request.headers.get('X-LINE-ChannelSignature'), secret)).toBe(true);
    }
  });

  it('applies extra headers after the defaults (to test a missing signature)', async () => {
    const request = await signedRequest([blockedEvent()], { channelSecret: secret, headers: { 'X-LINE-ChannelSignature': '', 'X-Extra': '1' } });
    expect(request.headers.get('X-LINE-ChannelSignature')).toBe('');
    expect(request.headers.get('X-Extra')).toBe('1');
    await expect(parseWebhook(request, { channelSecret: secret })).rejects.toThrow(SignatureError);
  });

  it('a request signed with another secret is rejected by parseWebhook (mismatch)', async () => {
    const request = await signedRequest([textEvent({ text: 'x' })], { channelSecret: 'other' });
    await expect(parseWebhook(request, { channelSecret: secret })).rejects.toMatchObject({ reason: 'mismatch' });
  });

  it('every factory round-trips through parseWebhook in one batch, in order', async () => {
    const request = await signedRequest(
      [
        addedAsFriendEvent(),
        textEvent({ text: 'hi' }),
        imageEvent(),
        videoEvent(),
        audioEvent({ durationMs: 1500 }),
        locationEvent({ latitude: 1.5, longitude: 2.5, title: 'T', address: null }),
        stickerEvent(),
        contactEvent({ mid: 'uC', displayName: 'Cony' }),
        unknownMessageEvent(13),
        invitedToGroupEvent(),
        addedToRoomEvent(),
        blockedEvent(),
      ],
      { channelSecret: secret },
    );
    const events = await parseWebhook(request, { channelSecret: secret });
    expect(events.map(summary)).toEqual([
      'operation addedAsFriend 1001',
      'message text 100002 hi',
      'message image 100003',
      'message video 100004',
      'message audio 100005 1500',
      'message location 100006 T 1.5,2.5',
      'message sticker 100007 332/3',
      'message contact 100008 uC Cony',
      'message unknown 100009 13',
      'operation invitedToGroup 1010',
      'operation addedToRoom 1011',
      'operation blocked 1012',
    ]);
  });

  it('createWebhookHandler accepts the request (200) and calls back with the decoded events', async () => {
    const seen: string[] = [];
    const handler = createWebhookHandler({
      channelSecret: secret,
      onMessage: (event) => void seen.push(summary(event)),
      onAddedAsFriend: (event) => void seen.push(`follow ${event.operation.mid}`),
      onBlocked: (event) => void seen.push(`block ${event.operation.mid}`),
    });
    const request = await signedRequest([addedAsFriendEvent({ mid: 'uA' }), textEvent({ text: 'yo', from: 'uA' }), blockedEvent({ mid: 'uA' })], {
      channelSecret: secret,
    });
    const response = await handler(request);
    expect(response.status).toBe(200);
    expect(seen).toEqual(['follow uA', 'message text 100002 yo', 'block uA']);
    const bad = await signedRequest([textEvent({ text: 'x' })], { channelSecret: 'wrong' });
    expect((await handler(bad)).status).toBe(401);
  });
});

function summary(event: LineEvent): string {
  if (event.type === 'operation') return `operation ${event.operation.type} ${event.operation.revision}`;
  if (event.type === 'unknown') return `unknown ${event.issues.join('; ')}`;
  const m = event.message;
  const head = `message ${m.type} ${m.id}`;
  switch (m.type) {
    case 'text':
      return `${head} ${m.text}`;
    case 'audio':
      return `${head} ${m.durationMs}`;
    case 'location':
      return `${head} ${m.title} ${m.latitude},${m.longitude}`;
    case 'sticker':
      return `${head} ${m.packageId}/${m.stickerId}`;
    case 'contact':
      return `${head} ${m.mid} ${m.displayName}`;
    case 'unknown':
      return `${head} ${m.contentType}`;
    default:
      return head;
  }
}
