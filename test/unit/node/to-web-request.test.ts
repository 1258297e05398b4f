import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { toWebRequest } from '../../../src/node/to-web-request.js';

function nodeRequest(fields: { method?: string; url?: string; rawHeaders: string[]; encrypted?: boolean; originalUrl?: string }): IncomingMessage {
  return { method: fields.method, url: fields.url, rawHeaders: fields.rawHeaders, socket: { encrypted: fields.encrypted }, originalUrl: fields.originalUrl } as unknown as IncomingMessage;
}

describe('toWebRequest', () => {
  it('copies method, URL, every header (repeated ones appended) and the exact body bytes', async () => {
    const body = new Uint8Array([0x7b, 0x7d, 0x0a, 0xff]);
    const request = toWebRequest(
      nodeRequest({
        method: 'POST',
        url: '/callback?x=1',
        rawHeaders: ['Host', 'bot.example.com:8443', 'X-LINE-ChannelSignature', 'abc=', 'Accept', 'a', 'accept', 'b', ':authority', 'ignored'],
      }),
      body,
    );
    expect(request.method).toBe('POST');
    expect(request.url).toBe('http://bot.example.com:8443/callback?x=1');
    expect(request.headers.get('x-line-channelsignature')).toBe('abc=');
    expect(request.headers.get('accept')).toBe('a, b');
    expect([...request.headers.keys()]).toEqual(['accept', 'host', 'x-line-channelsignature']);
    expect(new Uint8Array(await request.arrayBuffer())).toEqual(body);
  });

  it('uses https on a TLS socket, localhost without a Host header, and Express originalUrl', () => {
    expect(toWebRequest(nodeRequest({ method: 'GET', url: '/a', rawHeaders: ['Host', 'h'], encrypted: true })).url).toBe('https://h/a');
    expect(toWebRequest(nodeRequest({ method: 'GET', url: '/a', rawHeaders: [] })).url).toBe('http://localhost/a');
    expect(toWebRequest(nodeRequest({ method: 'GET', url: '/', originalUrl: '/hooks/line', rawHeaders: [] })).url).toBe('http://localhost/hooks/line');
  });

  it('keeps a path that looks protocol-relative on this host, and never throws on a bad Host', () => {
    expect(toWebRequest(nodeRequest({ method: 'GET', url: '//evil.example/x', rawHeaders: ['Host', 'h'] })).url).toBe('http://h//evil.example/x');
    expect(toWebRequest(nodeRequest({ method: 'GET', url: '/x', rawHeaders: ['Host', 'bad host'] })).url).toBe('http://localhost/');
  });

  it('attaches no body to GET/HEAD and accepts a stream body', async () => {
    expect(toWebRequest(nodeRequest({ method: 'GET', rawHeaders: [] }), new Uint8Array([1])).body).toBeNull();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1, 2]));
        controller.enqueue(new Uint8Array([3]));
        controller.close();
      },
    });
    const request = toWebRequest(nodeRequest({ method: 'POST', rawHeaders: [] }), stream);
    expect(new Uint8Array(await request.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });
});
