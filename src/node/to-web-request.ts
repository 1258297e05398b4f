import type { IncomingMessage } from 'node:http';

/**
 * Turns a Node `IncomingMessage` plus its body into a Web `Request`, so the runtime-neutral webhook
 * flow (`createWebhookHandler`, `parseWebhook`) handles it unchanged.
 *
 * - method: `req.method` (default `GET`); the body is attached for every method but GET/HEAD;
 * - headers: every header of `req.rawHeaders`, repeated ones appended (HTTP/2 `:pseudo` headers skipped);
 * - URL: `http://` (`https://` on a TLS socket) + the `Host` header (default `localhost`) + the path
 *   (Express's `req.originalUrl` when set, else `req.url`). `X-Forwarded-*` headers are not trusted:
 *   the URL only serves routing and logging, never the signature check.
 *
 * @param req - the incoming request; its stream is not touched (pass it as `body` to stream it)
 * @param body - the raw body: bytes (e.g. from {@link readNodeBody}) or a byte stream. Default: none
 * @returns a `Request` whose body yields exactly those bytes
 */
export function toWebRequest(req: IncomingMessage, body?: Uint8Array | ReadableStream<Uint8Array>): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.startsWith(':')) continue;
    headers.append(name, raw[i + 1]!);
  }
  const method = req.method ?? 'GET';
  const encrypted = (req.socket as { encrypted?: boolean } | null)?.encrypted === true;
  const path = (req as { originalUrl?: unknown }).originalUrl;
  const url = requestUrl(typeof path === 'string' ? path : (req.url ?? '/'), `${encrypted ? 'https' : 'http'}://${headers.get('host') ?? 'localhost'}`);
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (method !== 'GET' && method !== 'HEAD' && body !== undefined) {
    init.body = body as BodyInit;
    // Node's Request needs `duplex: 'half'` for a stream body.
    if (!(body instanceof Uint8Array)) init.duplex = 'half';
  }
  return new Request(url, init);
}

/**
 * The request URL; a malformed `Host` header or path falls back to `http://localhost/` so it never throws.
 * User info (`Host: u@h`, a target `http://a:b@h/…`) is dropped: `new Request()` refuses a URL that holds
 * credentials, and anyone can send such a header.
 */
function requestUrl(path: string, origin: string): URL {
  let url: URL;
  try {
    // Absolute-form request targets (sent to proxies) already carry their origin.
    if (/^https?:\/\//i.test(path)) url = new URL(path);
    // Append rather than resolve, so `//other-host/x` stays a path on this host.
    else url = new URL(origin + (path.startsWith('/') ? path : `/${path}`));
  } catch {
    return new URL('http://localhost/');
  }
  url.username = '';
  url.password = '';
  return url;
}
