// Internal: the JSON responses of the webhook handler. Messages are fixed texts: they never echo the
// body, a header value or a secret (JSON.parse messages quote the body, so they are never used here).
import { BodyReadError, DecodeError, PayloadTooLargeError, SignatureError } from '../errors.js';

// Built once: a Response needs its own body and init, but the texts and header objects can be shared.
const jsonHeaders = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
const acceptedInit: ResponseInit = { status: 200, headers: { 'cache-control': 'no-store' } };

/** A JSON response with `Content-Type: application/json`. */
export function jsonResponse(status: number, body: Record<string, unknown>, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), { status, headers: headers ? { ...jsonHeaders, ...headers } : jsonHeaders });
}

/** An error response: `{"error":"<code>","message":"<text>"}`. */
function errorResponse(status: number, error: string, message: string, headers?: Record<string, string>): Response {
  return jsonResponse(status, { error, message }, headers);
}

/**
 * 200 without a body: the delivery was accepted. LINE reads only the status, and on Node 20 a
 * `Response` with any body builds a `ReadableStream`, 15–28 µs a call: more than verifying and
 * decoding a 1-event batch (docs/benchmarks.md).
 */
export function acceptedResponse(): Response {
  return new Response(null, acceptedInit);
}

/** 405 with `Allow: POST` (LINE only POSTs, spec §2). */
export function methodNotAllowedResponse(): Response {
  return errorResponse(405, 'method_not_allowed', 'LINE delivers events with POST; other methods are not allowed.', { allow: 'POST' });
}

/** 500 after processing, when at least one callback threw. */
export function processingFailedResponse(): Response {
  return errorResponse(500, 'processing_failed', 'Processing of at least one event failed.');
}

/**
 * The response for an error that rejected a delivery: 401, 400, 413, or 500 for anything unexpected
 * (a bug or a misconfiguration, such as a body read before the handler).
 */
export function rejectionResponse(error: unknown): Response {
  // The codes carry the error's reason: signature_missing / signature_mismatch, invalid_json / invalid_envelope.
  if (error instanceof SignatureError) {
    return errorResponse(
      401,
      `signature_${error.reason}`,
      `The X-LINE-ChannelSignature header ${error.reason === 'missing' ? 'is missing or empty' : 'does not match the body'}.`,
    );
  }
  if (error instanceof PayloadTooLargeError) return errorResponse(413, 'payload_too_large', `The body is larger than ${error.limitBytes} bytes.`);
  if (error instanceof BodyReadError) return errorResponse(400, 'body_read_failed', 'The request body could not be read to its end.');
  if (error instanceof DecodeError) {
    return errorResponse(400, `invalid_${error.reason}`, error.reason === 'json' ? 'The body is not valid UTF-8 JSON.' : 'The body is not the {"result":[...]} envelope LINE sends.');
  }
  return errorResponse(500, 'internal_error', 'The webhook handler failed unexpectedly.');
}
