import type { LineEvent, MessageEvent, OperationEvent, UnknownEvent } from '../events/line-event.js';
import type { Logger } from '../logger.js';

/**
 * What the runtime passes next to the request, e.g. a Cloudflare Workers `ExecutionContext` or a
 * Vercel/Netlify edge context. Only `waitUntil` is used: with it, `respond: 'auto'` answers 200 first
 * and keeps the processing alive with `context.waitUntil(promise)` (called as a method, so a Workers
 * context needs no `bind`). Any extra fields (e.g. `env`) reach your callbacks untouched.
 */
export interface WebhookContext {
  /** Keeps the runtime alive until `promise` settles, after the response was sent. */
  waitUntil?(promise: Promise<unknown>): void;
}

/**
 * A store that remembers which events were already processed, so a redelivered event is not handled
 * twice (spec §2: "a bot may see the same event twice"). Keys come from {@link eventDedupeKey}:
 * `<event id>:m:<message id>` or `<event id>:o:<revision>`; unknown events are never deduplicated.
 *
 * `has` is asked for every event before any callback runs; `add` is called after all callbacks of an
 * event succeeded (so a failed event can be processed again on a redelivery: at-least-once). The pair
 * is not atomic: two deliveries racing each other may both run. Give keys a time to live (e.g. a day)
 * in a shared store such as Redis or Workers KV; a `Set` works for a single long-running server.
 */
export interface DedupeStore {
  /** True when the key was already processed. */
  has(key: string): boolean | Promise<boolean>;
  /** Remembers a processed key. */
  add(key: string): void | Promise<void>;
}

/** The second argument of every callback. */
export interface WebhookCallbackContext<C extends WebhookContext = WebhookContext> {
  /** The request that delivered the batch (its body is already consumed): URL, headers. */
  request: Request;
  /** The second argument given to the handler (e.g. the Workers `ExecutionContext`), or undefined. */
  context: C | undefined;
}

/** The second argument of `onError`: where the error happened. */
export interface WebhookErrorContext<C extends WebhookContext = WebhookContext> extends WebhookCallbackContext<C> {
  /**
   * `request`: the delivery was rejected (bad signature 401, bad body 400, too large 413, or an
   * unexpected failure 500); `callback`: one of your callbacks threw; `dedupe`: the dedupe store threw
   * (the event is then processed anyway: failing open beats dropping an event).
   */
  phase: 'request' | 'callback' | 'dedupe';
  /** The event being processed, when the error concerns one event (not for `onEvents` or `request`). */
  event?: LineEvent;
}

/**
 * Options of {@link createWebhookHandler}. All callbacks are optional; for each batch they run one
 * at a time in this order: `onEvents(batch)`, then for each event in batch order its own callbacks
 * (`onMessage`; the operation's own `onAddedAsFriend`, `onBlocked`, `onInvitedToGroup` or `onAddedToRoom`,
 * then `onOperation`; `onUnknown`). Each callback is awaited
 * before the next starts (return a promise to be awaited), so a block that follows a message is
 * handled after that message.
 */
export interface WebhookHandlerOptions<C extends WebhookContext = WebhookContext> {
  /** The channel secret; an array of secrets while rotating it (any match is accepted). Required. */
  channelSecret: string | readonly string[];
  /** Largest accepted body in bytes; larger deliveries get 413 without being buffered. Default `Limits.defaultMaxBodyBytes` (1 MiB). */
  maxBodyBytes?: number;
  /**
   * When to answer LINE. Default `'auto'`.
   * - `'first'`: answer 200 once the delivery is verified and decoded, then run the callbacks
   *   (under `context.waitUntil` when given; otherwise as a detached promise, fine on a long-running server).
   * - `'after-processing'`: run every callback, then answer 200, or 500 when a callback threw.
   * - `'auto'`: `'first'` when the runtime passes a `context.waitUntil`, else `'after-processing'`,
   *   so a serverless function is not frozen mid-work after it answered.
   */
  respond?: 'first' | 'after-processing' | 'auto';
  /** Remembers processed events so redeliveries are skipped. Default: none (every event is processed). */
  dedupe?: DedupeStore;
  /** Called once per delivery with all its (new) events, before the per-event callbacks. Not called when none is left. Default: none. */
  onEvents?(events: LineEvent[], context: WebhookCallbackContext<C>): unknown;
  /** Called for every message event (any content type, including unknown ones). Default: none. */
  onMessage?(event: MessageEvent, context: WebhookCallbackContext<C>): unknown;
  /** Called for every operation event (friend, block, invite, unknown opType), after its own callback (`onAddedAsFriend`…). Default: none. */
  onOperation?(event: OperationEvent, context: WebhookCallbackContext<C>): unknown;
  /** Called when a user added the account as a friend (opType 4). Default: none. */
  onAddedAsFriend?(event: OperationEvent, context: WebhookCallbackContext<C>): unknown;
  /**
   * Called when a user blocked the account (opType 8). LINE's FAQ obliges the bot to delete everything
   * it got about that user (`event.operation.mid`) through the APIs (MID, nickname, icon, status message)
   * and every message the user sent, media included. Do it here, and make it idempotent. Default: none.
   */
  onBlocked?(event: OperationEvent, context: WebhookCallbackContext<C>): unknown;
  /** (BC) Called when a user invited the bot to a group (opType 5): `event.operation.chat` names it, when LINE's `params` do. Default: none. */
  onInvitedToGroup?(event: OperationEvent, context: WebhookCallbackContext<C>): unknown;
  /** (BC) Called when a user added the bot to a room (opType 7): `event.operation.chat` names it, when LINE's `params` do. Default: none. */
  onAddedToRoom?(event: OperationEvent, context: WebhookCallbackContext<C>): unknown;
  /** Called for events with an unknown `eventType` or content that failed validation (`event.issues` says why). Default: none. */
  onUnknown?(event: UnknownEvent, context: WebhookCallbackContext<C>): unknown;
  /**
   * Called for every error: a callback or the dedupe store threw (the other events still run), or a
   * delivery was rejected (`phase: 'request'`, with the SignatureError, DecodeError, BodyReadError or
   * PayloadTooLargeError). Not called for a non-POST request (405). An error thrown by `onError` itself
   * is ignored. Default: none; callback, dedupe and unexpected errors then go to `logger.error`.
   */
  onError?(error: unknown, context: WebhookErrorContext<C>): unknown;
  /**
   * Where the handler logs (octokit/webhooks' `log`): each rejected delivery (401 signature missing or
   * mismatch, 400 bad JSON, envelope or body read, 413 too large) as one `warn` line, at most 10 per
   * minute and then one line saying how many were left out, so a flood cannot fill a log; callback,
   * dedupe and unexpected errors at `error` when there is no `onError`. Rejections are logged even with
   * an `onError`. Pass `{ ...console, warn() {} }` to silence rejections. Default: `warn` and `error`
   * to the console (`debug` and `info` dropped).
   */
  logger?: Logger;
}

/** The function returned by {@link createWebhookHandler}: a fetch-style handler. */
export type WebhookHandler<C extends WebhookContext = WebhookContext> = (request: Request, context?: C) => Promise<Response>;
