// Internal: the answer of the Node adapters when a framework parsed the body before them.
import type { WebhookHandlerOptions } from '../webhook/webhook-handler-options.js';
import { jsonResponse } from '../webhook/webhook-response.js';

/**
 * Reports the misconfiguration to `onError` (phase `request`), or to `console.error` when there is
 * none: unlike a bad signature it is a bug in the app, so it must not be silent. Then returns 500
 * `{"error":"body_already_parsed","message":"<what happened and the fix>"}`; the message holds no secret.
 */
export async function bodyAlreadyParsedResponse(error: unknown, request: Request, onError: WebhookHandlerOptions['onError']): Promise<Response> {
  const message = error instanceof Error ? error.message : String(error);
  try {
    if (onError) await onError(error, { phase: 'request', request, context: undefined });
    else console.error(`[line-business-connect] ${message}`);
  } catch {
    // An onError that throws must not break the response.
  }
  return jsonResponse(500, { error: 'body_already_parsed', message });
}
