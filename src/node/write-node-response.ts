import type { ServerResponse } from 'node:http';

/**
 * Writes a Web `Response` (status, headers, body) to a Node `ServerResponse` and ends it. Repeated
 * `Set-Cookie` headers stay separate. The body is read into memory first: meant for the small answers
 * of a webhook handler, not for streaming large downloads.
 *
 * Resolves once the response is handed to Node (not when the client received it). Does nothing when the response was already sent (`res.headersSent`), e.g. by another middleware.
 *
 * @param res - the Node response to write to
 * @param response - the Web response to copy
 */
export async function writeNodeResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = response.body === null ? undefined : new Uint8Array(await response.arrayBuffer());
  if (res.headersSent || res.writableEnded) return;
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue;
    res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (body !== undefined) res.setHeader('content-length', body.byteLength);
  res.end(body);
}
