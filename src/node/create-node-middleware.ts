import type { IncomingMessage, ServerResponse } from 'node:http';
import { LineError } from '../errors.js';
import { createWebhookHandler } from '../webhook/create-webhook-handler.js';
import type { WebhookHandlerOptions } from '../webhook/webhook-handler-options.js';
import { jsonResponse, rejectionResponse } from '../webhook/webhook-response.js';
import { bodyAlreadyParsedResponse } from './body-already-parsed.js';
import { expressRawBodyFix, nodeBodySource, type NodeRequestWithBody } from './read-node-body.js';
import { toWebRequest } from './to-web-request.js';
import { writeNodeResponse } from './write-node-response.js';

/** Options of {@link createNodeMiddleware}: every webhook handler option, plus `path`. */
export interface NodeMiddlewareOptions extends WebhookHandlerOptions {
  /**
   * Handle only requests whose path (`req.url` without the query) is exactly this, e.g. `/callback`;
   * others go to `next()` when there is one, else get 404. Leave it unset when a router already
   * picks the route (`app.post('/callback', middleware)`). Default: every request is handled.
   */
  path?: string;
}

/** A Node request listener that also works as Express/Connect middleware. It never rejects. */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void>;

/**
 * Creates the webhook endpoint for Node servers: `http.createServer(middleware)`,
 * `app.post('/callback', middleware)` in Express or Connect, or `request.raw`/`reply.raw` elsewhere
 * (for Fastify prefer {@link createFastifyHandler}).
 *
 * It feeds the same flow as `createWebhookHandler` (same statuses and JSON bodies: 200, 401, 400, 413,
 * 405 for non-POST). The body is taken from `req.rawBody`, from a Buffer/string `req.body`
 * (`express.raw()`), or streamed from the socket and abandoned past `maxBodyBytes` (the 413 then
 * closes the connection instead of draining it).
 *
 * If a JSON parser (`express.json()`) consumed the body first, the signature cannot be checked: it
 * answers 500 `{"error":"body_already_parsed","message":"…"}` naming the fix, and reports the
 * {@link LineError} to `onError` (default: `console.error`).
 *
 * Node has no `waitUntil`: with the default `respond: 'auto'` your callbacks run before LINE gets its
 * 200. Set `respond: 'first'` to answer first and process in the background (fine on a long-running
 * server; not on a platform that freezes the process after the response).
 *
 * @param options - the webhook handler options (`channelSecret` required) and `path`
 * @returns the middleware
 * @throws LineError at once for invalid options (empty secret, bad `path`)
 */
export function createNodeMiddleware(options: NodeMiddlewareOptions): NodeMiddleware {
  const { path, ...handlerOptions } = options;
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) {
    throw new LineError(`path must start with "/", e.g. "/callback" (default: every request is handled).`);
  }
  const handler = createWebhookHandler(handlerOptions);

  return async function lineWebhookMiddleware(req, res, next) {
    try {
      if (path !== undefined && (req.url ?? '/').split('?')[0] !== path) {
        if (next) return next();
        await writeNodeResponse(res, jsonResponse(404, { error: 'not_found', message: 'No LINE webhook at this path.' }));
        return;
      }
      let body: Uint8Array | ReadableStream<Uint8Array> | undefined;
      // Only a POST carries a delivery; the handler answers 405 to anything else without a body.
      if (req.method === 'POST') {
        try {
          body = nodeBodySource(req as NodeRequestWithBody, (req as NodeRequestWithBody).body, expressRawBodyFix);
        } catch (error) {
          await writeNodeResponse(res, await bodyAlreadyParsedResponse(error, toWebRequest(req), handlerOptions.onError));
          return;
        }
      }
      const response = await handler(toWebRequest(req, body));
      // An oversized body was abandoned half-read: close the socket rather than drain it.
      if (response.status === 413) res.setHeader('connection', 'close');
      await writeNodeResponse(res, response);
    } catch (error) {
      // Never reject: http.createServer would turn it into an unhandled rejection.
      if (!res.headersSent) await writeNodeResponse(res, rejectionResponse(error)).catch(() => res.destroy());
      else res.destroy();
    }
  };
}
