import { HeaderName } from '../protocol/hosts.js';
import { signBody } from '../signature/sign-body.js';
import type { RawEvent, RawWebhookBody } from './raw-event.js';

/** What {@link signedRequest} can sign: raw events, a whole `{result:[…]}` body, or exact body text/bytes. */
export type SignedRequestBody = RawEvent | readonly RawEvent[] | RawWebhookBody | string | Uint8Array | ArrayBuffer;

/** Options of {@link signedRequest}. */
export interface SignedRequestOptions {
  /** The channel secret to sign with (use a wrong one to test rejection). */
  channelSecret: string;
  /** The request URL. Default `'https://bot.example.com/webhook'`. */
  url?: string;
  /** Extra or replacing headers, applied after the defaults (e.g. `{ 'X-LINE-ChannelSignature': '' }`). Default none. */
  headers?: HeadersInit;
}

/**
 * Builds the Web `Request` LINE would POST to your event endpoint (spec §2): method `POST`,
 * `Content-Type: application/json; charset=UTF-8` and a valid `X-LINE-ChannelSignature` computed
 * with `signBody` over the exact body bytes. Feed it to `parseWebhook`, a `createWebhookHandler`
 * handler, or `fetch` it to a running server.
 *
 * The body is, by type of `input`: a string or bytes → sent exactly as given; an object with `result` →
 * JSON of that object; an array of events → `{"result":[…]}`; a single event → `{"result":[event]}`.
 *
 * @example
 * ```ts
 * const request = await signedRequest([textEvent({ text: 'hi' })], { channelSecret: 'secret' });
 * const events = await parseWebhook(request, { channelSecret: 'secret' });
 * ```
 */
export async function signedRequest(input: SignedRequestBody, options: SignedRequestOptions): Promise<Request> {
  const body = toBody(input);
  const headers = new Headers({ 'Content-Type': 'application/json; charset=UTF-8' });
  headers.set(HeaderName.signature, await signBody(body, options.channelSecret));
  if (options.headers) new Headers(options.headers).forEach((value, name) => headers.set(name, value));
  return new Request(options.url ?? 'https://bot.example.com/webhook', { method: 'POST', headers, body });
}

function toBody(input: SignedRequestBody): string | Uint8Array<ArrayBuffer> {
  if (typeof input === 'string') return input;
  // Copy bytes so the Request owns a plain ArrayBuffer-backed view (and later edits by the caller do not leak in).
  if (input instanceof Uint8Array) return new Uint8Array(input);
  if (input instanceof ArrayBuffer) return new Uint8Array(input.slice(0));
  if (Array.isArray(input)) return JSON.stringify({ result: input });
  if (typeof input === 'object' && input !== null && 'result' in input) return JSON.stringify(input);
  return JSON.stringify({ result: [input] });
}
