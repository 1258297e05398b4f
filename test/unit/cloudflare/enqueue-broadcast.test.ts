// enqueueBroadcast and the queue packing under it: chunks are exactly the requests client.send makes
// (same planner), within LINE's limits, in sendBatch calls within Cloudflare Queues' limits.
import { describe, expect, it } from 'vitest';
import { buildEventBody, buildSendPayload } from '../../../src/client/build-send-payload.js';
import { sendToQueue } from '../../../src/cloudflare/send-to-queue.js';
import { EnqueueError, QueueLimits, enqueueBroadcast, type BroadcastChunk } from '../../../src/cloudflare/index.js';
import { MessageValidationError, createClient, text } from '../../../src/index.js';
import { recordingQueue } from './fake-queue.js';

const mid = (index: number) => `u${index.toString(16).padStart(32, '0')}`;
const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).byteLength;
const chunksOf = (queue: ReturnType<typeof recordingQueue<BroadcastChunk>>) => queue.calls.flat().map((message) => message.body);

describe('sendToQueue (Cloudflare Queues limits)', () => {
  it('sends at most 100 messages per sendBatch, as JSON', async () => {
    const queue = recordingQueue<{ n: number }>();
    const sent = await sendToQueue(queue, Array.from({ length: 250 }, (_, n) => ({ n })), (i) => `body ${i}`);
    expect(sent).toBe(250);
    expect(queue.calls.map((call) => call.length)).toEqual([100, 100, 50]);
    expect(queue.calls[0]![0]).toEqual({ body: { n: 0 }, contentType: 'json' });
  });

  it('keeps each call within 256,000 bytes, counting 100 bytes of metadata per message', async () => {
    const queue = recordingQueue<string>();
    // 60,000 characters: 60,002 bytes of JSON + 100 of metadata; four make 240,408, five would make 300,510.
    await sendToQueue(queue, Array.from({ length: 9 }, () => 'x'.repeat(60_000)), (i) => `body ${i}`);
    expect(queue.calls.map((call) => call.length)).toEqual([4, 4, 1]);
    for (const call of queue.calls) expect(call.reduce((sum, m) => sum + utf8(m.body) + QueueLimits.metadataBytes, 0)).toBeLessThanOrEqual(256_000);
  });

  it('refuses a message over 128,000 bytes with an EnqueueError saying how many were sent', async () => {
    const queue = recordingQueue<string>();
    const bodies = [...Array.from({ length: 150 }, () => 'small'), 'y'.repeat(127_899), 'z'.repeat(127_897)];
    const error = await sendToQueue(queue, bodies, (i) => `event ${i} of the delivery`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnqueueError);
    expect((error as EnqueueError).sent).toBe(100);
    // 127,899 characters + 2 quotes + 100 = 128,001 bytes: one too many (the 50 before it are not sent either).
    expect((error as Error).message).toBe(
      'event 150 of the delivery is 128001 bytes as a queue message (JSON and metadata); Cloudflare Queues take at most 128000. Only 100 message(s) were sent.',
    );
    expect(queue.calls.map((call) => call.length)).toEqual([100]);
  });

  it('turns a refused sendBatch into an EnqueueError with the queue error as cause', async () => {
    const queue = recordingQueue<number>(1);
    const error = (await sendToQueue(queue, Array.from({ length: 150 }, (_, n) => n), String).catch((e: unknown) => e)) as EnqueueError;
    expect(error).toBeInstanceOf(EnqueueError);
    expect([error.sent, error.message, (error.cause as Error).message]).toEqual([
      100,
      'Cloudflare Queues refused a sendBatch of 50 message(s) after 100 were sent: Queue send failed: Too Many Requests',
      'Queue send failed: Too Many Requests',
    ]);
  });
});

describe('enqueueBroadcast', () => {
  it('enqueues exactly the requests client.send makes: ≤ 150 MIDs, bodies under 8192 bytes, repeats removed', async () => {
    const recipients = Array.from({ length: 1_000 }, (_, i) => mid(i % 900)); // 100 repeats
    const message = text('Spring sale: 20% off this week');
    const queue = recordingQueue<BroadcastChunk>();
    const result = await enqueueBroadcast(queue, { to: recipients, message, id: 'spring' });
    expect(result).toEqual({ id: 'spring', recipients: 900, chunks: 6 });

    const sent: string[][] = [];
    const client = createClient({
      channelToken: 'token',
      fetch: async (_input, init) => {
        sent.push((JSON.parse(String(init!.body)) as { to: string[] }).to);
        return Response.json({ failed: [], messageId: '1', timestamp: 1, version: 1 });
      },
      concurrency: 1,
    });
    await client.send(recipients, message);
    const chunks = chunksOf(queue);
    expect(chunks.map((chunk) => chunk.to)).toEqual(sent);
    expect(chunks.map((chunk) => chunk.id)).toEqual(['spring:0', 'spring:1', 'spring:2', 'spring:3', 'spring:4', 'spring:5']);
    expect(chunks[0]).toEqual({ kind: 'line-business-connect/broadcast-chunk', broadcastId: 'spring', id: 'spring:0', index: 0, to: sent[0], message: { contentType: 1, text: 'Spring sale: 20% off this week' }, toType: 'user' });
  });

  it('fits a long message by putting fewer MIDs in each chunk (body < 8192 bytes)', async () => {
    const message = text('あ'.repeat(2_000)); // 6,000 bytes of UTF-8
    const queue = recordingQueue<BroadcastChunk>();
    const result = await enqueueBroadcast(queue, { to: Array.from({ length: 500 }, (_, i) => mid(i)), message, id: 'long' });
    const payload = buildSendPayload(message, { toType: 'user', messageNotified: undefined, trial: false });
    const sizes = chunksOf(queue).map((chunk) => new TextEncoder().encode(buildEventBody(chunk.to, payload)).byteLength);
    expect(Math.max(...sizes)).toBeLessThan(8192);
    // Greedy: one more MID (35 bytes with its comma) would not have fit any full chunk.
    expect(sizes.slice(0, -1).every((size) => size + 35 >= 8192)).toBe(true);
    expect(chunksOf(queue).map((chunk) => chunk.to.length)).toEqual([...Array(8).fill(57), 44]);
    expect(result.chunks).toBe(9);
    // A chunk is small next to Queues' 128 KB.
    expect(Math.max(...chunksOf(queue).map(utf8))).toBeLessThan(9_000);
  });

  it('streams an async iterable, carries toType and messageNotified, and makes the same ids again for the same id', async () => {
    async function* cursor() {
      for (let i = 0; i < 10_000; i++) yield mid(i);
    }
    const queue = recordingQueue<BroadcastChunk>();
    const message = [text('one'), text('two')];
    const first = await enqueueBroadcast(queue, { to: cursor(), message, toType: 'group', messageNotified: 1, id: 'again' });
    const second = await enqueueBroadcast(queue, { to: cursor(), message, toType: 'group', messageNotified: 1, id: 'again' });
    expect(first).toEqual({ id: 'again', recipients: 10_000, chunks: 67 });
    expect(second).toEqual(first);
    const chunks = chunksOf(queue);
    expect(chunks.slice(0, 67).map((chunk) => chunk.id)).toEqual(chunks.slice(67).map((chunk) => chunk.id));
    expect(chunks[66]).toMatchObject({ id: 'again:66', toType: 'group', messageNotified: 1, to: Array.from({ length: 100 }, (_, i) => mid(9_900 + i)) });
    expect(queue.calls.every((call) => call.length <= 100)).toBe(true);
  });

  it('generates an id when none is given', async () => {
    const result = await enqueueBroadcast(recordingQueue<BroadcastChunk>(), { to: [mid(1)], message: text('hi') });
    expect(result.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses a bad message, a bad MID in an array or no recipient before enqueueing anything', async () => {
    const queue = recordingQueue<BroadcastChunk>();
    await expect(enqueueBroadcast(queue, { to: [mid(1)], message: { contentType: 1, text: '' } as never })).rejects.toThrow(MessageValidationError);
    await expect(enqueueBroadcast(queue, { to: [mid(1), ''], message: text('hi') })).rejects.toThrow('to[1]: a MID must be a non-empty string, got an empty string.');
    await expect(enqueueBroadcast(queue, { to: [], message: text('hi') })).rejects.toThrow(MessageValidationError);
    await expect(enqueueBroadcast(queue, { to: [mid(1)], message: text('hi'), maxRecipientsPerRequest: 151 })).rejects.toThrow(
      "enqueueBroadcast: maxRecipientsPerRequest must be an integer from 1 to 150 (LINE's limit), got 151.",
    );
    expect(queue.calls).toEqual([]);
  });

  it('stops at a bad MID in a stream after enqueueing what came before, with an EnqueueError', async () => {
    function* source() {
      for (let i = 0; i < 400; i++) yield mid(i);
      yield 42 as unknown as string;
    }
    const queue = recordingQueue<BroadcastChunk>();
    const error = (await enqueueBroadcast(queue, { to: source(), message: text('hi'), id: 'cursor' }).catch((e: unknown) => e)) as EnqueueError;
    expect(error).toBeInstanceOf(EnqueueError);
    expect(error.message).toBe('enqueueBroadcast: stopped after 3 chunk(s) of broadcast cursor were enqueued, because recipient #400 of the source is not a MID that can be sent.');
    expect(chunksOf(queue).flatMap((chunk) => chunk.to)).toHaveLength(400);
  });

  it('says how to finish when the queue refuses a call half-way', async () => {
    const queue = recordingQueue<BroadcastChunk>(2);
    const error = (await enqueueBroadcast(queue, { to: Array.from({ length: 60_000 }, (_, i) => mid(i)), message: text('hi'), id: 'big' }).catch((e: unknown) => e)) as EnqueueError;
    expect(error).toBeInstanceOf(EnqueueError);
    const sent = queue.calls.flat().length;
    expect(error.sent).toBe(sent);
    expect(error.message).toBe(
      `enqueueBroadcast: ${sent} chunk(s) of broadcast big were enqueued, then: Cloudflare Queues refused a sendBatch of ${chunksPerCall(queue)} message(s) after ${sent} were sent: Queue send failed: Too Many Requests Enqueue again with id "big" and the same recipients in the same order to finish: the consumer skips the chunks LINE accepted.`,
    );
  });
});

function chunksPerCall(queue: ReturnType<typeof recordingQueue<BroadcastChunk>>): number {
  return queue.calls[0]!.length;
}
