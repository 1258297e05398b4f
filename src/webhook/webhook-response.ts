// Internal: the JSON responses of the webhook handler. Messages are fixed texts: they never echo the
// body, a header value or a secret (JSON.parse messages quote the body, so they are never used here).
import { DecodeError, PayloadTooLargeError, SignatureError } from '../errors.js';
import { isJsonDecodeError } from './decode-webhook-json.js';

/** A JSON response with `Content-Type: application/json`. */
export function jsonResponse(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** 200: the delivery was accepted. */
export function acceptedResponse(): Response {
  return jsonResponse(200, { ok: true });
}

/** 405 with `Allow: POST` (LINE only POSTs, spec §2). */
export function methodNotAllowedResponse(): Response {
  return jsonResponse(405, { error: 'method_not_allowed', message: 'LINE delivers events with POST; other methods are not allowed.' }, { allow: 'POST' });
}

/** 500 after processing, when at least one callback threw. */
export function processingFailedResponse(): Response {
  return jsonResponse(500, { error: 'processing_failed', message: 'Processing of at least one event failed.' });
}

/** The response for an error that rejected a delivery: 401, 400, 413, or 500 for anything unexpected. */
export function rejectionResponse(error: unknown): Response {
  if (error instanceof SignatureError) {
    return error.reason === 'missing'
      ? jsonResponse(401, { error: 'signature_missing', message: 'The X-LINE-ChannelSignature header is missing or empty.' })
      : jsonResponse(401, { error: 'signature_mismatch', message: 'The X-LINE-ChannelSignature header does not match the body.' });
  }
  if (error instanceof PayloadTooLargeError) {
    return jsonResponse(413, { error: 'payload_too_large', message: `The body is larger than ${error.limitBytes} bytes.` });
  }
  if (error instanceof DecodeError) {
    return isJsonDecodeError(error)
      ? jsonResponse(400, { error: 'invalid_json', message: 'The body is not valid UTF-8 JSON.' })
      : jsonResponse(400, { error: 'invalid_envelope', message: 'The body is not the {"result":[...]} envelope LINE sends.' });
  }
  return jsonResponse(500, { error: 'internal_error', message: 'The webhook handler failed unexpectedly.' });
}
