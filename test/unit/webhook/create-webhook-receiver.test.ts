import { describe, expect, it } from 'vitest';
import { DecodeError, LineError, PayloadTooLargeError, SignatureError } from '../../../src/errors.js';
import { signBody } from '../../../src/signature/sign-body.js';
import { createWebhookReceiver } from '../../../src/webhook/create-webhook-receiver.js';
import { batchBody, channelSecret, rawItems, signedRequest } from '../../helpers/webhook-batch.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('createWebhookReceiver', () => {
  it('checks the options once, at creation: an empty secret or a bad maxBodyBytes throws a LineError there', () => {
    expect(() => createWebhookReceiver({ channelSecret: '' })).toThrow(LineError);
    expect(() => createWebhookReceiver({ channelSecret: [] })).toThrow(LineError);
    expect(() => createWebhookReceiver({ channelSecret, maxBodyBytes: -1 })).toThrow(LineError);
    expect(createWebhookReceiver({ channelSecret }).maxBodyBytes).toBe(1024 * 1024);
    expect(createWebhookReceiver({ channelSecret, maxBodyBytes: 10 }).maxBodyBytes).toBe(10);
  });

  it('parse(request) and parseBody(bytes, signature) give the same events for one delivery, many times', async () => {
    const receiver = createWebhookReceiver({ channelSecret: ['old-secret', channelSecret] });
    const body = batchBody(rawItems(20));
    const signature = await signBody(body, channelSecret);
    const fromRequest = await receiver.parse(await signedRequest(body));
    expect(fromRequest).toHaveLength(20);
    for (const input of [body, new TextEncoder().encode(body), new TextEncoder().encode(body).buffer]) {
      expect(await receiver.parseBody(input, signature)).toEqual(fromRequest);
    }
    expect(await receiver.parse(await signedRequest(body))).toEqual(fromRequest);
  });

  it('rejects in the order of its checks: missing signature, too large, mismatch, then JSON and envelope', async () => {
    const receiver = createWebhookReceiver({ channelSecret, maxBodyBytes: 50 });
    expect(await rejection(receiver.parseBody('x'.repeat(60), ''))).toEqual(new SignatureError('missing'));
    expect(await rejection(receiver.parseBody('x'.repeat(60), 'bad'))).toBeInstanceOf(PayloadTooLargeError);
    expect(await rejection(receiver.parseBody('not json', await signBody('not json', 'other')))).toEqual(new SignatureError('mismatch'));
    const json = (await rejection(receiver.parseBody('not json', await signBody('not json', channelSecret)))) as DecodeError;
    expect(json).toBeInstanceOf(DecodeError);
    expect({ reason: json.reason, issues: json.issues }).toEqual({ reason: 'json', issues: ['body is not valid JSON'] });
    const utf8 = (await rejection(receiver.parseBody(new Uint8Array([0x7b, 0xff, 0x7d]), await signBody(new Uint8Array([0x7b, 0xff, 0x7d]), channelSecret)))) as DecodeError;
    expect({ reason: utf8.reason, issues: utf8.issues }).toEqual({ reason: 'json', issues: ['body is not valid UTF-8'] });
    const envelope = (await rejection(receiver.parseBody('[1,2]', await signBody('[1,2]', channelSecret)))) as DecodeError;
    expect({ reason: envelope.reason, issues: envelope.issues }).toEqual({ reason: 'envelope', issues: ['payload: expected object, got array'] });
  });
});
