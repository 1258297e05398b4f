// The two mappings of line-business-connect/aws-lambda on their own: Lambda event → Web Request
// (toWebRequest) and Web Response → Lambda result (toLambdaResult), per payload format.
import { describe, expect, it } from 'vitest';
import { toLambdaResult } from '../../../src/aws-lambda/to-lambda-result.js';
import { toWebRequest } from '../../../src/aws-lambda/to-web-request.js';
import { LineError } from '../../../src/errors.js';
import { functionUrlEvent, httpApiEvent, restApiEvent } from '../../helpers/lambda-events.js';

const bytesOf = async (request: Request) => new Uint8Array(await request.arrayBuffer());

describe('toWebRequest', () => {
  it('REST API: method, URL with the re-encoded query, every header value, exact body bytes', async () => {
    const event = restApiEvent(
      { body: '{"result":[]}', headers: {} },
      {
        multiValueHeaders: { 'X-Forwarded-For': ['203.0.113.1', '198.51.100.2'], 'Content-Type': ['application/json; charset=UTF-8'] },
        query: { q: ['a b&c'], tag: ['x', 'y'] },
      },
    );
    const request = toWebRequest(event);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://abcdef1234.execute-api.ap-northeast-1.amazonaws.com/callback?q=a+b%26c&tag=x&tag=y');
    expect(request.headers.get('x-forwarded-for')).toBe('203.0.113.1, 198.51.100.2');
    // Names only in `headers` (not in multiValueHeaders) are added too.
    expect(request.headers.get('user-agent')).toBe('LINE-BotSDK');
    expect(new TextDecoder().decode(await bytesOf(request))).toBe('{"result":[]}');
  });

  it('Base64 bodies are decoded to the exact bytes, including bytes that are not UTF-8', async () => {
    const bytes = Uint8Array.from([0x7b, 0xff, 0x00, 0xe3, 0x81, 0x82, 0x7d]);
    expect(await bytesOf(toWebRequest(restApiEvent({ body: bytes, base64: true })))).toEqual(bytes);
    expect(await bytesOf(toWebRequest(functionUrlEvent({ body: bytes, base64: true })))).toEqual(bytes);
  });

  it('a text body is sent as its UTF-8 bytes', async () => {
    const text = '{"t":"こんにちは 👋"}';
    expect(await bytesOf(toWebRequest(httpApiEvent({ body: text })))).toEqual(new TextEncoder().encode(text));
  });

  it('HTTP API: rawQueryString as received, cookies as one Cookie header, domainName as host', () => {
    const request = toWebRequest(httpApiEvent({ headers: { 'X-Multi': 'a,b' } }, { rawQueryString: 'a=%20x&b', cookies: ['s=1', 't=2'] }));
    expect(request.url).toBe('https://r3pmxmplak.execute-api.ap-northeast-1.amazonaws.com/callback?a=%20x&b');
    expect(request.headers.get('cookie')).toBe('s=1; t=2');
    expect(request.headers.get('x-multi')).toBe('a,b');
  });

  it('a non-ASCII header value becomes its UTF-8 bytes (as Node shows them); an unrepresentable one is left out', () => {
    const request = toWebRequest(httpApiEvent({ headers: { 'X-Name': 'café ☕', 'X-Latin': 'é', 'X-Bad': 'a\nb', 'X-Good': 'ok' } }));
    expect(request.headers.get('x-latin')).toBe('\u00c3\u00a9');
    // The whole value as UTF-8 bytes, one char each: what Node's http gives for the same bytes on the wire.
    expect(request.headers.get('x-name')).toBe('caf\u00c3\u00a9 \u00e2\u0098\u0095');
    expect(request.headers.has('x-bad')).toBe(false);
    expect(request.headers.get('x-good')).toBe('ok');
  });

  it('no domainName: the Host header, else localhost; a GET carries no body', async () => {
    const event = restApiEvent({ method: 'GET', body: 'ignored' });
    event.requestContext.domainName = undefined;
    const request = toWebRequest(event);
    expect(request.url).toBe('https://abcdef1234.execute-api.ap-northeast-1.amazonaws.com/callback');
    expect(request.body).toBeNull();
    expect(toWebRequest({ httpMethod: 'POST', path: 'x y', headers: null, requestContext: null }).url).toBe('https://localhost/x%20y');
  });

  it('throws a LineError for an event without a method and for a body marked Base64 that is not', () => {
    expect(() => toWebRequest({ path: '/' } as never)).toThrow(LineError);
    expect(() => toWebRequest({ ...httpApiEvent(), body: 'not*base64', isBase64Encoded: true })).toThrow(
      new LineError('The Lambda event says isBase64Encoded, but its body is not valid Base64.'),
    );
  });
});

describe('toLambdaResult', () => {
  const v1 = restApiEvent();
  const v2 = httpApiEvent();

  it('v2: headers one value each, Set-Cookie values in cookies', async () => {
    const headers = new Headers({ 'content-type': 'text/plain; charset=utf-8' });
    headers.append('set-cookie', 'a=1; Path=/');
    headers.append('set-cookie', 'b=2, c');
    headers.append('x-list', '1');
    headers.append('x-list', '2');
    expect(await toLambdaResult(new Response('hi', { status: 201, headers }), v2)).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-list': '1, 2' },
      cookies: ['a=1; Path=/', 'b=2, c'],
      body: 'hi',
      isBase64Encoded: false,
    });
  });

  it('v1 with multiValueHeaders: every header as a list, each Set-Cookie separate', async () => {
    const headers = new Headers({ 'content-type': 'application/json' });
    headers.append('set-cookie', 'a=1');
    headers.append('set-cookie', 'b=2');
    expect(await toLambdaResult(new Response('{}', { headers }), v1)).toEqual({
      statusCode: 200,
      multiValueHeaders: { 'content-type': ['application/json'], 'set-cookie': ['a=1', 'b=2'] },
      body: '{}',
      isBase64Encoded: false,
    });
  });

  it('v1 without multiValueHeaders: headers, plus multiValueHeaders for Set-Cookie only', async () => {
    const headers = new Headers({ 'content-type': 'application/json' });
    headers.append('set-cookie', 'a=1');
    expect(await toLambdaResult(new Response('{}', { headers }), { ...v1, multiValueHeaders: null })).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      multiValueHeaders: { 'set-cookie': ['a=1'] },
      body: '{}',
      isBase64Encoded: false,
    });
  });

  it('binary, compressed and mislabelled bodies go as Base64; an empty body as ""', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(await toLambdaResult(new Response(png, { headers: { 'content-type': 'image/png' } }), v2)).toMatchObject({ body: 'iVBORw0KGgo=', isBase64Encoded: true });
    const gzipped = Uint8Array.from([0x1f, 0x8b, 0x08, 0x00]);
    expect(await toLambdaResult(new Response(gzipped, { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }), v2)).toMatchObject({
      body: 'H4sIAA==',
      isBase64Encoded: true,
    });
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9]);
    expect(await toLambdaResult(new Response(latin1, { headers: { 'content-type': 'text/plain' } }), v2)).toMatchObject({ body: 'Y2Fm6Q==', isBase64Encoded: true });
    expect(await toLambdaResult(new Response('caf\u00e9', { headers: { 'content-type': 'text/plain', 'content-encoding': 'identity' } }), v2)).toMatchObject({
      body: 'café',
      isBase64Encoded: false,
    });
    expect(await toLambdaResult(new Response(null, { status: 204 }), v1)).toMatchObject({ statusCode: 204, body: '', isBase64Encoded: false });
    expect(await toLambdaResult(new Response('<svg/>', { headers: { 'content-type': 'image/svg+xml' } }), v2)).toMatchObject({ body: '<svg/>', isBase64Encoded: false });
  });
});
