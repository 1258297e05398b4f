import type { IncomingMessage, ServerResponse } from 'node:http';
import { LineError } from '../errors.js';
import { checkOptionKeys } from '../option-keys.js';
import { HANDLER_OPTION_KEYS } from '../webhook/create-webhook-handler.js';
import type { WebhookHandlerOptions } from '../webhook/webhook-handler-options.js';
import { jsonResponse } from '../webhook/webhook-response.js';
import { createNodeWebhookFlow } from './node-webhook-flow.js';
import { expressRawBodyFix, type NodeRequestWithBody } from './read-node-body.js';
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

const MIDDLEWARE_OPTION_KEYS = [...HANDLER_OPTION_KEYS, 'path'];

/** A Node request listener that also works as Express/Connect middleware. It never rejects. */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void>;

/**
 * Creates the webhook endpoint for Node servers: `http.createServer(middleware)`,
 * `app.post('/callback', middleware)` in Express or Connect, or `request.raw`/`reply.raw` elsewhere
 * (for Fastify prefer {@link createFastifyHandler}).
 *
 * It feeds the same flow as `createWebhookHandler` (same statuses, JSON bodies and `logger`: 200, 401,
 * 400, 413, 405 for any other method, TRACE included). The body is taken from `req.rawBody`, from a
 * Buffer/string `req.body` (`express.raw()`), or streamed from the socket and abandoned past
 * `maxBodyBytes` (the 413 then closes the connection instead of draining it). A client that hangs up
 * mid-body gets a routine 400 `body_read_failed`.
 *
 * If a JSON parser (`express.json()`) consumed the body first, the signature cannot be checked: it
 * answers 500 `{"error":"body_already_parsed","message":"…"}` naming the fix, and reports the
 * {@link LineError} to `onError` (default: `logger.error`, rate-limited).
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
  if (options === null || typeof options !== 'object') throw new LineError('createNodeMiddleware: pass an options object with channelSecret.');
  checkOptionKeys(options, MIDDLEWARE_OPTION_KEYS, 'createNodeMiddleware');
  const { path, ...handlerOptions } = options;
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) {
    throw new LineError(`path must start with "/", e.g. "/callback" (default: every request is handled).`);
  }
  const webhook = createNodeWebhookFlow<IncomingMessage, ServerResponse>(handlerOptions, {
    incoming: (req) => req,
    keptBody: (req) => (req as NodeRequestWithBody).body,
    rawBodyFix: expressRawBodyFix,
    async write(res, response) {
      // An oversized body was abandoned half-read: close the socket rather than drain it.
      if (response.status === 413) res.setHeader('connection', 'close');
      await writeNodeResponse(res, response);
    },
    abort: (res) => res.destroy(),
  }, 'createNodeMiddleware');

  return async function lineWebhookMiddleware(req, res, next) {
    if (path !== undefined && (req.url ?? '/').split('?')[0] !== path) {
      if (next) return next();
      await writeNodeResponse(res, jsonResponse(404, { error: 'not_found', message: 'No LINE webhook at this path.' })).catch(() => res.destroy());
      return;
    }
    await webhook(req, res);
  };
}
