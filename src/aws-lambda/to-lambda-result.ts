import { encodeBase64 } from '../signature/base64.js';
import { isLambdaEventV2, type LambdaHttpEvent, type LambdaHttpResult, type LambdaResultV1, type LambdaResultV2 } from './lambda-event.js';

// Media types whose body is text, so it can travel as a JSON string; anything else goes as Base64.
const textType = /^(text\/|application\/(?:[\w.+-]+\+)?(?:json|xml|javascript|x-www-form-urlencoded)\b|image\/svg\+xml\b)/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The body as Lambda wants it: text when it is declared and valid UTF-8 text, not compressed; else Base64. */
function encodeBody(bytes: Uint8Array, headers: Headers): { body: string; isBase64Encoded: boolean } {
  if (bytes.byteLength === 0) return { body: '', isBase64Encoded: false };
  const encoding = headers.get('content-encoding');
  const compressed = encoding !== null && !/^identity$/i.test(encoding.trim());
  if (!compressed && textType.test(headers.get('content-type') ?? '')) {
    try {
      return { body: strictUtf8.decode(bytes), isBase64Encoded: false };
    } catch {
      // Declared as text but not UTF-8: Base64 keeps the bytes.
    }
  }
  return { body: encodeBase64(bytes), isBase64Encoded: true };
}

/**
 * Turns a Web `Response` into the result Lambda expects for `event`'s payload format:
 *
 * - HTTP API and Function URL (v2): `statusCode`, `headers` (one value each, repeated ones joined
 *   with commas) and every `Set-Cookie` in `cookies`;
 * - REST API (v1): when the event carried `multiValueHeaders` (API Gateway always sends them), every
 *   header as `multiValueHeaders` with each `Set-Cookie` separate; else `headers`, plus
 *   `multiValueHeaders` for `Set-Cookie` only (API Gateway merges the two);
 * - `body`: text for text media types (`text/*`, JSON, XML, JavaScript, forms, SVG) that are valid UTF-8
 *   and not compressed, else Base64 with `isBase64Encoded: true` (a REST API returns such a body
 *   as bytes only for the binary media types configured on the API).
 *
 * @param response - the response to send (its body is read)
 * @param event - the event it answers; decides the shape
 * @returns the Lambda result
 */
export async function toLambdaResult(response: Response, event: LambdaHttpEvent): Promise<LambdaHttpResult> {
  const { body, isBase64Encoded } = encodeBody(new Uint8Array(await response.arrayBuffer()), response.headers);
  const cookies = response.headers.getSetCookie();
  const single: Record<string, string> = {};
  // Headers iterate with lower-case names, repeated values joined; Set-Cookie is listed once per cookie.
  for (const [name, value] of response.headers) if (name !== 'set-cookie') single[name] = value;

  if (isLambdaEventV2(event)) {
    const result: LambdaResultV2 = { statusCode: response.status, headers: single, body, isBase64Encoded };
    if (cookies.length > 0) result.cookies = cookies;
    return result;
  }
  const result: LambdaResultV1 = { statusCode: response.status, body, isBase64Encoded };
  if (event.multiValueHeaders) {
    const multi: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(single)) multi[name] = [value];
    if (cookies.length > 0) multi['set-cookie'] = cookies;
    result.multiValueHeaders = multi;
  } else {
    result.headers = single;
    if (cookies.length > 0) result.multiValueHeaders = { 'set-cookie': cookies };
  }
  return result;
}
