import { LineError } from '../errors.js';
import { decodeBase64 } from '../signature/base64.js';
import { isLambdaEventV2, type LambdaEventV1, type LambdaHttpEvent } from './lambda-event.js';

const utf8 = new TextEncoder();

/**
 * A header value as Node's `http` would present it: header bytes are read as Latin-1, so non-ASCII
 * text (which API Gateway decoded from UTF-8 bytes) is turned back into those bytes, one char each.
 */
function headerValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u007f]/.test(value)) return value;
  return String.fromCharCode(...utf8.encode(value));
}

/** Adds one header; a name or value a `Headers` refuses (control characters) is left out, never thrown. */
function append(headers: Headers, name: string, value: string | undefined): void {
  if (value === undefined) return;
  try {
    headers.append(name, headerValue(value));
  } catch {
    // Not representable as an HTTP header: API Gateway does not send such headers.
  }
}

function headersOf(event: LambdaHttpEvent): Headers {
  const headers = new Headers();
  if (isLambdaEventV2(event)) {
    for (const [name, value] of Object.entries(event.headers ?? {})) append(headers, name, value);
    // HTTP APIs and Function URLs move the Cookie header into `cookies`.
    if (event.cookies && event.cookies.length > 0 && !headers.has('cookie')) append(headers, 'cookie', event.cookies.join('; '));
    return headers;
  }
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {})) for (const value of values ?? []) append(headers, name, value);
  for (const [name, value] of Object.entries(event.headers ?? {})) if (!headers.has(name)) append(headers, name, value);
  return headers;
}

/** The query string of a v1 event, re-encoded (API Gateway hands the parameters over decoded). */
function queryOf(event: LambdaEventV1): string {
  const query = new URLSearchParams();
  if (event.multiValueQueryStringParameters) {
    for (const [name, values] of Object.entries(event.multiValueQueryStringParameters)) for (const value of values ?? []) query.append(name, value);
  } else {
    for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) if (value !== undefined) query.append(name, value);
  }
  return query.toString();
}

/** `https://<domainName or Host>/<path>?<query>`; never throws (a malformed one becomes `https://localhost/`). */
function urlOf(event: LambdaHttpEvent, headers: Headers): string {
  const host = event.requestContext?.domainName || headers.get('host') || 'localhost';
  const v2 = isLambdaEventV2(event);
  const path = (v2 ? event.rawPath : (event as LambdaEventV1).path) || '/';
  const query = v2 ? (event.rawQueryString ?? '') : queryOf(event as LambdaEventV1);
  try {
    // Append rather than resolve, so that `//other-host/x` stays a path on this host.
    return new URL(`https://${host}${path.startsWith('/') ? path : `/${path}`}${query ? `?${query}` : ''}`).href;
  } catch {
    return 'https://localhost/';
  }
}

/**
 * Turns an API Gateway REST API (v1), HTTP API (v2) or Function URL event into a Web `Request`, so
 * that `createWebhookHandler` and `parseWebhook` handle it unchanged.
 *
 * - body: the exact bytes the client sent, which the signature covers (spec §2): Base64-decoded when
 *   `isBase64Encoded`, else the text as UTF-8; none for GET and HEAD;
 * - method: `httpMethod` (v1) or `requestContext.http.method` (v2);
 * - headers: every value of `multiValueHeaders` (v1, then `headers` for names not in it), or `headers`
 *   (v2) plus `cookies` as one `Cookie` header; a non-ASCII value is passed as its UTF-8 bytes, one
 *   char each (as Node's `http` shows them), and a header `Headers` refuses is left out;
 * - URL: `https://` + `requestContext.domainName` (else the `Host` header, else `localhost`) + the path
 *   and query. It only serves routing and logging, never the signature check.
 *
 * @param event - the Lambda event
 * @returns a `Request` whose body yields exactly the bytes the client sent
 * @throws LineError when the event is not an HTTP event (no method), or `isBase64Encoded` is set and the body is not Base64
 * @throws TypeError for a method a Web `Request` cannot carry (`CONNECT`, `TRACE`, `TRACK`, or not a token)
 */
export function toWebRequest(event: LambdaHttpEvent): Request {
  const method = isLambdaEventV2(event) ? event.requestContext.http.method : (event as Partial<LambdaEventV1>).httpMethod;
  if (typeof method !== 'string' || method === '') {
    throw new LineError(
      'The Lambda event is not an HTTP event (no httpMethod or requestContext.http.method): createLambdaHandler takes API Gateway REST or HTTP API and Function URL events. Check the trigger of the function.',
    );
  }
  const headers = headersOf(event);
  const init: RequestInit = { method, headers };
  const { body } = event;
  const bodyless = /^(GET|HEAD)$/i.test(method);
  if (typeof body === 'string' && !bodyless) {
    if (event.isBase64Encoded === true) {
      const bytes = decodeBase64(body);
      if (bytes === undefined) throw new LineError('The Lambda event says isBase64Encoded, but its body is not valid Base64.');
      init.body = bytes as Uint8Array<ArrayBuffer>;
    } else {
      init.body = utf8.encode(body);
    }
  }
  return new Request(urlOf(event, headers), init);
}
