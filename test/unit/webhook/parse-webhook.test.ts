import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DecodeError, LineError, PayloadTooLargeError, SignatureError } from '../../../src/errors.js';
import type { LineEvent } from '../../../src/events/line-event.js';
import { parseWebhook } from '../../../src/webhook/parse-webhook.js';
import { batchBody, channelSecret, malformedItem, rawItems, signedRequest, unknownItem } from '../../helpers/webhook-batch.js';

function kindOf(event: LineEvent): string {
  if (event.type === 'message') return `message:${event.message.type}`;
  if (event.type === 'operation') return `operation:${event.operation.type}`;
  return 'unknown';
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('parseWebhook', () => {
  it('decodes the spec fixture signed with testsecret (spec §6)', async () => {
    const fixture = new Uint8Array(readFileSync(new URL('../../fixtures/sdk-batch.json', import.meta.url)));
    const request = await signedRequest(fixture, { signature: 'YdUyzEMBcQwsneRE8RkWm9/3AF+Zms+Mj1sh7d/biuc=' });
    const events = await parseWebhook(request, { channelSecret: 'testsecret' });
    expect(events.map(kindOf)).toEqual(['message:text', 'operation:addedAsFriend']);
    expect(events[0]).toMatchObject({ id: 'ABCDEF-12345678901', channelId: '1441301333', message: { id: '325708', text: 'hello' } });
    expect(events[1]).toMatchObject({ operation: { opType: 4, revision: 2469, mid: 'u0f3bfc598b061eba02183bfc5280886a' } });
  });

  it('decodes a signed batch of 100 events of every kind, in order', async () => {
    const items = rawItems(100);
    const events = await parseWebhook(await signedRequest(batchBody(items)), { channelSecret });
    expect(events).toHaveLength(100);
    expect(events.map(kindOf)).toEqual(items.map((item) => item.kind));
    expect(new Set(items.map((item) => item.kind)).size).toBe(13);
    expect(events.map((event) => event.id)).toEqual(items.map(({ item }) => item.id));
  });

  it('keeps an unknown and a malformed item as UnknownEvents among good ones', async () => {
    const items = [...rawItems(3), unknownItem(3), ...rawItems(5).slice(3), malformedItem(5)];
    const events = await parseWebhook(await signedRequest(batchBody(items)), { channelSecret });
    expect(events.map(kindOf)).toEqual(['message:text', 'message:image', 'message:video', 'unknown', 'message:audio', 'message:location', 'unknown']);
    expect(events[3]).toMatchObject({ type: 'unknown', eventType: '999999999999999999', issues: ['unknown eventType "999999999999999999"'] });
    expect(events[6]).toMatchObject({
      type: 'unknown',
      eventType: '138311609000106303',
      issues: ['content.toType: expected 1 | 2 | 3, got string', 'content.text: expected string, got 42'],
    });
  });

  it.each(['X-LINE-ChannelSignature', 'x-line-channelsignature', 'X-LINE-CHANNELSIGNATURE', 'X-Line-Channelsignature'])(
    'reads the signature header named %s',
    async (headerName) => {
      const events = await parseWebhook(await signedRequest(batchBody(rawItems(2)), { headerName }), { channelSecret });
      expect(events).toHaveLength(2);
    },
  );

  it('accepts any secret of a rotation list', async () => {
    const body = batchBody(rawItems(2));
    expect(await parseWebhook(await signedRequest(body, { secret: 'old' }), { channelSecret: ['new', 'old'] })).toHaveLength(2);
    expect(await parseWebhook(await signedRequest(body, { secret: 'new' }), { channelSecret: ['new', 'old'] })).toHaveLength(2);
  });

  it('fails with SignatureError missing without the header or with an empty one', async () => {
    const body = batchBody(rawItems(1));
    for (const signature of [null, '']) {
      const error = await rejection(parseWebhook(await signedRequest(body, { signature }), { channelSecret }));
      expect(error).toBeInstanceOf(SignatureError);
      expect((error as SignatureError).reason).toBe('missing');
    }
  });

  it('fails with SignatureError mismatch for the wrong secret', async () => {
    const error = await rejection(parseWebhook(await signedRequest(batchBody(rawItems(1)), { secret: 'wrong' }), { channelSecret }));
    expect(error).toBeInstanceOf(SignatureError);
    expect((error as SignatureError).reason).toBe('mismatch');
  });

  it('fails with mismatch when the signed body was re-serialised (spec §2: raw bytes only)', async () => {
    const body = batchBody(rawItems(3));
    const signature = (await signedRequest(body)).headers.get('x-line-channelsignature');
    const reserialised = JSON.stringify(JSON.parse(body), null, 2);
    const error = await rejection(parseWebhook(await signedRequest(reserialised, { signature }), { channelSecret }));
    expect((error as SignatureError).reason).toBe('mismatch');
  });

  it.each([
    ['invalid JSON', '{"result":[', 'body is not valid JSON'],
    ['an empty body', '', 'body is not valid JSON'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'body is not valid UTF-8'],
  ] as const)('fails with DecodeError for %s', async (_label, body, issue) => {
    const error = await rejection(parseWebhook(await signedRequest(body), { channelSecret }));
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).issues).toEqual([issue]);
  });

  it.each([['{"result":{}}'], ['{}'], ['[]'], ['null'], ['{"result":"x"}']])('fails with DecodeError for the envelope %s', async (body) => {
    const error = await rejection(parseWebhook(await signedRequest(body), { channelSecret }));
    expect(error).toBeInstanceOf(DecodeError);
  });

  it('does not quote the body in a JSON error message', async () => {
    const error = (await rejection(parseWebhook(await signedRequest('{"secretish-body-text'), { channelSecret }))) as DecodeError;
    expect(error.message).not.toContain('secretish');
  });

  it('fails with PayloadTooLargeError past maxBodyBytes, and accepts exactly the limit', async () => {
    const body = batchBody(rawItems(5));
    const size = new TextEncoder().encode(body).byteLength;
    expect(await parseWebhook(await signedRequest(body), { channelSecret, maxBodyBytes: size })).toHaveLength(5);
    const error = await rejection(parseWebhook(await signedRequest(body), { channelSecret, maxBodyBytes: size - 1 }));
    expect(error).toBeInstanceOf(PayloadTooLargeError);
  });

  it('checks the secret before reading anything', async () => {
    await expect(parseWebhook(await signedRequest('{}'), { channelSecret: '' })).rejects.toBeInstanceOf(LineError);
    await expect(parseWebhook(await signedRequest('{}'), { channelSecret: [] })).rejects.toThrow(/channelSecret/);
  });
});
