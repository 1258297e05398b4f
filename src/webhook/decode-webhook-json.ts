// Internal: raw body bytes → parsed JSON, as the first decoding step of the webhook flow.
import { DecodeError } from '../errors.js';

const jsonErrors = new WeakSet<DecodeError>();

/**
 * Decodes the body as strict UTF-8 (spec §2: `charset=UTF-8`) and parses it as JSON.
 * The error message never quotes the body: JSON.parse messages do, so they only go in `cause`.
 */
export function decodeWebhookJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw markJson(new DecodeError('The webhook body is not valid UTF-8: LINE sends UTF-8 JSON.', ['body is not valid UTF-8'], { cause }));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw markJson(
      new DecodeError('The webhook body is not valid JSON: LINE sends {"result":[...]}.', ['body is not valid JSON'], { cause }),
    );
  }
}

/** True when the error came from {@link decodeWebhookJson} (bad UTF-8/JSON) rather than from the envelope check. */
export function isJsonDecodeError(error: unknown): boolean {
  return error instanceof DecodeError && jsonErrors.has(error);
}

function markJson(error: DecodeError): DecodeError {
  jsonErrors.add(error);
  return error;
}
