import { DecodeError, LineError, PayloadTooLargeError, SignatureError } from '../errors.js';
import type { LineEvent } from '../events/line-event.js';
import { eventDedupeKey } from './event-dedupe-key.js';
import { parseWebhook } from './parse-webhook.js';
import type {
  WebhookCallbackContext,
  WebhookContext,
  WebhookErrorContext,
  WebhookHandler,
  WebhookHandlerOptions,
} from './webhook-handler-options.js';
import { acceptedResponse, methodNotAllowedResponse, processingFailedResponse, rejectionResponse } from './webhook-response.js';
import { checkChannelSecret, resolveMaxBodyBytes } from './webhook-options.js';

const respondModes = ['first', 'after-processing', 'auto'] as const;

/**
 * Creates a fetch-style webhook handler: `(request, context?) => Promise<Response>`, usable as is on
 * Deno, Bun, Cloudflare Workers and any framework that speaks Web `Request`/`Response`.
 *
 * Status codes: non-POST → 405 (`Allow: POST`); missing or bad signature → 401; body over
 * `maxBodyBytes` → 413; bad UTF-8/JSON or envelope → 400; accepted → 200 `{"ok":true}`;
 * with `respond: 'after-processing'`, 500 when a callback threw. Error bodies are
 * `{"error":"<code>","message":"<text>"}` and never echo the body, a header or the secret.
 *
 * Options are checked at once: an empty secret or an unknown `respond` throws a {@link LineError} here.
 *
 * @param options - secret(s), limits, callbacks, dedupe store, respond mode (see {@link WebhookHandlerOptions})
 * @returns the handler
 */
export function createWebhookHandler<C extends WebhookContext = WebhookContext>(options: WebhookHandlerOptions<C>): WebhookHandler<C> {
  checkChannelSecret(options.channelSecret);
  const maxBodyBytes = resolveMaxBodyBytes(options.maxBodyBytes);
  const respond = options.respond ?? 'auto';
  if (!respondModes.includes(respond)) {
    throw new LineError(`respond must be one of ${respondModes.map((mode) => `'${mode}'`).join(', ')} (default 'auto').`);
  }
  const bodyOptions = { channelSecret: options.channelSecret, maxBodyBytes };

  async function report(error: unknown, context: WebhookErrorContext<C>): Promise<void> {
    try {
      if (options.onError) await options.onError(error, context);
      // Default: log what needs a developer (callbacks, store, unexpected 500s), not routine 4xx rejections.
      else if (context.phase !== 'request' || !isExpectedRejection(error)) console.error(`[line-business-connect] webhook ${context.phase} failed:`, error);
    } catch {
      // An onError that throws must not break the batch or the response.
    }
  }

  async function run<E extends LineEvent>(
    callback: ((event: E, context: WebhookCallbackContext<C>) => unknown) | undefined,
    event: E,
    base: WebhookCallbackContext<C>,
  ): Promise<boolean> {
    if (!callback) return true;
    try {
      await callback(event, base);
      return true;
    } catch (error) {
      await report(error, { ...base, phase: 'callback', event });
      return false;
    }
  }

  async function dispatch(event: LineEvent, base: WebhookCallbackContext<C>): Promise<boolean> {
    switch (event.type) {
      case 'message':
        return run(options.onMessage, event, base);
      case 'operation': {
        let ok = true;
        if (event.operation.type === 'addedAsFriend') ok = (await run(options.onFollow, event, base)) && ok;
        if (event.operation.type === 'blocked') ok = (await run(options.onBlock, event, base)) && ok;
        return (await run(options.onOperation, event, base)) && ok;
      }
      default:
        return run(options.onUnknown, event, base);
    }
  }

  /** Drops events the dedupe store already knows, and repeats inside the batch. */
  async function newEvents(events: LineEvent[], base: WebhookCallbackContext<C>): Promise<{ event: LineEvent; key: string | undefined }[]> {
    const keyed = events.map((event) => ({ event, key: eventDedupeKey(event) }));
    const store = options.dedupe;
    if (!store) return keyed;
    const known = await Promise.all(
      keyed.map(async ({ event, key }) => {
        if (key === undefined) return false;
        try {
          return (await store.has(key)) === true;
        } catch (error) {
          await report(error, { ...base, phase: 'dedupe', event });
          return false;
        }
      }),
    );
    const seen = new Set<string>();
    return keyed.filter(({ key }, index) => {
      if (known[index]) return false;
      if (key === undefined) return true;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** Runs every callback of a batch in order; resolves to false when any threw. Never rejects. */
  async function processBatch(events: LineEvent[], base: WebhookCallbackContext<C>): Promise<boolean> {
    try {
      const fresh = await newEvents(events, base);
      if (fresh.length === 0) return true;
      let allOk = true;
      let batchOk = true;
      if (options.onEvents) {
        try {
          await options.onEvents(
            fresh.map(({ event }) => event),
            base,
          );
        } catch (error) {
          batchOk = allOk = false;
          await report(error, { ...base, phase: 'callback' });
        }
      }
      for (const { event, key } of fresh) {
        const ok = (await dispatch(event, base)) && batchOk;
        if (!ok) allOk = false;
        // Remember the event only once it was fully handled, so a redelivery retries a failed one.
        if (ok && key !== undefined && options.dedupe) {
          try {
            await options.dedupe.add(key);
          } catch (error) {
            await report(error, { ...base, phase: 'dedupe', event });
          }
        }
      }
      return allOk;
    } catch (error) {
      await report(error, { ...base, phase: 'callback' });
      return false;
    }
  }

  return async function handleWebhook(request: Request, context?: C): Promise<Response> {
    if (request.method !== 'POST') return methodNotAllowedResponse();
    const base: WebhookCallbackContext<C> = { request, context };
    let events: LineEvent[];
    try {
      events = await parseWebhook(request, bodyOptions);
    } catch (error) {
      await report(error, { ...base, phase: 'request' });
      return rejectionResponse(error);
    }
    const waitUntil = typeof context?.waitUntil === 'function';
    if (respond === 'first' || (respond === 'auto' && waitUntil)) {
      const work = processBatch(events, base);
      if (waitUntil) context!.waitUntil!(work);
      return acceptedResponse();
    }
    return (await processBatch(events, base)) ? acceptedResponse() : processingFailedResponse();
  };
}

/** A rejection answered with 4xx: a forged, broken or oversized delivery, not a bug of the bot. */
function isExpectedRejection(error: unknown): boolean {
  return error instanceof SignatureError || error instanceof DecodeError || error instanceof PayloadTooLargeError;
}
