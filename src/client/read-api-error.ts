import { ApiError } from '../errors.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { redactText } from './redact-error.js';
import type { TransportResponse } from './transport.js';

/**
 * Turns a non-2xx response into an {@link ApiError}. LINE's error body is
 * `{"statusCode":"<code>","statusMessage":"<text>"}` (spec §3), but bodies may also be empty,
 * HTML or cut off: those give an ApiError with only the HTTP status. Any of `secrets` found in
 * LINE's text is replaced by `[redacted]` (a server that echoes the request headers back must not make
 * a secret reach an error message).
 */
export async function readApiError(response: Pick<TransportResponse, 'status' | 'headers' | 'text'>, endpoint: string, secrets: readonly string[] = []): Promise<ApiError> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // The body could not be read (reset, timeout): the HTTP status is still worth reporting.
  }
  let statusCode: string | undefined;
  let statusMessage: string | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object') {
      const body = parsed as { statusCode?: unknown; statusMessage?: unknown };
      if (typeof body.statusCode === 'string' || typeof body.statusCode === 'number') statusCode = redactText(String(body.statusCode), secrets);
      if (typeof body.statusMessage === 'string') statusMessage = redactText(body.statusMessage, secrets);
    }
  } catch {
    // Not JSON (empty, HTML from a proxy...): keep only the status.
  }
  return new ApiError({
    status: response.status,
    endpoint,
    statusCode,
    statusMessage,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
  });
}
