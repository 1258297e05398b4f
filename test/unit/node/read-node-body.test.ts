import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineError, PayloadTooLargeError } from '../../../src/errors.js';
import { readNodeBody } from '../../../src/node/read-node-body.js';

/** A readable request that serves `chunks` on demand and counts how many it was asked for. */
function fakeRequest(chunks: Uint8Array[], headers: Record<string, string> = {}, extra: Record<string, unknown> = {}) {
  let served = 0;
  const stream = new Readable({
    highWaterMark: 1,
    read() {
      const chunk = chunks[served];
      served += 1;
      this.push(chunk ?? null);
    },
  });
  Object.assign(stream, { headers, rawHeaders: Object.entries(headers).flat(), method: 'POST', url: '/callback' }, extra);
  return { req: stream as unknown as IncomingMessage, served: () => served };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readNodeBody', () => {
  it('reads the stream into exactly the bytes sent, across chunks', async () => {
    const { req } = fakeRequest([bytes('{"result"'), bytes(':[]}'), bytes('\n')]);
    expect(new TextDecoder().decode(await readNodeBody(req))).toBe('{"result":[]}\n');
  });

  it('returns an empty body for a request without one', async () => {
    const { req } = fakeRequest([]);
    expect(await readNodeBody(req)).toEqual(new Uint8Array(0));
  });

  it('stops pulling chunks as soon as the limit is passed', async () => {
    const chunk = new Uint8Array(100).fill(0x61);
    const { req, served } = fakeRequest(Array.from({ length: 1000 }, () => chunk));
    const error = await readNodeBody(req, { maxBodyBytes: 250 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as PayloadTooLargeError).limitBytes).toBe(250);
    // 3 chunks pass 250 bytes; a small read-ahead is allowed, the other ~997 chunks must stay unread.
    expect(served()).toBeLessThanOrEqual(6);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(served()).toBeLessThanOrEqual(6);
  });

  it('accepts a body of exactly maxBodyBytes', async () => {
    const { req } = fakeRequest([new Uint8Array(100), new Uint8Array(150)]);
    expect((await readNodeBody(req, { maxBodyBytes: 250 })).byteLength).toBe(250);
  });

  it('rejects a declared Content-Length above the limit before reading a byte', async () => {
    const { req, served } = fakeRequest([bytes('x')], { 'content-length': '251' });
    await expect(readNodeBody(req, { maxBodyBytes: 250 })).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(served()).toBe(0);
  });

  it('uses req.rawBody (Google Cloud Functions) without touching the stream', async () => {
    for (const rawBody of [Buffer.from('{"a":1}'), bytes('{"a":1}'), '{"a":1}']) {
      const { req, served } = fakeRequest([bytes('stream bytes')], {}, { rawBody, body: { a: 1 }, _body: true });
      expect(new TextDecoder().decode(await readNodeBody(req))).toBe('{"a":1}');
      expect(served()).toBe(0);
    }
  });

  it('uses a Buffer or string req.body (express.raw / express.text)', async () => {
    const fromBuffer = fakeRequest([], {}, { body: Buffer.from('{"raw":true}'), _body: true });
    expect(new TextDecoder().decode(await readNodeBody(fromBuffer.req))).toBe('{"raw":true}');
    const fromString = fakeRequest([], {}, { body: 'héllo', _body: true });
    expect(await readNodeBody(fromString.req)).toEqual(bytes('héllo'));
  });

  it('applies the limit to rawBody and req.body too', async () => {
    const { req } = fakeRequest([], {}, { rawBody: Buffer.alloc(11) });
    await expect(readNodeBody(req, { maxBodyBytes: 10 })).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  it('names the fix when express.json() already parsed the body', async () => {
    const { req } = fakeRequest([], {}, { body: { result: [] }, _body: true });
    const error = await readNodeBody(req).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LineError);
    expect((error as Error).message).toBe(
      "The request body was already parsed into an object, so the raw bytes the signature covers are gone. With Express, put express.raw({ type: 'application/json' }) on the webhook route, or mount the webhook middleware before express.json().",
    );
  });

  it("reads the stream when a parser skipped the request but left req.body = {} (Express 4)", async () => {
    const { req } = fakeRequest([bytes('{"result":[]}')], {}, { body: {} });
    expect(new TextDecoder().decode(await readNodeBody(req))).toBe('{"result":[]}');
  });

  it('fails clearly when the stream was already consumed and nothing was kept', async () => {
    const { req } = fakeRequest([bytes('x')]);
    req.resume();
    await new Promise((resolve) => req.on('end', resolve));
    await expect(readNodeBody(req)).rejects.toThrow(
      'The request body stream was already read by another middleware: mount the webhook before any body parser, or have that parser keep the raw bytes in req.rawBody.',
    );
  });

  it('rejects an invalid maxBodyBytes', async () => {
    const { req } = fakeRequest([]);
    await expect(readNodeBody(req, { maxBodyBytes: -1 })).rejects.toThrow('maxBodyBytes must be a number of bytes ≥ 0 (default 1048576).');
  });
});
