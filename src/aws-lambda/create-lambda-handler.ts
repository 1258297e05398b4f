import { LineError } from '../errors.js';
import { defaultLogger, type Logger } from '../logger.js';
import { createWebhookFlow } from '../webhook/create-webhook-handler.js';
import type { WebhookContext, WebhookHandlerOptions } from '../webhook/webhook-handler-options.js';
import { jsonResponse, methodNotAllowedResponse } from '../webhook/webhook-response.js';
import { isLambdaEventV2, isLambdaHttpEvent, type LambdaContextLike, type LambdaHttpEvent, type LambdaHttpResult } from './lambda-event.js';
import { toLambdaResult } from './to-lambda-result.js';
import { toWebRequest } from './to-web-request.js';

/** What your callbacks get as `context` on Lambda (the second argument's `context` field). It never has a `waitUntil`: Lambda has none. */
export interface LambdaWebhookContext extends WebhookContext {
  /** The Lambda event as received (request context, stage, authorizer…). */
  event: LambdaHttpEvent;
  /** The Lambda context (`awsRequestId`, `getRemainingTimeInMillis()`), when Lambda passed one. */
  lambdaContext: LambdaContextLike | undefined;
}

/** Options of {@link createLambdaHandler}: those of `createWebhookHandler`, with `respond` limited to what Lambda can honour. */
export interface LambdaHandlerOptions extends WebhookHandlerOptions<LambdaWebhookContext> {
  /**
   * When to answer. Default `'after-processing'`: every callback runs, then the 200 (or 500 when one
   * threw); `'auto'` means the same here. Lambda has no `waitUntil` and freezes the function as soon
   * as the handler returns, so work after the answer may never run: `'first'` is refused. For slow
   * work, hand the events to a queue (SQS, EventBridge) in your callback and answer.
   */
  respond?: 'after-processing' | 'auto';
  /** Where a Lambda event that cannot become a request is reported (warn). Default: the console. */
  logger?: Logger;
}

/** The function {@link createLambdaHandler} returns: a Lambda handler for HTTP events. */
export type LambdaHandler = (event: LambdaHttpEvent, context?: LambdaContextLike) => Promise<LambdaHttpResult>;

/**
 * Creates an AWS Lambda handler for LINE's webhook deliveries, for API Gateway REST APIs (payload
 * format 1.0), HTTP APIs (2.0) and Lambda Function URLs (2.0 shape):
 * `export const handler = createLambdaHandler({ channelSecret, onMessage })`.
 *
 * Each event becomes a Web `Request` with the exact body bytes (Base64-decoded when API Gateway
 * encoded them) for the signature check ({@link toWebRequest}), goes through the same flow as
 * `createWebhookHandler` (same statuses: 200, 401, 400, 413, 405), and the `Response` becomes the
 * result of the event's payload format ({@link toLambdaResult}). Your callbacks get
 * `{ request, context: { event, lambdaContext } }`.
 *
 * Callbacks run before the answer (see `respond`): keep them within LINE's time limit, or enqueue.
 * An event that is not an HTTP event (another trigger) throws a {@link LineError}, so the invocation
 * fails visibly; an HTTP event that cannot become a request (a body marked Base64 that is not) is
 * answered 400 and reported to `logger`.
 *
 * @param options - the webhook handler options (`channelSecret` required)
 * @returns the Lambda handler
 * @throws LineError at once for invalid options (empty secret, `respond: 'first'`)
 */
export function createLambdaHandler(options: LambdaHandlerOptions): LambdaHandler {
  const respond = (options as { respond?: unknown }).respond;
  if (respond === 'first') {
    throw new LineError(
      "createLambdaHandler: respond 'first' would lose work: Lambda freezes the function once the handler returns. Keep the default (callbacks run, then 200) and hand slow work to a queue from your callback.",
    );
  }
  const handler = createWebhookFlow<LambdaWebhookContext>({ ...options, respond: options.respond ?? 'after-processing' }, 'createLambdaHandler').handle;
  const logger = options.logger ?? defaultLogger;

  return async function lineWebhookLambda(event, lambdaContext) {
    if (!isLambdaHttpEvent(event)) {
      throw new LineError(
        'createLambdaHandler got an event without httpMethod or requestContext.http.method: it takes API Gateway REST or HTTP API and Function URL events. Check the trigger of the function.',
      );
    }
    let request: Request;
    try {
      request = toWebRequest(event);
    } catch (error) {
      const method = isLambdaEventV2(event) ? event.requestContext.http.method : event.httpMethod;
      // LINE only POSTs; a method a Request cannot carry (TRACE…) is answered like any other non-POST.
      if (method.toUpperCase() !== 'POST') return toLambdaResult(methodNotAllowedResponse(), event);
      logger.warn('[line-business-connect] Lambda event rejected (400):', error instanceof Error ? error.message : error);
      return toLambdaResult(jsonResponse(400, { error: 'invalid_event', message: 'The Lambda event could not be read as an HTTP request.' }), event);
    }
    return toLambdaResult(await handler(request, { event, lambdaContext }), event);
  };
}
