import { BodyReadError, LineError, PayloadTooLargeError } from '../errors.js';
import { defaultMaxBodyBytes } from '../protocol/limits.js';

/**
 * Reads a request body as raw bytes, never buffering much more than `maxBodyBytes`.
 *
 * An attacker may send a huge body, so the size is bounded before or while reading:
 * - a `Content-Length` above the limit is rejected before any byte is read;
 * - a `Content-Length` within the limit, without `Transfer-Encoding`, is what the runtime's HTTP server
 *   holds the body to (it ends the request at that many bytes, or fails it), so the body is read in one
 *   native call (`arrayBuffer()`: several times cheaper than a stream reader on Deno and Bun);
 * - any other body (chunked, or a length the server did not frame) is read chunk by chunk and cancelled
 *   as soon as the running total passes the limit.
 * Either way the bytes read are checked against the limit again.
 *
 * @param request - the incoming request; its body is consumed
 * @param maxBodyBytes - the largest accepted body in bytes
 * @returns the body bytes (empty when the request has no body)
 * @throws PayloadTooLargeError when the body (or its declared `Content-Length`) passes the limit
 * @throws BodyReadError when the body stream fails before its end (the client went away)
 */
export async function readBody(request: Request, maxBodyBytes: number): Promise<Uint8Array> {
  if (request.bodyUsed) {
    throw new LineError(
      'The request body was already read: pass the Request before anything reads it (a body parser, request.json()), or pass the raw bytes to handleWebhookBody.',
    );
  }
  const declared = request.headers.get('content-length');
  // A malformed value (NaN) passes here; the stream reader below still enforces the limit.
  if (Number(declared) > maxBodyBytes) {
    // Release the connection's body without reading it.
    request.body?.cancel().catch(() => {});
    throw new PayloadTooLargeError(maxBodyBytes);
  }
  if (declared !== null && /^\d+$/.test(declared) && !request.headers.has('transfer-encoding')) {
    // `request.body` is not touched here: on Deno that alone makes a stream and slows the read down.
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await request.arrayBuffer());
    } catch (cause) {
      throw new BodyReadError({ cause });
    }
    if (bytes.byteLength > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
    return bytes;
  }
  const body = request.body;
  if (body === null) return new Uint8Array(0);

  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (cause) {
      // The runtime's own error (a TypeError "terminated", an ECONNRESET…): a routine 400, never a 500.
      throw cause instanceof BodyReadError ? cause : new BodyReadError({ cause });
    }
    const { done, value } = chunk;
    if (done) break;
    const error = !(value instanceof Uint8Array)
      ? new LineError('The request body stream yielded a chunk that is not a Uint8Array: build the Request from bytes or a byte stream.')
      : (total += value.byteLength) > maxBodyBytes
        ? new PayloadTooLargeError(maxBodyBytes)
        : undefined;
    if (error) {
      // Stop pulling at once; do not wait for the source to acknowledge the cancel.
      reader.cancel().catch(() => {});
      throw error;
    }
    chunks.push(value);
  }
  reader.releaseLock();
  // One chunk (the common case) is used as is; several are joined natively.
  return chunks.length === 1 ? chunks[0]! : new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer());
}

/** `maxBodyBytes` with its default (`Limits.defaultMaxBodyBytes`, 1 MiB); a LineError for anything but a number ≥ 0. */
export function resolveMaxBodyBytes(maxBodyBytes: number | undefined): number {
  if (maxBodyBytes === undefined) return defaultMaxBodyBytes;
  if (typeof maxBodyBytes !== 'number' || !(maxBodyBytes >= 0) /* also NaN */) {
    throw new LineError(`maxBodyBytes must be a number of bytes ≥ 0 (default ${defaultMaxBodyBytes}).`);
  }
  return maxBodyBytes;
}
