/**
 * The error hierarchy of line-business-connect. Every error the library throws extends
 * {@link LineError}, says what went wrong and how to fix it, and never carries a channel
 * secret or access token in its message, its `toString()` or its JSON.
 */

import type { SendResult } from './client/send-result.js';

// Fields are `declare`d and set in the constructors: the same own properties, without class-field
// code in every bundle.

/** Base class of every error thrown by this library. */
export class LineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /** A JSON view without the stack: safe to log; holds only the error's own public fields. */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key !== 'cause' && key !== 'stack') fields[key] = value;
    }
    return fields;
  }
}

/** The `X-LINE-ChannelSignature` header was absent/empty (`missing`) or did not match the body (`mismatch`). */
export class SignatureError extends LineError {
  /** `missing`: no or empty header; `mismatch`: the header does not match the body with any secret. */
  declare readonly reason: 'missing' | 'mismatch';

  constructor(reason: 'missing' | 'mismatch') {
    super(
      reason === 'missing'
        ? 'The X-LINE-ChannelSignature header is missing or empty: the request did not come from LINE, or a proxy dropped the header.'
        : 'The X-LINE-ChannelSignature header does not match the body: check the channel secret, and verify the raw body bytes, not re-serialised JSON.',
    );
    this.reason = reason;
  }
}

/** The webhook body is not valid UTF-8 JSON (`reason: 'json'`), or not the `{"result":[...]}` envelope LINE sends (`'envelope'`). */
export class DecodeError extends LineError {
  /** `json`: the body is not valid UTF-8 or JSON (answered 400 `invalid_json`); `envelope`: valid JSON, but not `{"result":[...]}` (400 `invalid_envelope`). */
  declare readonly reason: 'json' | 'envelope';
  /** What was wrong, one entry per problem. */
  declare readonly issues: string[];

  constructor(reason: 'json' | 'envelope', message: string, issues: string[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
    this.issues = issues;
  }
}

/**
 * The request body stream failed before its end, typically because the client closed the connection
 * mid-body (`cause` holds the runtime's own error). Answered 400 `body_read_failed`: routine, not a bug.
 */
export class BodyReadError extends LineError {
  constructor(options?: { cause?: unknown }) {
    super('The request body could not be read to its end: the client probably closed the connection.', options);
  }
}

/** The request body passed the configured `maxBodyBytes`; reading stopped at the limit. */
export class PayloadTooLargeError extends LineError {
  /** The configured limit in bytes. */
  declare readonly limitBytes: number;

  constructor(limitBytes: number) {
    super(
      `The request body is larger than maxBodyBytes (${limitBytes} bytes): raise it if LINE's batches (at most 100 events) really need more.`,
    );
    this.limitBytes = limitBytes;
  }
}

/** An outgoing message or send option is invalid; `field` names the offending field. */
export class MessageValidationError extends LineError {
  /** The field that failed, e.g. `text`, `originalContentUrl`, `areas[2].link`. */
  declare readonly field: string;

  constructor(field: string, message: string) {
    super(`Invalid ${field}: ${message}`);
    this.field = field;
  }
}

/** Fields describing an API error response. */
export interface ApiErrorDetails {
  /** HTTP status of the response. */
  status: number;
  /** The request, as `METHOD /path`, e.g. `POST /v1/events`. Never includes the host's query secrets or headers. */
  endpoint: string;
  /** LINE's own `statusCode` from the error body (a string, not always the HTTP status). */
  statusCode?: string | undefined;
  /** LINE's `statusMessage` from the error body. */
  statusMessage?: string | undefined;
  /** Milliseconds to wait, from a `Retry-After` header. */
  retryAfterMs?: number | undefined;
}

/** LINE answered with a non-2xx status. */
export class ApiError extends LineError {
  /** HTTP status of the response. */
  declare readonly status: number;
  /** The request, as `METHOD /path`, e.g. `POST /v1/events`. */
  declare readonly endpoint: string;
  /** LINE's own `statusCode` from the error body (a string, not always the HTTP status); undefined for empty or non-JSON bodies. */
  declare readonly statusCode: string | undefined;
  /** LINE's `statusMessage` from the error body. */
  declare readonly statusMessage: string | undefined;
  /** Milliseconds to wait before retrying, from a `Retry-After` header. */
  declare readonly retryAfterMs: number | undefined;

  constructor(details: ApiErrorDetails, options?: { cause?: unknown }) {
    const line = details.statusCode !== undefined ? ` (LINE statusCode ${details.statusCode}${details.statusMessage ? `: ${details.statusMessage}` : ''})` : '';
    super(`${details.endpoint} failed with ${details.status}${line}${apiErrorHint(details)}`, options);
    this.status = details.status;
    this.endpoint = details.endpoint;
    this.statusCode = details.statusCode;
    this.statusMessage = details.statusMessage;
    this.retryAfterMs = details.retryAfterMs;
  }
}

function apiErrorHint(details: ApiErrorDetails): string {
  // 0: a browser's opaque answer to a redirect that was not followed.
  if (details.status === 0 || (details.status >= 300 && details.status < 400)) {
    return ". LINE's API does not redirect: the answer came from something else at baseUrl (a proxy, a captive portal, a wrong host); the request was not repeated there.";
  }
  if (details.status === 401) return '. The channel access token is invalid or expired: reissue it (see node_modules/line-business-connect/docs/tokens.md).';
  if (details.status === 403 && details.statusCode === '427') return '. This server IP is not in the channel whitelist.';
  if (details.status === 429) return '. Too many requests: slow down or lower concurrency.';
  return '';
}

/** The request never got an HTTP answer (DNS failure, connection refused or reset). `cause` holds the original error. */
export class NetworkError extends LineError {
  /** The request, as `METHOD /path`. */
  declare readonly endpoint: string;

  constructor(endpoint: string, options: { cause: unknown }) {
    super(`${endpoint} failed before LINE answered: ${describeCause(options.cause)}. Check the network and baseUrl.`, options);
    this.endpoint = endpoint;
  }
}

/** The request did not finish within `timeoutMs`. */
export class TimeoutError extends LineError {
  /** The request, as `METHOD /path`. */
  declare readonly endpoint: string;
  /** The timeout that passed. */
  declare readonly timeoutMs: number;

  constructor(endpoint: string, timeoutMs: number, options?: { cause?: unknown }) {
    super(`${endpoint} timed out after ${timeoutMs} ms. Raise timeoutMs or check the network.`, options);
    this.endpoint = endpoint;
    this.timeoutMs = timeoutMs;
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    const code = inner && typeof inner === 'object' && 'code' in inner ? ` (${String((inner as { code: unknown }).code)})` : '';
    return `${cause.message.replace(/\.+$/, '')}${code}`;
  }
  return String(cause).replace(/\.+$/, '');
}

/**
 * A send did not reach every recipient: a request failed, LINE listed recipients as failed, or the
 * send stopped early (the signal aborted, the recipient source threw or gave a bad MID, `onRequest`
 * threw). `result` is the whole report, successes included; `cause` is why it stopped, else the first
 * failure's error.
 */
export class SendError extends LineError {
  /** The complete report: how many were sent, and every recipient not sent with its error. */
  declare readonly result: SendResult;

  constructor(result: SendResult, stop?: { why: string; cause: unknown }) {
    const cause = stop ? stop.cause : result.failures[0]?.error;
    const why = stop ? `stopped early because ${stop.why}` : `first: ${(cause as Error).message.replace(/\.$/, '')}`;
    super(`POST /v1/events: ${result.sent} of ${result.recipients} recipients sent, ${result.failed} not sent (${why}). See error.result.failures and error.cause.`, { cause });
    this.result = result;
  }
}
