// Internal: the one webhook flow of the Node adapters. Each adapter is a plug-in that says where the
// body may already be (what its framework parsed) and how to write a Web Response back; everything else
// (method, body source, the core handler, failures) happens here once.
import type { IncomingMessage } from 'node:http';
import { LineError } from '../errors.js';
import { createWebhookFlow } from '../webhook/create-webhook-handler.js';
import type { WebhookHandlerOptions } from '../webhook/webhook-handler-options.js';
import { jsonResponse, methodNotAllowedResponse, rejectionResponse } from '../webhook/webhook-response.js';
import { nodeBodySource, type NodeRequestWithBody } from './read-node-body.js';
import { toWebRequest } from './to-web-request.js';

/** What an adapter adds to the Node flow. */
export interface NodeWebhookPlugin<Req, Res> {
  /** The Node request inside the framework's request. */
  incoming(request: Req): IncomingMessage;
  /** What the framework parsed or kept of the body (`req.body`, Fastify's `rawBody ?? body`), if anything. */
  keptBody(request: Req): unknown;
  /** How to keep the raw body with this framework, named in the error for an already-parsed body. */
  rawBodyFix: string;
  /** Writes the response (status, headers, body) and ends it. */
  write(reply: Res, response: Response): Promise<unknown>;
  /** Ends a reply that could not even take a 500 (Node: the socket is closed; Fastify answers its own 500). */
  abort(reply: Res): void;
}

/**
 * Builds the function behind an adapter: `(request, reply) => Promise<unknown>`, which never rejects.
 * - non-POST → 405 at once, without building a Web `Request` (which refuses TRACE);
 * - the body from what the framework kept, else streamed from the socket (stopping past the limit);
 *   a body a JSON parser consumed → 500 `body_already_parsed` naming the fix, reported;
 * - then the core handler (`createWebhookHandler`): same statuses, logging and callbacks;
 * - any unexpected failure → 500 `internal_error`, or the plugin's `abort` when even that fails.
 */
export function createNodeWebhookFlow<Req, Res>(options: WebhookHandlerOptions, plugin: NodeWebhookPlugin<Req, Res>, where: string): (request: Req, reply: Res) => Promise<unknown> {
  const flow = createWebhookFlow(options, where);

  /**
   * Answers a request the app broke before the handler saw it (a body parser ate the body): 500
   * `{"error":"body_already_parsed","message":<the error's message>}`, reported to `onError` or logged.
   */
  async function misconfigured(error: LineError, request: Request): Promise<Response> {
    if (options.onError) await flow.report(error, { request, context: undefined, phase: 'request' });
    // A bug in the app, but every request repeats it: logged within the same budget as rejections.
    else flow.limitedLog('error', `[line-business-connect] ${error.message}`);
    return jsonResponse(500, { error: 'body_already_parsed', message: error.message });
  }

  return async function nodeWebhook(request, reply) {
    try {
      const req = plugin.incoming(request) as NodeRequestWithBody;
      if (req.method !== 'POST') return await plugin.write(reply, methodNotAllowedResponse());
      let body: Uint8Array | ReadableStream<Uint8Array>;
      try {
        body = nodeBodySource(req, plugin.keptBody(request), plugin.rawBodyFix);
      } catch (error) {
        return await plugin.write(reply, await misconfigured(error as LineError, toWebRequest(req)));
      }
      return await plugin.write(reply, await flow.handle(toWebRequest(req, body)));
    } catch (error) {
      // Never reject: http.createServer would turn it into an unhandled rejection.
      return plugin.write(reply, rejectionResponse(error)).catch(() => plugin.abort(reply));
    }
  };
}
