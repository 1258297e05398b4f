import type { LineEvent } from '../events/line-event.js';
import { receiverFor, type WebhookBodyOptions } from './create-webhook-receiver.js';

/**
 * Verifies and decodes one webhook delivery from a Web `Request` (Deno, Bun, Workers, Node 20 fetch servers).
 *
 * Steps (spec §2): read the raw body once as bytes, stopping past `maxBodyBytes`; check the
 * `X-LINE-ChannelSignature` header (any case) over those bytes; decode UTF-8 + JSON; decode the events.
 * It does not check the method: {@link createWebhookHandler} answers 405 for non-POST requests.
 * To check the options once for many deliveries, use {@link createWebhookReceiver}`(options).parse(request)`.
 *
 * @param request - the incoming request; its body is consumed, so do not read it before
 * @param options - `channelSecret` (one, or several while rotating) and `maxBodyBytes` (default 1 MiB)
 * @returns the decoded events, in batch order
 * @throws SignatureError (`missing` or `mismatch`), PayloadTooLargeError, BodyReadError (the client went
 *   away mid-body), DecodeError (`reason` `json` or `envelope`)
 */
export async function parseWebhook(request: Request, options: WebhookBodyOptions): Promise<LineEvent[]> {
  return receiverFor(options, 'parseWebhook').parse(request);
}
