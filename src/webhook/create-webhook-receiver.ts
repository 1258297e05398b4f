import { LineError, PayloadTooLargeError, SignatureError } from '../errors.js';
import { checkOptionKeys, optionKeys } from '../option-keys.js';
import { decodeEvents } from '../events/decode-events.js';
import type { LineEvent } from '../events/line-event.js';
import { signatureHeader } from '../protocol/hosts.js';
import { bodyBytes, hmacKeys, verifyWithKeys } from '../signature/hmac-key.js';
import { decodeWebhookJson } from './decode-webhook-json.js';
import { readBody, resolveMaxBodyBytes } from './read-body.js';

/** Options of {@link createWebhookReceiver}, {@link parseWebhook} and {@link handleWebhookBody}. */
export interface WebhookBodyOptions {
  /** The channel secret; several while rotating it (any match is accepted). Required. */
  channelSecret: string | readonly string[];
  /** Largest accepted body in bytes. Default `Limits.defaultMaxBodyBytes` (1 MiB). */
  maxBodyBytes?: number;
}

/** Verifies and decodes deliveries with options checked once (see {@link createWebhookReceiver}). */
export interface WebhookReceiver {
  /** The `maxBodyBytes` in force (the default applied). */
  readonly maxBodyBytes: number;
  /**
   * Reads a Web `Request` once as bytes (stopping past `maxBodyBytes`), checks its
   * `X-LINE-ChannelSignature` header (any case) over those bytes, decodes UTF-8 + JSON and the events.
   * Without a signature header the body is not read at all. The method is not checked.
   */
  parse(request: Request): Promise<LineEvent[]>;
  /**
   * The same for a body already in memory (Express `express.raw()`, Fastify, a queue): pass the exact
   * bytes received, never `JSON.stringify(req.body)` (spec §2: the signature covers the raw bytes). A
   * string is UTF-8 encoded, which only round-trips for a body that was valid UTF-8.
   */
  parseBody(body: Uint8Array | ArrayBuffer | string, signature: string | null | undefined): Promise<LineEvent[]>;
}

/**
 * Creates the webhook receiver: the secret(s) and the body limit are checked and prepared once, then
 * each delivery costs only reading, one HMAC per secret tried, `JSON.parse` and decoding. The one flow
 * behind {@link parseWebhook}, {@link handleWebhookBody}, {@link createWebhookHandler} and the Node adapters.
 *
 * Both methods reject with SignatureError (`missing` or `mismatch`), PayloadTooLargeError, BodyReadError
 * (the body stream failed: the client went away) or DecodeError (`reason` `json` or `envelope`), in
 * that order of checks: a missing signature fails before the body is read, a bad one before it is parsed.
 *
 * @param options - `channelSecret` (one, or several while rotating) and `maxBodyBytes` (default 1 MiB)
 * @returns the receiver
 * @throws LineError at once for an empty secret or an invalid `maxBodyBytes`
 */
export function createWebhookReceiver(options: WebhookBodyOptions): WebhookReceiver {
  return receiverFor(options, 'createWebhookReceiver');
}

const BODY_OPTION_KEYS = /* @__PURE__ */ optionKeys<WebhookBodyOptions>()(['channelSecret', 'maxBodyBytes']);

/**
 * {@link createWebhookReceiver} for the entry point named `where` (the name in its errors), which takes
 * exactly the body options. @internal
 */
export function receiverFor(options: WebhookBodyOptions, where: string): WebhookReceiver {
  const { maxBodyBytes, parse, verifyAndDecode } = requestReceiverFor(options, where, BODY_OPTION_KEYS);
  return {
    maxBodyBytes,
    parse,
    async parseBody(body, signature) {
      if (typeof signature !== 'string' || signature.length === 0) throw new SignatureError('missing');
      return verifyAndDecode(bodyBytes(body), signature);
    },
  };
}

/** The receiver without `parseBody`, and the step both methods end with. @internal */
export interface RequestReceiver extends Omit<WebhookReceiver, 'parseBody'> {
  /** Checks `signature` over `bytes` (after the body limit), then decodes them. */
  verifyAndDecode(bytes: Uint8Array, signature: string): LineEvent[] | Promise<LineEvent[]>;
}

/**
 * {@link receiverFor} without `parseBody`: what the webhook handler uses, so that its bundle leaves out
 * the in-memory body path. @internal
 */
export function requestReceiverFor(options: WebhookBodyOptions, where: string, known: readonly string[]): RequestReceiver {
  if (options === null || typeof options !== 'object') throw new LineError(`${where}: pass an options object with channelSecret.`);
  checkOptionKeys(options, known, where);
  const keys = hmacKeys(options.channelSecret);
  const maxBodyBytes = resolveMaxBodyBytes(options.maxBodyBytes);

  // Synchronous while the HMAC is (node:crypto): no extra promise per delivery.
  function verifyAndDecode(bytes: Uint8Array, signature: string): LineEvent[] | Promise<LineEvent[]> {
    if (bytes.byteLength > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
    const verdict = verifyWithKeys(keys, bytes, signature);
    return typeof verdict === 'boolean' ? decode(verdict, bytes) : verdict.then((ok) => decode(ok, bytes));
  }

  function decode(verified: boolean, bytes: Uint8Array): LineEvent[] {
    if (!verified) throw new SignatureError('mismatch');
    return decodeEvents(decodeWebhookJson(bytes));
  }

  return {
    maxBodyBytes,
    async parse(request) {
      // Headers.get is case-insensitive, so x-line-channelsignature and X-LINE-CHANNELSIGNATURE both match.
      const signature = request.headers.get(signatureHeader);
      // No signature: answer without reading (or buffering) the body at all (spec §2: fail closed).
      if (!signature) {
        request.body?.cancel().catch(() => {});
        throw new SignatureError('missing');
      }
      return verifyAndDecode(await readBody(request, maxBodyBytes), signature);
    },
    verifyAndDecode,
  };
}
