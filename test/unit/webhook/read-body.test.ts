import { describe, expect, it, vi } from 'vitest';
import { LineError, PayloadTooLargeError } from '../../../src/errors.js';
import { readBody } from '../../../src/webhook/read-body.js';

/** A would-be endless body that counts how many chunks were pulled from it. */
function countingStream(chunkBytes: number, totalChunks = Number.POSITIVE_INFINITY) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= totalChunks) {
        controller.close();
        return;
      }
      state.pulled++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(state.pulled % 256));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request('https://bot.example.com/callback', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

describe('readBody', () => {
  it('joins a multi-chunk body into the exact bytes', async () => {
    const { stream, state } = countingStream(1000, 5);
    const bytes = await readBody(post(stream), 5000);
    expect(bytes.byteLength).toBe(5000);
    expect([bytes[0], bytes[999], bytes[1000], bytes[4999]]).toEqual([1, 1, 2, 5]);
    expect(state.cancelled).toBe(false);
  });

  it('accepts a body of exactly maxBodyBytes and rejects one byte more', async () => {
    await expect(readBody(post(new Uint8Array(100)), 100)).resolves.toHaveLength(100);
    await expect(readBody(post(new Uint8Array(101)), 100)).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  it('returns empty bytes for a request without a body', async () => {
    expect(await readBody(post(null), 10)).toEqual(new Uint8Array(0));
  });

  it('stops pulling right after the limit of a would-be 100 MB stream and cancels it', async () => {
    const chunkBytes = 64 * 1024;
    const limit = 1024 * 1024;
    const { stream, state } = countingStream(chunkBytes, (100 * 1024 * 1024) / chunkBytes);
    const error = await readBody(post(stream), limit).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as PayloadTooLargeError).limitBytes).toBe(limit);
    // Cancellation reaches the source asynchronously: poll (bounded), then check nothing more was pulled.
    await vi.waitFor(() => expect(state.cancelled).toBe(true), { timeout: 5_000, interval: 5 });
    expect(state.pulled).toBeGreaterThan(limit / chunkBytes);
    expect(state.pulled).toBeLessThanOrEqual(limit / chunkBytes + 2);
  });

  it('rejects a Content-Length above the limit before reading a byte', async () => {
    const { stream, state } = countingStream(10);
    const request = post(stream, { 'content-length': String(50 * 1024 * 1024) });
    await expect(readBody(request, 1024)).rejects.toBeInstanceOf(PayloadTooLargeError);
    await vi.waitFor(() => expect(state.cancelled).toBe(true), { timeout: 5_000, interval: 5 });
    // At most the stream's own read-ahead (highWaterMark 1), never a read by us.
    expect(state.pulled).toBeLessThanOrEqual(1);
    expect(state.cancelled).toBe(true);
  });

  it('does not trust a Content-Length that understates the body', async () => {
    const request = post(new Uint8Array(2000), { 'content-length': '10' });
    await expect(readBody(request, 1000)).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  it('throws a LineError naming the fix when the body was already read', async () => {
    const request = post('{"result":[]}');
    await request.text();
    await expect(readBody(request, 1000)).rejects.toThrow(/already read/);
    await expect(readBody(request, 1000)).rejects.toBeInstanceOf(LineError);
  });
});
