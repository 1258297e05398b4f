import { LineError } from '../errors.js';
import type { LineEvent } from '../events/line-event.js';
import { defaultLogger } from '../logger.js';
import { createLogLimiter } from './create-log-limiter.js';
import { requestReceiverFor } from './create-webhook-receiver.js';
import { optionKeys } from '../option-keys.js';
import { eventDedupeKey } from './event-dedupe-key.js';
import type {
  WebhookCallbackContext,
  WebhookContext,
  WebhookErrorContext,
  WebhookHandler,
  WebhookHandlerOptions,
} from './webhook-handler-options.js';
import { acceptedResponse, methodNotAllowedResponse, processingFailedResponse, rejectionResponse } from './webhook-response.js';

/**
 * Creates a fetch-style webhook handler: `(request, context?) => Promise<Response>`, usable as is on
 * Deno, Bun, Cloudflare Workers and any framework that speaks Web `Request`/`Response`.
 *
 * Status codes: non-POST → 405 (`Allow: POST`); missing or bad signature → 401; body over
 * `maxBodyBytes` → 413; bad UTF-8/JSON or envelope, or a body that broke off → 400; accepted → 200
 * with no body; with `respond: 'after-processing'`, 500 when a callback threw. Error bodies are
 * `{"error":"<code>","message":"<text>"}` and never echo the body, a header or the secret. Rejected
 * deliveries are logged at `warn`, rate-limited (see `logger`).
 *
 * Options are checked at once: an empty secret or an unknown `respond` throws a {@link LineError} here.
 * Verification and decoding are {@link createWebhookReceiver}'s; this adds the answer and the dispatch.
 *
 * @param options - secret(s), limits, callbacks, dedupe store, respond mode, logger (see {@link WebhookHandlerOptions})
 * @returns the handler
 */
export function createWebhookHandler<C extends WebhookContext = WebhookContext>(options: WebhookHandlerOptions<C>): WebhookHandler<C> {
  return createWebhookFlow(options, 'createWebhookHandler').handle;
}

/** The handler plus what the Node adapters need around it. @internal */
export interface WebhookFlow<C extends WebhookContext> {
  /** The fetch-style handler. */
  handle: WebhookHandler<C>;
  /** Hands an error to `onError`, else logs it at `error`. Never rejects. */
  report(error: unknown, context: WebhookErrorContext<C>): Promise<void>;
  /** The handler's logger behind its rate limit (the budget rejected deliveries share). */
  limitedLog(level: 'warn' | 'error', message: string): void;
}

/** Every option of {@link createWebhookHandler} (a misspelled one is refused, naming the closest). @internal */
export const HANDLER_OPTION_KEYS = /* @__PURE__ */ optionKeys<WebhookHandlerOptions>()([
  'channelSecret',
  'maxBodyBytes',
  'respond',
  'dedupe',
  'logger',
  'onEvents',
  'onMessage',
  'onOperation',
  'onAddedAsFriend',
  'onBlocked',
  'onInvitedToGroup',
  'onAddedToRoom',
  'onUnknown',
  'onError',
]);

/** {@link createWebhookHandler} with the parts the Node adapters share; `where` names the entry point in errors. @internal */
export function createWebhookFlow<C extends WebhookContext = WebhookContext>(options: WebhookHandlerOptions<C>, where: string): WebhookFlow<C> {
  const receiver = requestReceiverFor(options, where, HANDLER_OPTION_KEYS);
  const respond = options.respond ?? 'auto';
  if (respond !== 'first' && respond !== 'after-processing' && respond !== 'auto') {
    throw new LineError("respond must be 'first', 'after-processing' or 'auto' (default 'auto').");
  }
  const { dedupe: store, onError, onEvents, onMessage, onOperation, onUnknown } = options;
  // The callback of each operation type, named after it (one name per concept).
  const byOperation = { addedAsFriend: options.onAddedAsFriend, blocked: options.onBlocked, invitedToGroup: options.onInvitedToGroup, addedToRoom: options.onAddedToRoom, unknown: undefined };
  const logger = options.logger ?? defaultLogger;
  // Anyone can send a bad request: what they cause is logged within a budget.
  const limitedLog = createLogLimiter(logger);

  async function report(error: unknown, context: WebhookErrorContext<C>): Promise<void> {
    try {
      if (onError) await onError(error, context);
      else logger.error(`[line-business-connect] webhook ${context.phase} failed:`, error);
    } catch {
      // An onError (or a logger) that throws must not break the batch or the response.
    }
  }

  /** The answer to a delivery that failed before dispatch: 4xx logged at `warn` (rate-limited), 5xx reported as a bug. */
  async function reject(error: unknown, base: WebhookCallbackContext<C>): Promise<Response> {
    const response = rejectionResponse(error);
    const bug = response.status >= 500;
    // A 4xx: one line without a stack (the status, then `<name>: <message>`, which says what to check).
    if (!bug) limitedLog('warn', `[line-business-connect] webhook delivery rejected with ${response.status}: ${String(error)}`);
    // Then onError hears of it; a bug with no onError is logged at `error` (report).
    if (bug || onError) await report(error, { ...base, phase: 'request' });
    return response;
  }

  /**
   * Runs one call into user code: true when it succeeded, false (once reported) when it threw or
   * rejected. A callback that returns no promise is not awaited, so a batch of synchronous callbacks
   * costs no extra turns of the event loop; the error context is built only on a failure.
   */
  function attempt<A>(
    call: (argument: A, base: WebhookCallbackContext<C>) => unknown,
    argument: A,
    base: WebhookCallbackContext<C>,
    phase: 'callback' | 'dedupe',
    event?: LineEvent,
  ): boolean | Promise<boolean> {
    const failed = async (error: unknown): Promise<boolean> => {
      const context: WebhookErrorContext<C> = { ...base, phase };
      if (event) context.event = event;
      await report(error, context);
      return false;
    };
    try {
      const result = call(argument, base);
      if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function') {
        return Promise.resolve(result).then(() => true, failed);
      }
      return true;
    } catch (error) {
      return failed(error);
    }
  }

  /** Runs the callbacks of one event in order (the operation type's own callback before `onOperation`); false when one failed. */
  function dispatch(event: LineEvent, base: WebhookCallbackContext<C>): boolean | Promise<boolean> {
    switch (event.type) {
      case 'message':
        return !onMessage || attempt(onMessage, event, base, 'callback', event);
      case 'operation': {
        const specific = byOperation[event.operation.type];
        const first = !specific || attempt(specific, event, base, 'callback', event);
        const then = (ok: boolean) => {
          const second = !onOperation || attempt(onOperation, event, base, 'callback', event);
          return typeof second === 'boolean' ? second && ok : second.then((done) => done && ok);
        };
        return typeof first === 'boolean' ? then(first) : first.then(then);
      }
      default:
        return !onUnknown || attempt(onUnknown, event, base, 'callback', event);
    }
  }

  /**
   * Runs every callback of a batch in order, each awaited only when it returned a promise; false when any
   * failed. Never rejects. With a dedupe store, events it knows and repeats inside the batch are skipped;
   * without one, no keys are made and nothing is looked up.
   */
  async function processBatch(events: LineEvent[], base: WebhookCallbackContext<C>): Promise<boolean> {
    let keys: (string | undefined)[] | undefined;
    if (store) {
      const all = events.map(eventDedupeKey);
      const known = await Promise.all(
        events.map(async (event, index) => {
          const key = all[index];
          let seen = false;
          // A store that throws is reported, and the event processed anyway: failing open beats dropping it.
          if (key !== undefined) await attempt(async (k: string) => (seen = (await store.has(k)) === true), key, base, 'dedupe', event);
          return seen;
        }),
      );
      const seen = new Set<string>();
      keys = [];
      const fresh: LineEvent[] = [];
      events.forEach((event, index) => {
        const key = all[index];
        if (known[index] || (key !== undefined && seen.has(key))) return;
        if (key !== undefined) seen.add(key);
        fresh.push(event);
        keys!.push(key);
      });
      if (fresh.length === 0) return true;
      events = fresh;
    }
    const batchOk = events.length === 0 || !onEvents || (await attempt(onEvents, events, base, 'callback'));
    let ok = batchOk;
    for (let index = 0; index < events.length; index++) {
      const event = events[index]!;
      const done = dispatch(event, base);
      const key = keys?.[index];
      if (!(typeof done === 'boolean' ? done : await done)) ok = false;
      // Remember the event only once it was fully handled, so a redelivery retries a failed one.
      else if (batchOk && key !== undefined) await attempt((k: string) => store!.add(k), key, base, 'dedupe', event);
    }
    return ok;
  }

  async function handle(request: Request, context?: C): Promise<Response> {
    if (request.method !== 'POST') return methodNotAllowedResponse();
    const base: WebhookCallbackContext<C> = { request, context };
    let events: LineEvent[];
    try {
      events = await receiver.parse(request);
    } catch (error) {
      return reject(error, base);
    }
    const waitUntil = typeof context?.waitUntil === 'function';
    if (respond === 'first' || (respond === 'auto' && waitUntil)) {
      const work = processBatch(events, base);
      if (waitUntil) context!.waitUntil!(work);
      return acceptedResponse();
    }
    return (await processBatch(events, base)) ? acceptedResponse() : processingFailedResponse();
  }

  return { handle, report, limitedLog };
}
