import { PayloadTooLargeError, SignatureError } from '../errors.js';
import { decodeEvents } from '../events/decode-events.js';
import type { LineEvent } from '../events/line-event.js';
import { bodyBytes } from '../signature/hmac-key.js';
import { verifySignature } from '../signature/verify-signature.js';
import { decodeWebhookJson } from './decode-webhook-json.js';
import { resolveWebhookOptions } from './webhook-options.js';

/** Options of {@link handleWebhookBody} and {@link parseWebhook}. */
export interface WebhookBodyOptions {
  /** The channel secret; several while rotating it (any match is accepted). Required. */
  channelSecret: string | readonly string[];
  /** Largest accepted body in bytes. Default `Limits.defaultMaxBodyBytes` (1 MiB). */
  maxBodyBytes?: number;
}

/**
 * The shared webhook flow for a body that is already in memory: verify the
 * `X-LINE-ChannelSignature` value over the raw bytes, decode UTF-8 + JSON, then {@link decodeEvents}.
 *
 * Use it from adapters that read the body themselves, e.g. Node's `IncomingMessage` or Express with
 * `express.raw({ type: 'application/json' })`: pass the exact bytes received, never `JSON.stringify(req.body)`
 * (spec §2: the signature covers the raw bytes). {@link parseWebhook} calls it for a Web `Request`.
 *
 * @param body - the raw body bytes (a string is UTF-8 encoded, which only round-trips for a body that was valid UTF-8)
 * @param signature - the `X-LINE-ChannelSignature` header value; null/undefined/'' when absent
 * @param options - secret(s) and size limit
 * @returns the decoded events, in batch order
 * @throws SignatureError (`missing` or `mismatch`), PayloadTooLargeError, DecodeError (bad UTF-8, JSON or envelope)
 */
export async function handleWebhookBody(
  body: Uint8Array | ArrayBuffer | string,
  signature: string | null | undefined,
  options: WebhookBodyOptions,
): Promise<LineEvent[]> {
  return verifyAndDecode(bodyBytes(body), signature, options.channelSecret, resolveWebhookOptions(options));
}

/**
 * The flow behind {@link handleWebhookBody} with options already checked, so entry points that
 * resolved them once (the handler, {@link parseWebhook}) do not check them again per delivery.
 * @internal
 */
export async function verifyAndDecode(
  bytes: Uint8Array,
  signature: string | null | undefined,
  channelSecret: string | readonly string[],
  maxBodyBytes: number,
): Promise<LineEvent[]> {
  // Fail closed on a missing header before spending any work on the body (spec §2).
  if (typeof signature !== 'string' || signature.length === 0) throw new SignatureError('missing');
  if (bytes.byteLength > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
  if (!(await verifySignature(bytes, signature, channelSecret))) throw new SignatureError('mismatch');
  return decodeEvents(decodeWebhookJson(bytes));
}
