import type { IncomingMessage } from 'node:http';
import type { WebhookHandlerOptions } from '../webhook/webhook-handler-options.js';
import { createNodeWebhookFlow } from './node-webhook-flow.js';

/** The parts of a Fastify request the handler uses (structural: no Fastify import). */
export interface FastifyRequestLike {
  /** The Node request. */
  raw: IncomingMessage;
  /** What Fastify's content-type parser produced: a Buffer with the parser shown in {@link createFastifyHandler}. */
  body?: unknown;
  /** The raw bytes, where a plugin keeps them (e.g. `fastify-raw-body`); preferred over `body`. */
  rawBody?: unknown;
}

/** The parts of a Fastify reply the handler uses (structural: no Fastify import). */
export interface FastifyReplyLike {
  /** Sets the status code. */
  code(statusCode: number): unknown;
  /** Sets one header. */
  header(name: string, value: string): unknown;
  /** Sends the payload (the body bytes) and ends the reply. */
  send(payload?: unknown): unknown;
}

/** How to keep the raw body with Fastify, named in the error for an already-parsed body. */
const fastifyRawBodyFix =
  "With Fastify, register fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => done(null, body)) in the scope of the webhook route.";

/**
 * Creates a Fastify route handler for the webhook: `fastify.post('/callback', createFastifyHandler(options))`.
 *
 * Fastify parses JSON bodies by default, which loses the raw bytes the signature covers (spec §2).
 * Register a buffer parser for `application/json` in the webhook's scope first (in a plugin, so other
 * routes keep their JSON parsing):
 * ```ts
 * fastify.register(async (scope) => {
 *   scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => done(null, body));
 *   scope.post('/callback', createFastifyHandler({ channelSecret, onMessage }));
 * });
 * ```
 * Without it, every delivery is answered 500 `{"error":"body_already_parsed"}` with that fix in the message.
 * Raw bytes a plugin keeps in `request.rawBody` (e.g. `fastify-raw-body`) or `request.raw.rawBody` are used as well.
 *
 * Statuses, bodies and logging are those of `createWebhookHandler` (405 for any method but POST, TRACE
 * included; 400 `body_read_failed` for a client that hangs up mid-body). Node has no `waitUntil`: with the default
 * `respond: 'auto'` your callbacks run before the 200; `respond: 'first'` answers first.
 *
 * @param options - the webhook handler options (`channelSecret` required)
 * @returns an async route handler; it sends the reply and resolves to it
 */
export function createFastifyHandler(options: WebhookHandlerOptions): (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<unknown> {
  return createNodeWebhookFlow<FastifyRequestLike, FastifyReplyLike>(options, {
    incoming: (request) => request.raw,
    keptBody: (request) => request.rawBody ?? request.body,
    rawBodyFix: fastifyRawBodyFix,
    async write(reply, response) {
      reply.code(response.status);
      for (const [name, value] of response.headers) reply.header(name, value);
      // No payload for no body: a Buffer, even empty, would make Fastify add its own content type.
      return response.body === null ? reply.send() : reply.send(Buffer.from(await response.arrayBuffer()));
    },
    abort() {
      // Fastify answers a handler that sent nothing with its own 500.
    },
  }, 'createFastifyHandler');
}
