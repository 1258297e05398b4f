import type { IncomingMessage } from 'node:http';
import { LineError, PayloadTooLargeError } from '../errors.js';
import { readBody, resolveMaxBodyBytes } from '../webhook/read-body.js';
import { nodeBodyStream } from './node-body-stream.js';

/** Options of {@link readNodeBody}. */
export interface ReadNodeBodyOptions {
  /** Largest accepted body in bytes; reading stops as soon as it is passed. Default `Limits.defaultMaxBodyBytes` (1 MiB). */
  maxBodyBytes?: number;
}

/**
 * A Node request as platforms and frameworks leave it: `rawBody` is set by Google Cloud Functions and
 * some Fastify/Nest setups; `body` by Express body parsers (`express.raw`, `express.text`, `express.json`).
 */
export interface NodeRequestWithBody extends IncomingMessage {
  /** The raw body bytes (Buffer, Uint8Array or string), where a platform keeps them. */
  rawBody?: unknown;
  /** What a body parser left: a Buffer/string (`express.raw`, `express.text`) or a parsed object (`express.json`). */
  body?: unknown;
  /** Express: the path before a mount point stripped it from `req.url`. */
  originalUrl?: string;
}

/** How to keep the raw body with Express, named in the error for an already-parsed body. */
export const expressRawBodyFix =
  "With Express, put express.raw({ type: 'application/json' }) on the webhook route, or mount the webhook middleware before express.json().";

/**
 * Reads the raw body of a Node `IncomingMessage` as bytes, for signature verification (spec §2: the
 * signature covers the exact bytes received, never re-serialised JSON).
 *
 * Where the bytes come from, first match wins:
 * 1. `req.rawBody` (Buffer, Uint8Array or string), set by Google Cloud Functions and some frameworks;
 * 2. `req.body` when it is a Buffer/Uint8Array or string (`express.raw()`, `express.text()`);
 * 3. the request stream, read chunk by chunk and abandoned as soon as it passes `maxBodyBytes`
 *    (a `Content-Length` above the limit is rejected before any byte is read).
 *
 * When a JSON body parser (`express.json()`) already consumed the stream and left an object in
 * `req.body`, the raw bytes are gone: this throws a {@link LineError} that names the fix.
 *
 * @param req - the incoming request
 * @param options - `maxBodyBytes` (default 1 MiB)
 * @returns the body bytes (empty for a request without a body)
 * @throws PayloadTooLargeError when the body, or its declared `Content-Length`, passes the limit
 * @throws LineError when the body was already parsed or read by someone else
 * @throws BodyReadError when the client went away before the body was complete
 */
export async function readNodeBody(req: IncomingMessage, options: ReadNodeBodyOptions = {}): Promise<Uint8Array> {
  const maxBodyBytes = resolveMaxBodyBytes(options.maxBodyBytes);
  const source = nodeBodySource(req as NodeRequestWithBody, (req as NodeRequestWithBody).body, expressRawBodyFix);
  if (source instanceof Uint8Array) {
    if (source.byteLength > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
    return source;
  }
  const headers = new Headers();
  const declared = req.headers['content-length'];
  if (declared !== undefined) headers.set('content-length', declared);
  const request = new Request('http://localhost/', { method: 'POST', headers, body: source, duplex: 'half' } as RequestInit);
  return readBody(request, maxBodyBytes);
}

/**
 * Internal: the body of a Node request as bytes already in memory (`rawBody`, or a Buffer/string
 * `body` left by a parser), else as a lazy stream over the socket.
 *
 * @param parsedBody - what the framework parsed (`req.body` for Express, `request.body` for Fastify)
 * @param fix - how to keep the raw body with that framework, for the error message
 * @throws LineError when the stream was consumed and only a parsed object is left
 */
export function nodeBodySource(req: NodeRequestWithBody, parsedBody: unknown, fix: string): Uint8Array | ReadableStream<Uint8Array> {
  const provided = bytesOf(req.rawBody) ?? bytesOf(parsedBody);
  if (provided) return provided;
  // Express 4's parsers set `req.body = {}` even when they skip a request: only an object whose
  // stream was consumed (`readableEnded`, or body-parser's `_body` flag) means the bytes are gone.
  const consumed = req.readableEnded || (req as { _body?: unknown })._body === true;
  if (parsedBody !== undefined && parsedBody !== null && consumed) {
    throw new LineError(
      `The request body was already parsed into an object, so the raw bytes the signature covers are gone. ${fix}`,
    );
  }
  if (consumed) {
    throw new LineError(
      'The request body stream was already read by another middleware: mount the webhook before any body parser, or have that parser keep the raw bytes in req.rawBody.',
    );
  }
  return nodeBodyStream(req);
}

/** The bytes of a Buffer/Uint8Array/string (strings are UTF-8 encoded), or undefined for anything else. */
function bytesOf(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value; // a Buffer is a Uint8Array
  if (typeof value === 'string') return new TextEncoder().encode(value);
  return undefined;
}
