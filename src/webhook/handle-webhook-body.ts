import type { LineEvent } from '../events/line-event.js';
import { receiverFor, type WebhookBodyOptions } from './create-webhook-receiver.js';

/**
 * The webhook flow for a body that is already in memory: verify the `X-LINE-ChannelSignature` value
 * over the raw bytes, decode UTF-8 + JSON, then {@link decodeEvents}.
 *
 * Use it from adapters that read the body themselves, e.g. Node's `IncomingMessage` or Express with
 * `express.raw({ type: 'application/json' })`: pass the exact bytes received, never `JSON.stringify(req.body)`
 * (spec §2: the signature covers the raw bytes). To check the options once for many deliveries, use
 * {@link createWebhookReceiver}`(options).parseBody(body, signature)`.
 *
 * @param body - the raw body bytes (a string is UTF-8 encoded, which only round-trips for a body that was valid UTF-8)
 * @param signature - the `X-LINE-ChannelSignature` header value; null/undefined/'' when absent
 * @param options - secret(s) and size limit
 * @returns the decoded events, in batch order
 * @throws SignatureError (`missing` or `mismatch`), PayloadTooLargeError, DecodeError (`reason` `json` or `envelope`)
 */
export async function handleWebhookBody(
  body: Uint8Array | ArrayBuffer | string,
  signature: string | null | undefined,
  options: WebhookBodyOptions,
): Promise<LineEvent[]> {
  return receiverFor(options, 'handleWebhookBody').parseBody(body, signature);
}
