import { LineError } from '../errors.js';
import type { LineEvent } from '../events/line-event.js';
import { eventDedupeKey } from './event-dedupe-key.js';
import { readAndDecode } from './parse-webhook.js';
import type {
  WebhookCallbackContext,
  WebhookContext,
  WebhookErrorContext,
  WebhookHandler,
  WebhookHandlerOptions,
} from './webhook-handler-options.js';
import { acceptedResponse, methodNotAllowedResponse, processingFailedResponse, rejectionResponse } from './webhook-response.js';
import { resolveWebhookOptions } from './webhook-options.js';

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
  const maxBodyBytes = resolveWebhookOptions(options);
  const respond = options.respond ?? 'auto';
  if (respond !== 'first' && respond !== 'after-processing' && respond !== 'auto') {
    throw new LineError("respond must be 'first', 'after-processing' or 'auto' (default 'auto').");
  }
  const store = options.dedupe;

  /** Hands an error to `onError`; by default logs it, unless it is a routine 4xx rejection (`expected`). */
  async function report(error: unknown, context: WebhookErrorContext<C>, expected = false): Promise<void> {
    try {
      if (options.onError) await options.onError(error, context);
      // Default: log what needs a developer (callbacks, store, unexpected 500s), not a forged, broken or oversized delivery.
      else if (!expected) console.error(`[line-business-connect] webhook ${context.phase} failed:`, error);
    } catch {
      // An onError that throws must not break the batch or the response.
    }
  }

  /**
   * Runs one call into user code (a callback, the store): false, once reported, when it threw. Never
   * rejects. The error context is only built on a throw (this runs for every event).
   */
  async function attempt(call: () => unknown, base: WebhookCallbackContext<C>, phase: 'callback' | 'dedupe', event?: LineEvent): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      const context: WebhookErrorContext<C> = { ...base, phase };
      if (event) context.event = event;
      await report(error, context);
      return false;
    }
  }

  /** Runs the callbacks of one event in order (`onFollow`/`onBlock` before `onOperation`); false when one threw. */
  async function dispatch(event: LineEvent, base: WebhookCallbackContext<C>): Promise<boolean> {
    const operation = event.type === 'operation' ? event.operation.type : undefined;
    const callbacks =
      event.type === 'message'
        ? [options.onMessage]
        : operation
          ? [operation === 'addedAsFriend' ? options.onFollow : operation === 'blocked' ? options.onBlock : undefined, options.onOperation]
          : [options.onUnknown];
    let ok = true;
    for (const callback of callbacks) {
      // `as never`: each callback gets the event kind it is declared for, narrowed above.
      if (callback && !(await attempt(() => callback(event as never, base), base, 'callback', event))) ok = false;
    }
    return ok;
  }

  /** Runs every callback of a batch in order, skipping known events; false when any threw. Never rejects. */
  async function processBatch(events: LineEvent[], base: WebhookCallbackContext<C>): Promise<boolean> {
    const keys = events.map(eventDedupeKey);
    const known = store
      ? await Promise.all(
          events.map(async (event, index) => {
            const key = keys[index];
            let has = false;
            // A store that throws is reported, and the event processed anyway: failing open beats dropping it.
            if (key !== undefined) await attempt(async () => (has = (await store.has(key)) === true), base, 'dedupe', event);
            return has;
          }),
        )
      : [];
    // With a store, a repeat inside the batch is skipped too.
    const seen = new Set<string | undefined>();
    const fresh: { event: LineEvent; key: string | undefined }[] = [];
    events.forEach((event, index) => {
      const key = keys[index];
      if (known[index] || seen.has(key)) return;
      if (store && key !== undefined) seen.add(key);
      fresh.push({ event, key });
    });
    if (fresh.length === 0) return true;
    const { onEvents } = options;
    const batchOk = !onEvents || (await attempt(() => onEvents(fresh.map(({ event }) => event), base), base, 'callback'));
    let allOk = batchOk;
    for (const { event, key } of fresh) {
      // Remember the event only once it was fully handled, so a redelivery retries a failed one.
      if ((await dispatch(event, base)) && batchOk) {
        if (store && key !== undefined) await attempt(() => store.add(key), base, 'dedupe', event);
      } else {
        allOk = false;
      }
    }
    return allOk;
  }

  return async function handleWebhook(request: Request, context?: C): Promise<Response> {
    if (request.method !== 'POST') return methodNotAllowedResponse();
    const base: WebhookCallbackContext<C> = { request, context };
    let events: LineEvent[];
    try {
      events = await readAndDecode(request, options.channelSecret, maxBodyBytes);
    } catch (error) {
      const response = rejectionResponse(error);
      await report(error, { ...base, phase: 'request' }, response.status < 500);
      return response;
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
