// Internal: raw body bytes → parsed JSON, as the first decoding step of the webhook flow.
import { DecodeError } from '../errors.js';

// One decoder for every body: `decode` without `stream` keeps no state between calls.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes the body as strict UTF-8 (spec §2: `charset=UTF-8`) and parses it as JSON; a failure is a
 * {@link DecodeError} with `reason: 'json'`. The error message never quotes the body: JSON.parse
 * messages do, so they only go in `cause`.
 */
export function decodeWebhookJson(bytes: Uint8Array): unknown {
  let what = 'UTF-8';
  try {
    const text = strictUtf8.decode(bytes);
    what = 'JSON';
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new DecodeError('json', `The webhook body is not valid ${what}: LINE sends {"result":[...]} as UTF-8 JSON.`, [`body is not valid ${what}`], { cause });
  }
}
