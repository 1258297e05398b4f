import { PayloadTooLargeError } from '../errors.js';
import { HeaderName } from '../protocol/hosts.js';
import { Limits } from '../protocol/limits.js';
import { readBody } from '../webhook/read-body.js';
import { checkSendRequest, type CheckedSend, type RecipientKind } from './check-send-request.js';
import { duplicateKeys } from './duplicate-keys.js';
import type { ApiRequestRecord, FailureInit } from './emulator-types.js';
import { badRequest, bytesResponse, decodeSegment, isJson, jsonResponse, LineErrorResponse, lineErrorResponse } from './line-error-response.js';
import { sameString } from './random-hex.js';

/** A profile `GET /v1/profiles` answers (spec §4.2). */
export interface RestContact {
  displayName: string;
  mid: string;
  pictureUrl: string;
  /** Omitted from the answer when empty, as LINE does. */
  statusMessage?: string | undefined;
}

/** Bytes `GET /v1/bot/message/{id}/content[/preview]` answers (spec §4.1). */
export interface RestContent {
  bytes: Uint8Array;
  contentType: string;
  /** Sent as `Content-Disposition: attachment; filename="…"` when given. */
  fileName?: string | undefined;
}

/** What one request was, for the platform's own records (the msw mock keeps headers and bodies). */
export interface RestExchange {
  request: Request;
  /** The request body as text (`''` for GET and DELETE). */
  body: string;
  /** The JSON answered, or `undefined` for a binary or empty answer. */
  response: unknown;
}

/**
 * What the REST side needs from the platform behind it: the credentials it accepts and the data it
 * serves. The fake LINE implements it over its virtual users; the msw mock of the testing kit over
 * fixtures. Everything else (routes, auth, limits, checks, error bodies, failNext) is {@link createRestApi}.
 */
export interface RestPlatform {
  readonly trial: boolean;
  /** Cap on sent texts, or `undefined` for none. */
  readonly maxTextChars: number | undefined;
  /** The access token accepted now, or `undefined` when any non-empty token is. */
  readonly channelToken: string | undefined;
  /** When {@link RestPlatform.channelToken} expires (epoch ms), or `undefined` when it does not. */
  readonly channelTokenExpiresAt: number | undefined;
  /** The refresh token reissue accepts, or `undefined` for any non-empty one. */
  readonly refreshToken: string | undefined;
  /** The channel secret reissue (and Trial auth) accepts, or `undefined` for any non-empty one. */
  readonly channelSecret: string | undefined;
  /** Trial credentials: `X-Line-ChannelID` and `X-Line-Trusted-User-With-ACL` (the secret is {@link RestPlatform.channelSecret}). */
  readonly trialIds: { channelId: string; channelMid: string } | undefined;
  now(): number;
  /** What a recipient is; `declared` is the kind the request's `toType` names, if any. */
  recipientKind(mid: string, declared: 'user' | 'group' | 'room' | undefined): RecipientKind;
  /** Records an accepted send; returns its `messageId`. */
  acceptSend(send: CheckedSend): string;
  /** Profiles of the known MIDs among `mids` (each once); `origin` is where this request reached the fake. */
  profiles(mids: readonly string[], origin: string): RestContact[];
  /** The content of a message a user sent, or `undefined`. */
  content(messageId: string, preview: boolean): RestContent | undefined;
  /** Makes the bot leave a group or room; false when it is not in it. */
  leave(kind: 'group' | 'room', mid: string): boolean;
  /** Replaces the token pair (the old access token dies at once, spec §4.3) and returns the new one. */
  reissueToken(): { accessToken: string; refreshToken: string; expire: number };
  /** Remembers one answered request. */
  recordRequest(record: ApiRequestRecord, exchange: RestExchange): void;
  log(line: string): void;
}

/** The REST side of the fake LINE. */
export interface RestApi {
  /** Answers a request under `/v1/`. Never rejects. */
  handle(request: Request): Promise<Response>;
  /** Answers the next requests (any endpoint, one failure per request, in order) with these errors. */
  failNext(...failures: FailureInit[]): void;
  /** Forgets queued failures. */
  clearFailures(): void;
}

/** A send body can be this big before it is refused unread (LINE's limit is 8192; the size is still reported). */
const READ_LIMIT_BYTES = 1024 * 1024;

const notFound = () => new LineErrorResponse(404, '404', 'Not Found: no such API endpoint. See node_modules/line-business-connect/docs/emulator.md for the endpoints the emulator serves.');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The Business Connect REST API (spec §3, §4) as a fetch handler: `POST /v1/events`, profiles, content
 * downloads, token reissue, group/room leave. Answers like LINE: `{"statusCode","statusMessage"}` errors
 * for what LINE refuses, success for every form LINE accepted (spec §3.1, with warnings on the request
 * record), never a crash; every request is recorded.
 */
export function createRestApi(platform: RestPlatform): RestApi {
  const failures: FailureInit[] = [];

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const method = request.method;
    const exchange: RestExchange = { request, body: '', response: undefined };
    const warnings: string[] = [];
    let response: Response;
    let record: Pick<ApiRequestRecord, 'status' | 'statusCode' | 'statusMessage' | 'messageId'>;
    try {
      const failure = failures.shift();
      if (failure) {
        // Read (and record) the body as LINE would have, then answer the queued failure.
        if (method === 'POST') exchange.body = new TextDecoder().decode(await readRequestBody(request, READ_LIMIT_BYTES));
        throw failureOf(failure);
      }
      const answer = await route(request, url, exchange, warnings);
      response = answer.response;
      record = { status: response.status, statusCode: undefined, statusMessage: undefined, messageId: answer.messageId };
    } catch (error) {
      const lineError = error instanceof LineErrorResponse ? error : new LineErrorResponse(500, '500', 'Unexpected error in the emulator (see its log).');
      if (!(error instanceof LineErrorResponse)) platform.log(`REST ${method} ${url.pathname}: unexpected error: ${String(error)}`);
      response = lineErrorResponse(lineError);
      exchange.response = { statusCode: lineError.statusCode, statusMessage: lineError.statusMessage };
      record = { status: lineError.status, statusCode: lineError.statusCode, statusMessage: lineError.statusMessage, messageId: undefined };
      platform.log(`REST ${method} ${url.pathname} → ${lineError.status} ${lineError.statusCode} ${lineError.statusMessage}`);
    }
    if (warnings.length > 0) platform.log(`REST ${method} ${url.pathname}: accepted, with ${warnings.length} warning(s): ${warnings.join(' ')}`);
    platform.recordRequest({ time: platform.now(), method, path: url.pathname + url.search, ...record, warnings }, exchange);
    return response;
  }

  async function route(request: Request, url: URL, exchange: RestExchange, warnings: string[]): Promise<{ response: Response; messageId?: string }> {
    const path = url.pathname;
    const method = request.method;
    if (path === '/v1/events') {
      allow(method, 'POST');
      authenticate(request.headers, 'api');
      return sendEvents(request, exchange, warnings);
    }
    if (path === '/v1/oauth/accessToken') {
      if (platform.trial) throw notFound();
      allow(method, 'POST');
      authenticate(request.headers, 'reissue');
      return { response: await reissueToken(request, exchange) };
    }
    if (path === '/v1/profiles') {
      allow(method, 'GET');
      authenticate(request.headers, 'api');
      return { response: answer(exchange, profiles(url)) };
    }
    const content = /^\/v1\/bot\/message\/([^/]+)\/content(\/preview)?$/.exec(path);
    if (content) {
      allow(method, 'GET');
      authenticate(request.headers, 'api');
      const messageId = decodeSegment(content[1]);
      if (messageId === undefined) throw notFound();
      return { response: download(messageId, content[2] !== undefined) };
    }
    const leave = /^\/v1\/bot\/(group|room)\/leave\/([^/]+)$/.exec(path);
    if (leave && !platform.trial) {
      allow(method, 'DELETE');
      authenticate(request.headers, 'api');
      const kind = leave[1] as 'group' | 'room';
      const mid = decodeSegment(leave[2]);
      if (mid === undefined) throw notFound();
      if (!platform.leave(kind, mid)) throw badRequest(`invalid ${kind}: the bot is not in ${kind} ${mid}.`, '422');
      return { response: answer(exchange, {}) };
    }
    throw notFound();
  }

  /** BC: `X-Line-ChannelToken`; Trial: the three Trial headers (spec §3, §7). Messages never echo a credential. */
  function authenticate(headers: Headers, purpose: 'api' | 'reissue'): void {
    if (platform.trial) {
      const id = headers.get(HeaderName.trialChannelId);
      const secret = headers.get(HeaderName.trialChannelSecret);
      const mid = headers.get(HeaderName.trialTrustedUser);
      if (id === null || secret === null || mid === null) {
        throw new LineErrorResponse(
          401,
          '401',
          `Authentication failed: the BOT API Trial needs the ${HeaderName.trialChannelId}, ${HeaderName.trialChannelSecret} and ${HeaderName.trialTrustedUser} headers.`,
        );
      }
      const ids = platform.trialIds;
      if ((ids && (!sameString(id, ids.channelId) || !sameString(mid, ids.channelMid))) || !matches(secret, platform.channelSecret)) {
        throw new LineErrorResponse(401, '401', 'Authentication failed: the channel id, channel secret or channel MID is wrong.');
      }
      return;
    }
    const token = headers.get(HeaderName.channelToken);
    if (token === null || token === '') {
      throw new LineErrorResponse(401, '401', `Authentication failed: the ${HeaderName.channelToken} header is missing.`);
    }
    if (!matches(token, platform.channelToken)) {
      throw new LineErrorResponse(401, '401', 'Authentication failed: the channel access token is invalid or was replaced by a reissue.');
    }
    // An expired token can still reissue a new one: that is what the refresh token is for (spec §4.3).
    const expiresAt = platform.channelTokenExpiresAt;
    if (purpose === 'api' && expiresAt !== undefined && platform.now() >= expiresAt) {
      throw new LineErrorResponse(
        401,
        '401',
        `Authentication failed: the channel access token expired at ${new Date(expiresAt).toISOString()}; reissue it with POST /v1/oauth/accessToken.`,
      );
    }
  }

  async function sendEvents(request: Request, exchange: RestExchange, warnings: string[]): Promise<{ response: Response; messageId: string }> {
    if (!isJson(request)) throw new LineErrorResponse(415, '415', 'Unsupported Media Type: send Content-Type: application/json; charset=UTF-8.');
    const bytes = await readRequestBody(request, READ_LIMIT_BYTES);
    // spec §3: the whole body must be under 8192 bytes.
    if (bytes.byteLength >= Limits.requestBodyBytes) throw tooLarge(bytes.byteLength);
    let parsed: unknown;
    try {
      exchange.body = strictUtf8.decode(bytes);
      parsed = JSON.parse(exchange.body);
    } catch {
      throw badRequest('The request body is not valid UTF-8 JSON.');
    }
    for (const path of duplicateKeys(exchange.body)) {
      warnings.push(`${path} appears twice in the body; LINE accepted that (its Java SDK wrote contentType twice) and the last value counts, but a careful client sends each key once.`);
    }
    const send = checkSendRequest(parsed, {
      trial: platform.trial,
      maxTextChars: platform.maxTextChars,
      recipientKind: (mid, declared) => platform.recipientKind(mid, declared),
    });
    warnings.push(...send.warnings);
    const messageId = platform.acceptSend(send);
    return { response: answer(exchange, { failed: [], messageId, timestamp: platform.now(), version: 1 }), messageId };
  }

  async function reissueToken(request: Request, exchange: RestExchange): Promise<Response> {
    const type = request.headers.get('content-type') ?? '';
    if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type.trim())) {
      throw new LineErrorResponse(415, '415', 'Unsupported Media Type: send the form as application/x-www-form-urlencoded.');
    }
    const bytes = await readRequestBody(request, Limits.requestBodyBytes);
    exchange.body = new TextDecoder().decode(bytes);
    const form = new URLSearchParams(exchange.body);
    const refreshToken = form.get('refreshToken');
    const channelSecret = form.get('channelSecret');
    if (!refreshToken || !channelSecret) throw badRequest('The form needs refreshToken and channelSecret.');
    // spec §3: LINE answers "411" TOKEN_INVALID_TOKEN on a bad reissue.
    if (!matches(refreshToken, platform.refreshToken) || !matches(channelSecret, platform.channelSecret)) {
      throw new LineErrorResponse(401, '411', 'TOKEN_INVALID_TOKEN: the refresh token or channel secret is wrong.');
    }
    const issued = platform.reissueToken();
    platform.log('REST token reissued: the previous access token no longer works');
    return answer(exchange, issued);
  }

  function profiles(url: URL): Record<string, unknown> {
    const mids = url.searchParams.get('mids');
    if (mids === null || mids.trim() === '') throw badRequest('The mids query parameter is missing: GET /v1/profiles?mids=mid1,mid2.');
    const list = mids.split(',').map((mid) => mid.trim());
    if (list.some((mid) => mid === '')) throw badRequest('mids has an empty MID.');
    const contacts = platform.profiles([...new Set(list)], url.origin).map((contact) => {
      const { statusMessage, ...rest } = contact;
      // spec §4.2: statusMessage is omitted when empty.
      return statusMessage ? { ...rest, statusMessage } : rest;
    });
    return { contacts, count: contacts.length, display: contacts.length, start: 1, total: contacts.length };
  }

  function download(messageId: string, preview: boolean): Response {
    const file = platform.content(messageId, preview);
    if (file === undefined) {
      throw new LineErrorResponse(
        404,
        '404',
        `Not Found: no ${preview ? 'preview' : 'content'} for message ${messageId} (only images, videos and audio users sent have content; audio has no preview).`,
      );
    }
    const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
    if (file.fileName !== undefined) headers['Content-Disposition'] = `attachment; filename="${file.fileName}"`;
    return bytesResponse(file.bytes, file.contentType, headers);
  }

  return {
    handle: async (request) => {
      try {
        return await handle(request);
      } catch (error) {
        // Only a bug of the platform's own record keeping gets here: still answer.
        platform.log(`REST ${request.method}: unexpected error: ${String(error)}`);
        return lineErrorResponse(new LineErrorResponse(500, '500', 'Unexpected error in the emulator (see its log).'));
      }
    },
    failNext: (...next) => void failures.push(...next),
    clearFailures: () => void failures.splice(0),
  };
}

function allow(method: string, expected: string): void {
  if (method !== expected) throw new LineErrorResponse(405, '405', `Method Not Allowed: use ${expected}.`);
}

/** A credential check: `expected` undefined accepts any non-empty value (the msw mock's default). */
function matches(given: string, expected: string | undefined): boolean {
  return expected === undefined ? given !== '' : sameString(given, expected);
}

/** 413, saying how big the body was (`size`) or that it passed what is read at all. */
function tooLarge(size: number | { over: number }): LineErrorResponse {
  return new LineErrorResponse(
    413,
    '413',
    `Request Entity Too Large: the body is ${typeof size === 'number' ? size : `over ${size.over}`} bytes; it must be under ${Limits.requestBodyBytes} bytes. Send fewer recipients or a shorter message per request.`,
  );
}

/** Reads the body with the webhook's own bounded reader; failures become LINE answers. */
async function readRequestBody(request: Request, limitBytes: number): Promise<Uint8Array> {
  try {
    return await readBody(request, limitBytes);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) throw tooLarge({ over: limitBytes });
    throw badRequest('The request body could not be read (the client closed the connection?).');
  }
}

/** A JSON answer that is also kept for the record. */
function answer(exchange: RestExchange, value: unknown): Response {
  exchange.response = value;
  return jsonResponse(200, value);
}

function failureOf(failure: FailureInit): LineErrorResponse {
  const headers: Record<string, string> = failure.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(failure.retryAfterSeconds) };
  return new LineErrorResponse(failure.status, failure.statusCode ?? String(failure.status), failure.statusMessage ?? 'Simulated failure', headers);
}
