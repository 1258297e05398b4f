// createBroadcastConsumer against the fake LINE (line-business-connect/emulator) with recording
// stand-ins of the queue bindings: ack, retry with backoff and Retry-After, failure reports, no resend
// of an accepted chunk, partial progress.
import { describe, expect, it, vi } from 'vitest';
import { createBroadcastConsumer, enqueueBroadcast, type BroadcastChunk, type BroadcastFailure } from '../../../src/cloudflare/index.js';
import { createFakeLine } from '../../../src/emulator/index.js';
import { createClient, LineError, text } from '../../../src/index.js';
import { batchOf, fakeMessage, recordingQueue, setDedupe } from './fake-queue.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const mid = (index: number) => `u${index.toString(16).padStart(32, '0')}`;

async function setup(options: { maxRecipientsPerRequest?: number; failRequest?: number } = {}) {
  const fake = createFakeLine({ users: Array.from({ length: 300 }, (_, i) => ({ displayName: `User ${i}`, mid: mid(i) })) });
  let requests = 0;
  // failRequest: that request (1-based) is answered 503 before it reaches the fake.
  const fetch: typeof globalThis.fetch = async (input, init) =>
    ++requests === options.failRequest ? Response.json({ statusCode: '503', statusMessage: 'Service Unavailable' }, { status: 503 }) : fake.fetch(input as Request, init);
  const client = createClient({ channelToken: fake.channelToken, fetch, retry: false, logger: silent, concurrency: 1, maxRecipientsPerRequest: options.maxRecipientsPerRequest });
  const queue = recordingQueue<BroadcastChunk>();
  const dedupe = setDedupe();
  const deadLetterQueue = recordingQueue<BroadcastFailure>();
  const sends = () => fake.requests().filter((request) => request.path === '/v1/events');
  const received = (index: number) => fake.conversation(mid(index))?.entries.filter((entry) => entry.from === 'bot').length ?? 0;
  return { fake, client, queue, dedupe, deadLetterQueue, sends, received };
}

async function chunks(queue: ReturnType<typeof recordingQueue<BroadcastChunk>>, to: string[], id = 'b') {
  await enqueueBroadcast(queue, { to, message: text('hello'), id });
  return queue.calls.flat().map((message) => message.body);
}

describe('createBroadcastConsumer', () => {
  it('sends each chunk once, remembers it, acks it; a repeat delivery is acked without a request', async () => {
    const { client, queue, dedupe, sends, received } = await setup();
    const [first, second] = await chunks(queue, Array.from({ length: 300 }, (_, i) => mid(i)));
    const consume = createBroadcastConsumer({ client, dedupe });
    const messages = [fakeMessage<unknown>(first), fakeMessage<unknown>(second)];
    await consume(batchOf(messages));
    expect(messages.map((message) => message.outcome.acked)).toEqual([true, true]);
    expect([...dedupe.keys].sort()).toEqual(['b:0', 'b:1']);
    expect(sends().map((send) => send.status)).toEqual([200, 200]);
    const repeat = fakeMessage<unknown>(first, 2);
    await consume(batchOf([repeat]));
    expect([repeat.outcome.acked, sends().length, received(0), received(299)]).toEqual([true, 2, 1, 1]);
  });

  it('sends a chunk that is twice in one batch once', async () => {
    const { client, queue, dedupe, sends } = await setup();
    const [chunk] = await chunks(queue, [mid(1), mid(2)]);
    const copies = [fakeMessage<unknown>(chunk), fakeMessage<unknown>(structuredClone(chunk))];
    await createBroadcastConsumer({ client, dedupe })(batchOf(copies));
    expect([sends().length, copies[0]!.outcome.acked, copies[1]!.outcome.acked]).toEqual([1, true, true]);
  });

  it('retries a 503 after at least its Retry-After, and a 429 with backoff; then reports after maxAttempts', async () => {
    const { fake, client, queue, dedupe, deadLetterQueue } = await setup();
    const [chunk] = await chunks(queue, [mid(1), mid(2)]);
    const consume = createBroadcastConsumer({ client, dedupe, deadLetterQueue, maxAttempts: 3, logger: silent });
    fake.failNext({ status: 503, retryAfterSeconds: 30 });
    const first = fakeMessage<unknown>(chunk);
    await consume(batchOf([first]));
    expect(first.outcome).toEqual({ acked: false, retried: true, delaySeconds: 30 });
    fake.failNext({ status: 429 });
    const second = fakeMessage<unknown>(chunk, 2);
    await consume(batchOf([second]));
    expect(second.outcome).toEqual({ acked: false, retried: true, delaySeconds: 20 });
    fake.failNext({ status: 503 });
    const last = fakeMessage<unknown>(chunk, 3);
    await consume(batchOf([last]));
    expect(last.outcome).toEqual({ acked: true, retried: false, delaySeconds: undefined });
    expect(dedupe.keys.has('b:0')).toBe(true);
    expect(deadLetterQueue.calls).toEqual([
      [
        {
          contentType: 'json',
          body: {
            kind: 'line-business-connect/broadcast-failure',
            broadcastId: 'b',
            chunkId: 'b:0',
            recipients: [mid(1), mid(2)],
            error: { name: 'ApiError', message: 'POST /v1/events failed with 503 (LINE statusCode 503: Simulated failure)', status: 503, statusCode: '503' },
            maybeDelivered: false,
            attempts: 3,
            message: { contentType: 1, text: 'hello' },
            toType: 'user',
          },
        },
      ],
    ]);
  });

  it('never retries a request that may have been delivered (500), nor a 422: reports them at once', async () => {
    const { fake, client, queue, dedupe } = await setup();
    const [chunk] = await chunks(queue, [mid(1)]);
    const onFailed = vi.fn();
    const consume = createBroadcastConsumer({ client, dedupe, onFailed, logger: silent });
    fake.failNext({ status: 500 });
    const message = fakeMessage<unknown>(chunk);
    await consume(batchOf([message]));
    expect(message.outcome).toEqual({ acked: true, retried: false, delaySeconds: undefined });
    expect(onFailed.mock.calls[0]![0]).toMatchObject({ recipients: [mid(1)], maybeDelivered: true, attempts: 1, error: { status: 500 } });

    // An unknown MID: LINE refuses the whole request (HTTP 400, statusCode 422).
    const [unknown] = await chunks(recordingQueue(), [mid(1), mid(999)], 'c');
    const refused = fakeMessage<unknown>(unknown);
    await consume(batchOf([refused]));
    expect(refused.outcome.acked).toBe(true);
    expect(onFailed.mock.calls[1]![0]).toMatchObject({ chunkId: 'c:0', recipients: [mid(1), mid(999)], maybeDelivered: false, error: { status: 400, statusCode: '422' } });
  });

  it('logs a failure at error when neither deadLetterQueue nor onFailed takes it, and when the dead-letter queue refuses it', async () => {
    const { fake, client, queue, dedupe } = await setup();
    const [chunk] = await chunks(queue, [mid(1)]);
    const logger = { ...silent, error: vi.fn() };
    fake.failNext({ status: 400 });
    await createBroadcastConsumer({ client, dedupe, logger })(batchOf([fakeMessage<unknown>(chunk)]));
    expect(logger.error).toHaveBeenCalledWith(
      '[line-business-connect] broadcast chunk b:0: 1 recipient(s) not sent: ApiError: POST /v1/events failed with 400 (LINE statusCode 400: Simulated failure)',
      expect.objectContaining({ recipients: [mid(1)] }),
    );
    fake.failNext({ status: 400 });
    logger.error.mockClear();
    await createBroadcastConsumer({ client, dedupe: setDedupe(), logger, deadLetterQueue: recordingQueue<BroadcastFailure>(0) })(batchOf([fakeMessage<unknown>(chunk)]));
    expect(logger.error.mock.calls.map((call) => call[0])).toEqual([
      '[line-business-connect] broadcast chunk b:0: the dead-letter queue refused the failure report:',
      '[line-business-connect] broadcast chunk b:0: 1 recipient(s) not sent: ApiError: POST /v1/events failed with 400 (LINE statusCode 400: Simulated failure)',
    ]);
  });

  it('retries only the unsent part of a chunk a client with lower limits split, remembering the rest', async () => {
    const { client, queue, dedupe, sends, received } = await setup({ maxRecipientsPerRequest: 2, failRequest: 2 });
    const [chunk] = await chunks(queue, [mid(1), mid(2), mid(3), mid(4)]);
    const consume = createBroadcastConsumer({ client, dedupe, logger: silent });
    // The client sends [1,2] (accepted), then [3,4] (503).
    const first = fakeMessage<unknown>(chunk);
    await consume(batchOf([first]));
    expect(first.outcome).toEqual({ acked: false, retried: true, delaySeconds: 10 });
    expect([...dedupe.keys].sort()).toEqual(['b:0/partial', `b:0/${mid(1)}`, `b:0/${mid(2)}`].sort());
    const again = fakeMessage<unknown>(chunk, 2);
    await consume(batchOf([again]));
    expect(again.outcome.acked).toBe(true);
    expect(sends().filter((send) => send.status === 200).length).toBe(2);
    expect([1, 2, 3, 4].map(received)).toEqual([1, 1, 1, 1]);
  });

  it('retries without sending when the dedupe store cannot answer; retries a foreign message', async () => {
    const { client, queue, sends } = await setup();
    const [chunk] = await chunks(queue, [mid(1)]);
    const dedupe = { has: () => Promise.reject(new Error('kv down')), add: () => {} };
    const message = fakeMessage<unknown>(chunk);
    const foreign = fakeMessage<unknown>({ kind: 'something-else' });
    const logger = { ...silent, warn: vi.fn(), error: vi.fn() };
    await createBroadcastConsumer({ client, dedupe, logger, retryDelaySeconds: 7 })(batchOf([message, foreign]));
    expect([message.outcome, foreign.outcome.retried, sends().length]).toEqual([{ acked: false, retried: true, delaySeconds: 7 }, true, 0]);
    expect(logger.warn.mock.calls[0]![0]).toBe('[line-business-connect] broadcast chunk b:0: the dedupe store failed; attempt 1 of 4, retrying in 7 s:');
    expect(logger.error.mock.calls[0]![0]).toBe(`[line-business-connect] queue message ${foreign.id} is not a broadcast chunk (enqueueBroadcast makes them); retried so that it reaches the dead-letter queue.`);
  });

  it('requires a client and a dedupe store', () => {
    expect(() => createBroadcastConsumer({ dedupe: setDedupe() } as never)).toThrow(new LineError('createBroadcastConsumer: client must be a LineClient (createClient).'));
    expect(() => createBroadcastConsumer({ client: createClient({ channelToken: 't' }) } as never)).toThrow(/dedupe is required/);
    expect(() => createBroadcastConsumer({ client: createClient({ channelToken: 't' }), dedupe: setDedupe(), maxAttempts: 0 })).toThrow(
      'createBroadcastConsumer: maxAttempts must be an integer >= 1, got 0.',
    );
  });
});
