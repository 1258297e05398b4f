import { SignatureError } from '../errors.js';
import type { LineEvent } from '../events/line-event.js';
import { signatureHeader } from '../protocol/hosts.js';
import { verifyAndDecode, type WebhookBodyOptions } from './handle-webhook-body.js';
import { readBody } from './read-body.js';
import { resolveWebhookOptions } from './webhook-options.js';

/**
 * Verifies and decodes one webhook delivery from a Web `Request` (Deno, Bun, Workers, Node 20 fetch servers).
 *
 * Steps (spec §2): read the raw body once as bytes, stopping past `maxBodyBytes`; check the
 * `X-LINE-ChannelSignature` header (any case) over those bytes; decode UTF-8 + JSON; decode the events.
 * It does not check the method: {@link createWebhookHandler} answers 405 for non-POST requests.
 *
 * @param request - the incoming request; its body is consumed, so do not read it before
 * @param options - `channelSecret` (one, or several while rotating) and `maxBodyBytes` (default 1 MiB)
 * @returns the decoded events, in batch order
 * @throws SignatureError (`missing` or `mismatch`), PayloadTooLargeError, DecodeError (bad UTF-8, JSON or envelope)
 */
export async function parseWebhook(request: Request, options: WebhookBodyOptions): Promise<LineEvent[]> {
  return readAndDecode(request, options.channelSecret, resolveWebhookOptions(options));
}

/** {@link parseWebhook} with options already checked (see `verifyAndDecode`). @internal */
export async function readAndDecode(request: Request, channelSecret: string | readonly string[], maxBodyBytes: number): Promise<LineEvent[]> {
  // Headers.get is case-insensitive, so x-line-channelsignature and X-LINE-CHANNELSIGNATURE both match.
  const signature = request.headers.get(signatureHeader);
  // No signature: answer without reading (or buffering) the body at all.
  if (signature === null || signature.length === 0) {
    request.body?.cancel().catch(() => {});
    throw new SignatureError('missing');
  }
  return verifyAndDecode(await readBody(request, maxBodyBytes), signature, channelSecret, maxBodyBytes);
}
