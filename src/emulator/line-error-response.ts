// Internal: how the fake LINE answers, as Web `Response`s (it runs on any fetch runtime).

/**
 * A LINE-style error answer `{"statusCode":"…","statusMessage":"…"}` (spec §3), thrown inside the REST
 * side and turned into a response by it: `status` is the HTTP status, `statusCode` LINE's own code (a
 * string, not always the HTTP status).
 */
export class LineErrorResponse extends Error {
  constructor(
    readonly status: number,
    readonly statusCode: string,
    readonly statusMessage: string,
    /** Extra response headers, e.g. `Retry-After`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(statusMessage);
  }
}

/** Shorthand for a 400 answer with LINE code `code` (default `"400"`). */
export function badRequest(statusMessage: string, code = '400'): LineErrorResponse {
  return new LineErrorResponse(400, code, statusMessage);
}

/** `value` as a JSON response with `status` (and `Cache-Control: no-store`: everything here is live state). */
export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { 'Content-Type': 'application/json; charset=UTF-8', 'Cache-Control': 'no-store', ...headers },
  });
}

/** The response of a {@link LineErrorResponse}. */
export function lineErrorResponse(error: LineErrorResponse): Response {
  return jsonResponse(error.status, { statusCode: error.statusCode, statusMessage: error.statusMessage }, error.headers);
}

/** A response carrying `bytes` (media, pictures) with `contentType`. */
export function bytesResponse(bytes: Uint8Array, contentType: string, headers: Record<string, string> = {}): Response {
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: { 'Content-Type': contentType, 'Content-Length': String(bytes.byteLength), ...headers },
  });
}

/** True when the request's `Content-Type` is `application/json` (any parameters, any case). */
export function isJson(request: Request): boolean {
  const type = request.headers.get('content-type');
  return type !== null && /^application\/json\s*(;|$)/i.test(type.trim());
}

/** `decodeURIComponent` that returns `undefined` for a malformed escape instead of throwing. */
export function decodeSegment(text: string | undefined): string | undefined {
  try {
    return decodeURIComponent(text ?? '');
  } catch {
    return undefined;
  }
}
