// A misspelled option is refused with an error that names the closest valid one (issue 12): in plain
// JavaScript it would otherwise be ignored silently, and a bot would quietly do nothing.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client.js';
import { createRefreshingToken } from '../../src/client/create-refreshing-token.js';
import { createFakeLine } from '../../src/emulator/fake-line.js';
import { startEmulator } from '../../src/emulator/start-emulator.js';
import { LineError, MessageValidationError } from '../../src/errors.js';
import { image } from '../../src/messages/image.js';
import { richMessage } from '../../src/messages/rich-message.js';
import { text } from '../../src/messages/text.js';
import { createFastifyHandler } from '../../src/node/create-fastify-handler.js';
import { createNodeMiddleware } from '../../src/node/create-node-middleware.js';
import { createUndiciTransport } from '../../src/node/create-undici-transport.js';
import { didYouMean } from '../../src/option-keys.js';
import { createWebhookHandler } from '../../src/webhook/create-webhook-handler.js';
import { createWebhookReceiver } from '../../src/webhook/create-webhook-receiver.js';
import { parseWebhook } from '../../src/webhook/parse-webhook.js';
import { createLambdaHandler } from '../../src/aws-lambda/create-lambda-handler.js';
import { createBroadcastConsumer } from '../../src/cloudflare/create-broadcast-consumer.js';
import { createDurableTokenStore } from '../../src/cloudflare/create-durable-token-store.js';
import { createEventConsumer } from '../../src/cloudflare/create-event-consumer.js';
import { createIngestHandler } from '../../src/cloudflare/create-ingest-handler.js';
import { createKvDedupeStore } from '../../src/cloudflare/create-kv-dedupe-store.js';
import { enqueueBroadcast } from '../../src/cloudflare/enqueue-broadcast.js';

const HANDLER_KEYS =
  'channelSecret, maxBodyBytes, respond, dedupe, logger, onEvents, onMessage, onOperation, onAddedAsFriend, onBlocked, onInvitedToGroup, onAddedToRoom, onUnknown, onError';

describe('didYouMean', () => {
  it.each([
    ['onMesage', ['onMessage', 'onOperation'], ' (did you mean "onMessage"?)'],
    ['onfollow', ['onAddedAsFriend'], ''],
    ['ChannelSecret', ['channelSecret'], ' (did you mean "channelSecret"?)'],
    ['tmeoutMs', ['timeoutMs', 'retry'], ' (did you mean "timeoutMs"?)'],
    ['x', ['timeoutMs'], ''],
  ] as const)('%s among %j', (name, known, expected) => {
    expect(didYouMean(name, known)).toBe(expected);
  });
});

describe('unknown option keys are refused, naming the closest', () => {
  it('createWebhookHandler, createNodeMiddleware, createFastifyHandler, createLambdaHandler', () => {
    expect(() => createWebhookHandler({ channelSecret: 's', onMesage() {} } as never)).toThrow(
      new LineError(`createWebhookHandler: unknown option "onMesage" (did you mean "onMessage"?). Known options: ${HANDLER_KEYS}.`),
    );
    expect(() => createNodeMiddleware({ channelSecret: 's', pth: '/callback' } as never)).toThrow(
      new LineError(`createNodeMiddleware: unknown option "pth" (did you mean "path"?). Known options: ${HANDLER_KEYS}, path.`),
    );
    expect(() => createFastifyHandler({ channelSecret: 's', onBlock() {} } as never)).toThrow('createFastifyHandler: unknown option "onBlock" (did you mean "onBlocked"?).');
    expect(() => createLambdaHandler({ channelSecret: 's', onFollow() {} } as never)).toThrow('createLambdaHandler: unknown option "onFollow". Known options: ');
  });

  it('createWebhookReceiver and parseWebhook', async () => {
    expect(() => createWebhookReceiver({ channelSecret: 's', maxBodySize: 10 } as never)).toThrow(
      new LineError('createWebhookReceiver: unknown option "maxBodySize" (did you mean "maxBodyBytes"?). Known options: channelSecret, maxBodyBytes.'),
    );
    await expect(parseWebhook(new Request('https://x/', { method: 'POST' }), { channelSecret: 's', secret: 's' } as never)).rejects.toThrow(
      'parseWebhook: unknown option "secret" (did you mean "channelSecret"?). Known options: channelSecret, maxBodyBytes.',
    );
  });

  it('createClient, send, reply, getMessageContent, retry, createRefreshingToken, createUndiciTransport', async () => {
    expect(() => createClient({ channelTokn: 't' } as never)).toThrow('createClient: unknown option "channelTokn" (did you mean "channelToken"?).');
    expect(() => createClient({ channelToken: 't', retry: { maxAttempt: 2 } } as never)).toThrow('retry: unknown option "maxAttempt" (did you mean "maxAttempts"?).');
    const client = createClient({ channelToken: 't', fetch: () => Promise.reject(new Error('no request expected')) });
    await expect(client.send('u1', text('x'), { totype: 'group' } as never)).rejects.toThrow('send: unknown option "totype" (did you mean "toType"?).');
    await expect(client.getMessageContent('1', { previw: true } as never)).rejects.toThrow('getMessageContent: unknown option "previw" (did you mean "preview"?).');
    expect(() => createRefreshingToken({ accessToken: 'a', refreshToken: 'r', channelSecret: 's', onRefresh() {}, refreshAhead: 1 } as never)).toThrow(
      'createRefreshingToken: unknown option "refreshAhead" (did you mean "refreshAheadMs"?).',
    );
    expect(() => createUndiciTransport({ connection: 4 } as never)).toThrow('createUndiciTransport: unknown option "connection" (did you mean "connections"?).');
  });

  it('the message builders (a MessageValidationError naming the key)', () => {
    const bad = () => image({ originalContentUrl: 'https://e.com/a.jpg', previewImageUrl: 'https://e.com/p.jpg', previewUrl: 'https://e.com/p.jpg' } as never);
    expect(bad).toThrow(new MessageValidationError('previewUrl', 'is not an option (did you mean "previewImageUrl"?) (options: originalContentUrl, previewImageUrl).'));
    expect(() => text('hi', { maxChars: 5 } as never)).toThrow(new MessageValidationError('maxChars', 'is not an option (options: maxTextChars).'));
    expect(() => richMessage({ baseUrl: 'https://e.com/r', altText: 'a', height: 10, areas: [{ x: 0, y: 0, width: 10, height: 10, lnk: 'https://e.com' }] } as never)).toThrow(
      new MessageValidationError('areas[0].lnk', 'is not an option (did you mean "link"?) (options: x, y, width, height, label, link, message).'),
    );
  });

  it('createFakeLine and startEmulator', async () => {
    expect(() => createFakeLine({ webhook: 'http://127.0.0.1:3000/' } as never)).toThrow('createFakeLine: unknown option "webhook" (did you mean "webhookUrl"?).');
    await expect(startEmulator({ prot: 0 } as never)).rejects.toThrow('startEmulator: unknown option "prot" (did you mean "port"?).');
  });

  it('the cloudflare entry: consumers, ingest, broadcasts, stores', async () => {
    const queue = { send: async () => {}, sendBatch: async () => {} };
    const kv = { get: async () => null, put: async () => {} };
    const dedupe = { has: () => false, add: () => {} };
    expect(() => createEventConsumer({ onFollow() {} } as never)).toThrow(
      new LineError(
        'createEventConsumer: unknown option "onFollow". Known options: dedupe, onMessage, onOperation, onAddedAsFriend, onBlocked, onInvitedToGroup, onAddedToRoom, onUnknown, onError, retryDelaySeconds, logger.',
      ),
    );
    expect(() => createEventConsumer({ onBlock() {} } as never)).toThrow('createEventConsumer: unknown option "onBlock" (did you mean "onBlocked"?).');
    expect(() => createIngestHandler({ channelSecret: 's', queue, maxBodySize: 10 } as never)).toThrow('createIngestHandler: unknown option "maxBodySize" (did you mean "maxBodyBytes"?).');
    const client = createClient({ channelToken: 't', fetch: () => Promise.reject(new Error('no request expected')) });
    expect(() => createBroadcastConsumer({ client, dedupe, maxAttempt: 3 } as never)).toThrow('createBroadcastConsumer: unknown option "maxAttempt" (did you mean "maxAttempts"?).');
    expect(() => createKvDedupeStore(kv, { ttl: 60 } as never)).toThrow('createKvDedupeStore: unknown option "ttl" (did you mean "ttlSeconds"?).');
    expect(() => createDurableTokenStore({ idFromName: () => 'id', get: () => ({ fetch: async () => new Response() }) }, { nme: 'x' } as never)).toThrow(
      'createDurableTokenStore: unknown option "nme" (did you mean "name"?).',
    );
    await expect(enqueueBroadcast(queue, { to: ['u1'], message: text('x'), toTyp: 'group' } as never)).rejects.toThrow('enqueueBroadcast: unknown option "toTyp" (did you mean "toType"?).');
  });
});
