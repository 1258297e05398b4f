import type { IncomingMessage } from 'node:http';
import { createWebhookHandler } from '../webhook/create-webhook-handler.js';
import type { WebhookHandlerOptions } from '../webhook/webhook-handler-options.js';
import { rejectionResponse } from '../webhook/webhook-response.js';
import { bodyAlreadyParsedResponse } from './body-already-parsed.js';
import { nodeBodySource } from './read-node-body.js';
import { toWebRequest } from './to-web-request.js';

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
  /** Sends the payload (a Buffer here) and ends the reply. */
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
 * Statuses and bodies are those of `createWebhookHandler`. Node has no `waitUntil`: with the default
 * `respond: 'auto'` your callbacks run before the 200; `respond: 'first'` answers first.
 *
 * @param options - the webhook handler options (`channelSecret` required)
 * @returns an async route handler; it sends the reply and resolves to it
 */
export function createFastifyHandler(options: WebhookHandlerOptions): (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<unknown> {
  const handler = createWebhookHandler(options);

  return async function lineWebhookRoute(request, reply) {
    let response: Response | undefined;
    let body: Uint8Array | ReadableStream<Uint8Array> | undefined;
    try {
      // Only a POST carries a delivery; the handler answers 405 to anything else without a body.
      if (request.raw.method === 'POST') {
        const kept = request.rawBody ?? request.body;
        body = nodeBodySource(request.raw, kept, fastifyRawBodyFix);
      }
    } catch (error) {
      response = await bodyAlreadyParsedResponse(error, toWebRequest(request.raw), options.onError);
    }
    response ??= await handler(toWebRequest(request.raw, body)).catch((error: unknown) => rejectionResponse(error));
    try {
      reply.code(response.status);
      for (const [name, value] of response.headers) reply.header(name, value);
      return reply.send(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      reply.code(500);
      return reply.send(Buffer.from(await rejectionResponse(error).arrayBuffer()));
    }
  };
}
