import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A LINE-style error answer `{"statusCode":"…","statusMessage":"…"}` (spec §3): `status` is the HTTP
 * status, `statusCode` LINE's own code (a string, not always the HTTP status).
 */
export class LineErrorResponse extends Error {
  constructor(
    readonly status: number,
    readonly statusCode: string,
    readonly statusMessage: string,
  ) {
    super(statusMessage);
  }
}

/** Shorthand for a 400 answer with LINE code `code` (default `"400"`). */
export function badRequest(statusMessage: string, code = '400'): LineErrorResponse {
  return new LineErrorResponse(400, code, statusMessage);
}

/** The body read from a request, or the fact that it passed `limitBytes`. */
export interface ReadBody {
  bytes: Buffer;
  /** Total bytes seen (reading continues past the limit only to count, up to `hardLimitBytes`). */
  size: number;
  tooLarge: boolean;
}

/**
 * Reads a request body; keeps at most `keepBytes` bytes and stops reading (pauses the request and
 * resolves) after `hardLimitBytes`, so a huge body cannot fill memory.
 */
export function readBody(req: IncomingMessage, keepBytes: number, hardLimitBytes = 1024 * 1024): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve({ bytes: Buffer.concat(chunks), size, tooLarge: size > keepBytes });
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= keepBytes) chunks.push(chunk);
      if (size > hardLimitBytes) {
        req.pause();
        finish();
      }
    });
    req.on('end', finish);
    // A client that hangs up mid-body: settle so the handler does not wait forever.
    req.on('close', () => {
      if (!settled && !req.complete) {
        settled = true;
        reject(new Error('The client closed the connection before the body was complete.'));
      }
    });
    req.on('error', (error) => {
      if (!settled) {
        settled = true;
        reject(error);
      }
    });
  });
}

/** Sends `value` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, value: unknown, extraHeaders: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  res.end(body);
}

/** Sends a {@link LineErrorResponse}. */
export function sendLineError(res: ServerResponse, error: LineErrorResponse): void {
  sendJson(res, error.status, { statusCode: error.statusCode, statusMessage: error.statusMessage });
}

/** A request header as one string (first value), or `undefined`. */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** True when the request's `Content-Type` is `application/json` (any parameters, any case). */
export function isJson(req: IncomingMessage): boolean {
  const type = header(req, 'content-type');
  return type !== undefined && /^application\/json\s*(;|$)/i.test(type.trim());
}

/** `decodeURIComponent` that returns `undefined` for a malformed escape instead of throwing. */
export function decodeSegment(text: string | undefined): string | undefined {
  try {
    return decodeURIComponent(text ?? '');
  } catch {
    return undefined;
  }
}
