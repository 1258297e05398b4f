// createIngestHandler (verify, decode, enqueue, then answer) and createEventConsumer (dispatch, ack,
// retry with backoff, dedupe) against recording stand-ins of the queue bindings.
import { describe, expect, it, vi } from 'vitest';
import { createEventConsumer, createIngestHandler, defaultRetryDelay, EnqueueError, type EventConsumerErrorContext } from '../../../src/cloudflare/index.js';
import { decodeEvents, LineError, signBody, type LineEvent } from '../../../src/index.js';
import { blockedEvent, addedAsFriendEvent, textEvent } from '../../../src/testing/index.js';
import { batchOf, fakeMessage, recordingQueue, setDedupe } from './fake-queue.js';

const secret = 'ingest-secret';
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const payload = { result: [textEvent({ from: 'uA', text: 'hi', id: 'e1', messageId: '101' }), addedAsFriendEvent({ mid: 'uB', revision: 7, id: 'e2' }), blockedEvent({ mid: 'uC', revision: 8, id: 'e3' })] };
const body = JSON.stringify(payload);
const events = decodeEvents(payload);

async function delivery(signed = body, secretUsed = secret): Promise<Request> {
  return new Request('https://bot.example/callback', {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=UTF-8', 'x-line-channelsignature': await signBody(signed, secretUsed) },
    body: signed,
  });
}

describe('createIngestHandler', () => {
  it('answers 200 only after every event is on the queue, one JSON message per decoded event', async () => {
    const queue = recordingQueue<LineEvent>();
    const handler = createIngestHandler({ channelSecret: secret, queue });
    const response = await handler(await delivery());
    expect([response.status, await response.text()]).toEqual([200, '']);
    expect(queue.calls).toEqual([events.map((event) => ({ body: event, contentType: 'json' }))]);
  });

  it('answers 500 when the queue refuses, so that LINE delivers again; onError gets the EnqueueError', async () => {
    const onError = vi.fn();
    const handler = createIngestHandler({ channelSecret: secret, queue: recordingQueue<LineEvent>(0), onError, logger: silent });
    const response = await handler(await delivery());
    expect([response.status, await response.text()]).toEqual([500, '{"error":"processing_failed","message":"Processing of at least one event failed."}']);
    expect(onError).toHaveBeenCalledTimes(1);
    const [error, context] = onError.mock.calls[0]!;
    expect(error).toBeInstanceOf(EnqueueError);
    expect(context.phase).toBe('callback');
  });

  it('logs a refused enqueue at error without onError', async () => {
    const logger = { ...silent, error: vi.fn() };
    const handler = createIngestHandler({ channelSecret: secret, queue: recordingQueue<LineEvent>(0), logger });
    expect((await handler(await delivery())).status).toBe(500);
    expect(logger.error).toHaveBeenCalledWith('[line-business-connect] webhook callback failed:', expect.any(EnqueueError));
  });

  it('rejects what createWebhookHandler rejects, enqueueing nothing', async () => {
    const queue = recordingQueue<LineEvent>();
    const handler = createIngestHandler({ channelSecret: secret, queue, logger: silent });
    expect((await handler(await delivery(body, 'not-the-secret'))).status).toBe(401);
    expect((await handler(new Request('https://bot.example/callback'))).status).toBe(405);
    expect((await handler(await delivery('{"result":'))).status).toBe(400);
    expect(queue.calls).toEqual([]);
    // An empty batch is accepted without a call.
    expect((await handler(await delivery('{"result":[]}'))).status).toBe(200);
    expect(queue.calls).toEqual([]);
  });

  it('refuses a missing queue or secret at once', () => {
    expect(() => createIngestHandler({ channelSecret: secret } as never)).toThrow(
      new LineError('createIngestHandler: queue must be a Cloudflare Queues producer binding (env.MY_QUEUE, with sendBatch).'),
    );
    expect(() => createIngestHandler({ channelSecret: '', queue: recordingQueue() })).toThrow(LineError);
  });
});

describe('createEventConsumer', () => {
  it('hands each event to its callbacks in order and acks it', async () => {
    const calls: string[] = [];
    const consume = createEventConsumer({
      onMessage: (event) => void calls.push(`message ${event.message.id}`),
      onAddedAsFriend: (event) => void calls.push(`follow ${event.operation.mid}`),
      onBlocked: (event) => void calls.push(`block ${event.operation.mid}`),
      onOperation: (event) => void calls.push(`operation ${event.operation.type}`),
      onUnknown: (event) => void calls.push(`unknown ${event.eventType}`),
    });
    const unknown = decodeEvents({ result: [{ ...textEvent({ text: 'x', id: 'e9' }), eventType: '999' }] })[0]!;
    const messages = [...events, unknown].map((event) => fakeMessage<unknown>(JSON.parse(JSON.stringify(event))));
    await consume(batchOf(messages));
    expect(calls).toEqual(['message 101', 'follow uB', 'operation addedAsFriend', 'block uC', 'operation blocked', 'unknown 999']);
    expect(messages.map((message) => message.outcome)).toEqual(messages.map(() => ({ acked: true, retried: false, delaySeconds: undefined })));
  });

  it('retries an event whose callback threw, with backoff, without running its later callbacks', async () => {
    const onOperation = vi.fn();
    const onError = vi.fn();
    const consume = createEventConsumer({ onAddedAsFriend: () => Promise.reject(new Error('database down')), onOperation, onError });
    const first = fakeMessage<unknown>(events[1]);
    const third = fakeMessage<unknown>(events[1], 3);
    await consume(batchOf([first, third]));
    expect(first.outcome).toEqual({ acked: false, retried: true, delaySeconds: 10 });
    expect(third.outcome).toEqual({ acked: false, retried: true, delaySeconds: 40 });
    expect(onOperation).not.toHaveBeenCalled();
    const context = onError.mock.calls[0]![1] as EventConsumerErrorContext;
    expect([onError.mock.calls[0]![0].message, context.phase, context.retryDelaySeconds, context.event]).toEqual(['database down', 'callback', 10, events[1]]);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(defaultRetryDelay)).toEqual([10, 20, 40, 80, 160, 320, 600, 600]);
  });

  it('skips events the dedupe store knows, and remembers each event once handled', async () => {
    const dedupe = setDedupe();
    const onMessage = vi.fn();
    const consume = createEventConsumer({ dedupe, onMessage });
    const message = fakeMessage<unknown>(events[0]);
    const repeat = fakeMessage<unknown>(events[0], 2);
    await consume(batchOf([message, repeat]));
    expect(onMessage).toHaveBeenCalledTimes(1);
    expect([...dedupe.keys]).toEqual(['e1:m:101']);
    expect([message.outcome.acked, repeat.outcome.acked, repeat.outcome.retried]).toEqual([true, true, false]);
  });

  it('retries when the dedupe store cannot answer, and acks (reporting) when it cannot remember', async () => {
    const onError = vi.fn();
    const onMessage = vi.fn();
    const failing = { has: () => Promise.reject(new Error('kv down')), add: () => {} };
    const first = fakeMessage<unknown>(events[0]);
    await createEventConsumer({ dedupe: failing, onMessage, onError, retryDelaySeconds: 5 })(batchOf([first]));
    expect([first.outcome, onMessage.mock.calls.length, onError.mock.calls[0]![1].phase]).toEqual([{ acked: false, retried: true, delaySeconds: 5 }, 0, 'dedupe']);

    const forgetful = { has: () => false, add: () => Promise.reject(new Error('kv full')) };
    const logger = { ...silent, error: vi.fn() };
    const second = fakeMessage<unknown>(events[0]);
    await createEventConsumer({ dedupe: forgetful, onMessage, logger })(batchOf([second]));
    expect([second.outcome.acked, onMessage.mock.calls.length]).toEqual([true, 1]);
    expect(logger.error).toHaveBeenCalledWith('[line-business-connect] queued event e1:m:101 was handled, but the dedupe store could not remember it:', expect.any(Error));
  });

  it('retries a message that is not a LINE event, so that it reaches the dead-letter queue', async () => {
    const logger = { ...silent, error: vi.fn() };
    const message = fakeMessage<unknown>({ hello: 'world' }, 2);
    await createEventConsumer({ logger, retryDelaySeconds: (attempts) => attempts * 100 })(batchOf([message]));
    expect(message.outcome).toEqual({ acked: false, retried: true, delaySeconds: 200 });
    expect(logger.error.mock.calls[0]![0]).toBe(`[line-business-connect] queued event ${message.id} failed (message) on attempt 2; retrying in 200 s:`);
  });

  it('checks its options at once', () => {
    expect(() => createEventConsumer({ retryDelaySeconds: -1 })).toThrow('createEventConsumer: retryDelaySeconds must be a number of seconds >= 0 or a function (attempts) => seconds, got -1.');
    expect(() => createEventConsumer({ onMessage: 'nope' as never })).toThrow('createEventConsumer: onMessage must be a function.');
  });
});
