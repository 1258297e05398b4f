import { describe, expect, it } from 'vitest';
import { DecodeError, LineError, PayloadTooLargeError, SignatureError } from '../../../src/errors.js';
import { signBody } from '../../../src/signature/sign-body.js';
import { handleWebhookBody } from '../../../src/webhook/handle-webhook-body.js';
import { batchBody, channelSecret, rawItems } from '../../helpers/webhook-batch.js';

const body = batchBody(rawItems(4));
const bytes = new TextEncoder().encode(body);

describe('handleWebhookBody (adapters that read the body themselves)', () => {
  it.each([
    ['Uint8Array', () => bytes],
    ['Node Buffer', () => Buffer.from(body)],
    ['ArrayBuffer', () => bytes.slice().buffer],
    ['string', () => body],
  ] as const)('decodes a signed %s body', async (_kind, input) => {
    const events = await handleWebhookBody(input(), await signBody(bytes, channelSecret), { channelSecret });
    expect(events.map((event) => event.type)).toEqual(['message', 'message', 'message', 'message']);
  });

  it.each([null, undefined, ''])('throws SignatureError missing for the signature %j', async (signature) => {
    await expect(handleWebhookBody(bytes, signature, { channelSecret })).rejects.toMatchObject({ name: 'SignatureError', reason: 'missing' });
  });

  it('throws SignatureError mismatch for a signature of other bytes', async () => {
    const error = await handleWebhookBody(bytes, await signBody(`${body} `, channelSecret), { channelSecret }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SignatureError);
    expect((error as SignatureError).reason).toBe('mismatch');
  });

  it('enforces maxBodyBytes on bytes it is given', async () => {
    const signature = await signBody(bytes, channelSecret);
    await expect(handleWebhookBody(bytes, signature, { channelSecret, maxBodyBytes: bytes.byteLength - 1 })).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
  });

  it('verifies before decoding: a bad body with a bad signature is a SignatureError, not a DecodeError', async () => {
    await expect(handleWebhookBody('not json', 'x'.repeat(43) + '=', { channelSecret })).rejects.toBeInstanceOf(SignatureError);
    await expect(handleWebhookBody('not json', await signBody('not json', channelSecret), { channelSecret })).rejects.toBeInstanceOf(
      DecodeError,
    );
  });

  it('rejects an invalid maxBodyBytes or secret with a LineError', async () => {
    const signature = await signBody(bytes, channelSecret);
    await expect(handleWebhookBody(bytes, signature, { channelSecret, maxBodyBytes: -1 })).rejects.toBeInstanceOf(LineError);
    await expect(handleWebhookBody(bytes, signature, { channelSecret: ['ok', ''] })).rejects.toThrow(/channelSecret/);
  });
});
