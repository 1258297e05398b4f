// msw handlers that play the Business Connect REST API (spec §3, §4) for unit tests without a server.
// This is the only file of the package that loads msw (an optional peer dependency), and only when
// businessConnectHandlers is called: importing line-business-connect/testing works without msw.
import type { HttpHandler } from 'msw';
import { LineError } from '../errors.js';
import { HeaderName, Hosts } from '../protocol/hosts.js';
import { Limits } from '../protocol/limits.js';
import { checkSendRequest } from './emulator/check-send-request.js';
import { LineErrorResponse } from './emulator/http-helpers.js';

/** A profile served by `GET /v1/profiles` (spec §4.2). */
export interface ProfileFixture {
  /** The user's display name. */
  displayName: string;
  /** Default `https://profile.line-scdn.net/<mid>`. */
  pictureUrl?: string;
  /** Omitted from the answer when empty, as LINE does. */
  statusMessage?: string;
}

/** Bytes served by `GET /v1/bot/message/{messageId}/content` (spec §4.1). */
export interface ContentFixture {
  /** The content bytes (a string is UTF-8 encoded). */
  body: string | Uint8Array;
  /** `Content-Type` of the answer. Default `'application/octet-stream'`. */
  contentType?: string;
  /** Sent as `Content-Disposition: attachment; filename="…"`. Default: no such header. */
  fileName?: string;
  /** What `…/content/preview` serves. Default: the same body and type. */
  preview?: ContentFixturePreview;
}

/** The thumbnail of a {@link ContentFixture}. */
export interface ContentFixturePreview {
  /** The thumbnail bytes (a string is UTF-8 encoded). */
  body: string | Uint8Array;
  /** `Content-Type` of the answer. Default: the content's own type. */
  contentType?: string;
}

/** BOT API Trial credentials the handlers expect (spec §7). */
export interface MockTrialCredentials {
  /** Expected `X-Line-ChannelID`. */
  channelId: string;
  /** Expected `X-Line-ChannelSecret`. */
  channelSecret: string;
  /** Expected `X-Line-Trusted-User-With-ACL` (the channel MID). */
  channelMid: string;
}

/** A group or room the bot left. */
export interface LeftChat {
  /** `'group'` or `'room'`. */
  kind: 'group' | 'room';
  /** The group or room MID from the URL. */
  mid: string;
}

/** Options of {@link businessConnectHandlers}. */
export interface BusinessConnectHandlersOptions {
  /** API base URL the handlers answer on (use the same as `createClient({ baseUrl })`). Default `https://api.line.me`. */
  baseUrl?: string;
  /** The accepted `X-Line-ChannelToken`; another value gets 401. Default: any non-empty token is accepted. */
  channelToken?: string;
  /**
   * BOT API Trial credentials (spec §7): when set, requests need `X-Line-ChannelID`, `X-Line-ChannelSecret`
   * and `X-Line-Trusted-User-With-ACL` with these values instead of a channel token. Default: Business Connect.
   */
  trial?: MockTrialCredentials;
  /** The refresh token `POST /v1/oauth/accessToken` accepts. Default: any non-empty one. */
  refreshToken?: string;
  /** The channel secret `POST /v1/oauth/accessToken` accepts. Default: any non-empty one. */
  channelSecret?: string;
  /** Profiles by MID for `GET /v1/profiles`; unknown MIDs are left out of `contacts`. Default none. */
  profiles?: Record<string, ProfileFixture>;
  /** Content by message id for the content endpoints; unknown ids get 404. Default none. */
  content?: Record<string, ContentFixture>;
  /** Longest text accepted in a sent message, or `undefined` for no cap (1024 is a Trial-docs value, spec §3). Default `undefined`. */
  maxTextChars?: number;
  /** Clock for `timestamp` and token `expire`, epoch ms. Default `Date.now`. */
  now?: () => number;
}

/** Any request the handlers answered. */
export interface RecordedRequest {
  /** `GET`, `POST` or `DELETE`. */
  method: string;
  /** Path and query, e.g. `/v1/profiles?mids=u1,u2`. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The body as text (`''` when none). */
  body: string;
  /** The HTTP status answered. */
  status: number;
  /** The JSON answered, or `undefined` for a binary or empty answer. */
  response: unknown;
}

/** The envelope of an accepted `POST /v1/events`, as parsed from its JSON body (spec §3). */
export interface SentEnvelope {
  /** The recipients' MIDs. */
  to: string[];
  /** `1383378250` (messages) or `1341301715` (BC link messages). */
  toChannel: number | string;
  /** Single, multiple or link message event type. */
  eventType: string;
  /** The message content (with `toType`), or `{messageNotified, messages}`, or a link message. */
  content: Record<string, unknown>;
}

/** An error answer queued with {@link BusinessConnectMock.failNext}. */
export interface MockFailure {
  /** HTTP status. */
  status: number;
  /** LINE `statusCode`. Default `String(status)`. */
  statusCode?: string;
  /** LINE `statusMessage`. Default `'Simulated failure'`. */
  statusMessage?: string;
  /** Value of a `Retry-After` header, in seconds. Default none. */
  retryAfterSeconds?: number;
}

/** What {@link businessConnectHandlers} returns. */
export interface BusinessConnectMock {
  /** Pass them to msw: `setupServer(...bc.handlers)`. */
  handlers: HttpHandler[];
  /** Envelopes of accepted `POST /v1/events`, in order. */
  sent: SentEnvelope[];
  /** Every request answered (accepted or not), in order. */
  requests: RecordedRequest[];
  /** MIDs the bot left with `DELETE /v1/bot/{group|room}/leave/{mid}`. */
  left: LeftChat[];
  /** The access token accepted now (changes on reissue), or `undefined` when any token is accepted. */
  readonly channelToken: string | undefined;
  /** Profiles served, by MID: add or delete entries freely. */
  profiles: Map<string, ProfileFixture>;
  /** Content served, by message id: add or delete entries freely. */
  content: Map<string, ContentFixture>;
  /** Answers the next requests (any endpoint, one failure per request, in order) with these errors. */
  failNext(...failures: MockFailure[]): void;
  /** Clears `sent`, `requests`, `left` and queued failures, restores the token, profiles and content, restarts ids. */
  reset(): void;
}

/**
 * msw 2 request handlers for the Business Connect REST API: `POST /v1/events` (checked as strictly as
 * the local emulator: auth, JSON, body under 8192 bytes, envelope, `eventType` and its `toChannel`,
 * 1–150 MIDs, `toType`, every message through `validateOutgoingMessage`), `GET /v1/profiles`,
 * message content and preview downloads, `POST /v1/oauth/accessToken` (the old token stops working at
 * once, spec §4.3) and group/room leave. Successful sends answer LINE's body
 * `{"failed":[],"messageId":"…","timestamp":…,"version":1}` with message ids `"1000000000001"`, `"…2"`, …
 * Errors answer `{"statusCode","statusMessage"}`. Needs msw 2 (`setupServer` from `msw/node` on Node):
 * msw is loaded here, on the first call, so the rest of `line-business-connect/testing` works without it;
 * without msw the promise rejects with a {@link LineError} that says to install it.
 *
 * @example
 * ```ts
 * const bc = await businessConnectHandlers({ channelToken: 'token' });
 * const server = setupServer(...bc.handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 * await createClient({ channelToken: 'token' }).send('u1', text('hi'));
 * bc.sent[0]; // { to: ['u1'], toChannel: 1383378250, eventType: '138311608800106203', content: { contentType: 1, toType: 1, text: 'hi' } }
 * ```
 */
export async function businessConnectHandlers(options: BusinessConnectHandlersOptions = {}): Promise<BusinessConnectMock> {
  const { http, HttpResponse } = await loadMsw();
  const base = (options.baseUrl ?? Hosts.businessConnect).replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const failures: MockFailure[] = [];
  let sendCount = 0;
  let tokenCount = 0;

  const mock: BusinessConnectMock = {
    handlers: [],
    sent: [],
    requests: [],
    left: [],
    channelToken: options.channelToken,
    profiles: new Map(Object.entries(options.profiles ?? {})),
    content: new Map(Object.entries(options.content ?? {})),
    failNext: (...next) => void failures.push(...next),
    reset() {
      mock.sent.length = 0;
      mock.requests.length = 0;
      mock.left.length = 0;
      failures.length = 0;
      sendCount = 0;
      tokenCount = 0;
      (mock as { channelToken: string | undefined }).channelToken = options.channelToken;
      mock.profiles = new Map(Object.entries(options.profiles ?? {}));
      mock.content = new Map(Object.entries(options.content ?? {}));
    },
  };

  type Answer = { status: number; json?: unknown; bytes?: Uint8Array; headers?: Record<string, string> };
  type Route = (request: Request, body: string, params: Record<string, string>) => Answer;

  // Shared flow: record, check auth and queued failures, then run the endpoint.
  const route =
    (handler: Route, checkAuth = true) =>
    async ({ request, params }: { request: Request; params: Record<string, string | readonly string[] | undefined> }) => {
      const body = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.text();
      const flat: Record<string, string> = {};
      for (const [key, value] of Object.entries(params)) if (typeof value === 'string') flat[key] = value;
      const failure = failures.shift();
      let answer: Answer;
      if (failure) {
        answer = lineError(failure.status, failure.statusCode ?? String(failure.status), failure.statusMessage ?? 'Simulated failure');
        if (failure.retryAfterSeconds !== undefined) answer.headers = { 'Retry-After': String(failure.retryAfterSeconds) };
      } else {
        answer = (checkAuth && authProblem(request)) || handler(request, body, flat);
      }
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => (headers[name] = value));
      mock.requests.push({ method: request.method, path: url.pathname + url.search, headers, body, status: answer.status, response: answer.json });
      if (answer.bytes) {
        const headers = { ...answer.headers, 'Content-Length': String(answer.bytes.byteLength) };
        return new HttpResponse(answer.bytes as Uint8Array<ArrayBuffer>, { status: answer.status, headers });
      }
      if (answer.json === undefined) return new HttpResponse(null, { status: answer.status, headers: answer.headers ?? {} });
      return HttpResponse.json(answer.json as Record<string, unknown>, { status: answer.status, headers: answer.headers ?? {} });
    };

  function lineError(status: number, statusCode: string, statusMessage: string): Answer {
    return { status, json: { statusCode, statusMessage } };
  }

  function authProblem(request: Request): Answer | undefined {
    if (options.trial) {
      const { channelId, channelSecret, channelMid } = options.trial;
      const ok =
        request.headers.get(HeaderName.trialChannelId) === channelId &&
        request.headers.get(HeaderName.trialChannelSecret) === channelSecret &&
        request.headers.get(HeaderName.trialTrustedUser) === channelMid;
      return ok ? undefined : lineError(401, '401', 'Authentication failed: check X-Line-ChannelID, X-Line-ChannelSecret and X-Line-Trusted-User-With-ACL.');
    }
    const token = request.headers.get(HeaderName.channelToken);
    if (!token) return lineError(401, '401', 'Authentication failed: the X-Line-ChannelToken header is missing.');
    if (mock.channelToken !== undefined && token !== mock.channelToken) {
      return lineError(401, '401', 'Authentication failed: the channel access token is invalid or expired.');
    }
    return undefined;
  }

  const postEvents: Route = (request, body) => {
    // The same checks as the local emulator (spec §3): JSON content type, body under 8192 bytes,
    // envelope, eventType/toChannel, 1–150 recipients, toType, and every message through validateOutgoingMessage.
    if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
      return lineError(415, '415', 'Unsupported Media Type: send Content-Type: application/json; charset=UTF-8.');
    }
    const size = new TextEncoder().encode(body).byteLength;
    if (size >= Limits.requestBodyBytes) {
      return lineError(413, '413', `Request Entity Too Large: the body is ${size} bytes; it must be under ${Limits.requestBodyBytes} bytes.`);
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(body);
    } catch {
      return lineError(400, '400', 'The request body is not valid UTF-8 JSON.');
    }
    try {
      // Any MID is a known recipient here, of the kind the content's toType names.
      const kind = recipientKindOf(envelope);
      checkSendRequest(envelope, { trial: options.trial !== undefined, maxTextChars: options.maxTextChars, recipientKind: () => kind });
    } catch (error) {
      if (error instanceof LineErrorResponse) return lineError(error.status, error.statusCode, error.statusMessage);
      throw error;
    }
    const { to, toChannel, eventType, content } = envelope as SentEnvelope;
    mock.sent.push({ to, toChannel, eventType, content });
    sendCount += 1;
    return { status: 200, json: { failed: [], messageId: String(1_000_000_000_000 + sendCount), timestamp: now(), version: 1 } };
  };

  const getProfiles: Route = (request) => {
    const mids = new URL(request.url).searchParams.get('mids');
    if (!mids) return lineError(400, '400', 'The "mids" query parameter is required.');
    const contacts = mids.split(',').flatMap((mid) => {
      const profile = mock.profiles.get(mid);
      if (!profile) return [];
      const contact: Record<string, string> = {
        displayName: profile.displayName,
        mid,
        pictureUrl: profile.pictureUrl ?? `https://profile.line-scdn.net/${mid}`,
      };
      if (profile.statusMessage) contact.statusMessage = profile.statusMessage;
      return [contact];
    });
    return { status: 200, json: { contacts, count: contacts.length, display: contacts.length, start: 1, total: contacts.length } };
  };

  const getContent =
    (preview: boolean): Route =>
    (_request, _body, params) => {
      const fixture = mock.content.get(params.messageId ?? '');
      if (!fixture) return lineError(404, '404', 'Not found: no content for this message id (LINE keeps content for a limited period).');
      const served = preview && fixture.preview ? fixture.preview : fixture;
      const bytes = typeof served.body === 'string' ? new TextEncoder().encode(served.body) : served.body;
      const headers: Record<string, string> = { 'Content-Type': served.contentType ?? fixture.contentType ?? 'application/octet-stream' };
      if (!preview && fixture.fileName !== undefined) headers['Content-Disposition'] = `attachment; filename="${fixture.fileName}"`;
      return { status: 200, bytes, headers };
    };

  const reissue: Route = (request, body) => {
    if (options.trial) return lineError(404, '404', 'Token reissue is not available in the BOT API Trial.');
    const token = request.headers.get(HeaderName.channelToken);
    const form = new URLSearchParams(body);
    const refreshToken = form.get('refreshToken');
    const channelSecret = form.get('channelSecret');
    const badToken = !token || (mock.channelToken !== undefined && token !== mock.channelToken);
    const badRefresh = !refreshToken || (options.refreshToken !== undefined && refreshToken !== options.refreshToken);
    const badSecret = !channelSecret || (options.channelSecret !== undefined && channelSecret !== options.channelSecret);
    if (badToken || badRefresh || badSecret) return lineError(401, '411', 'TOKEN_INVALID_TOKEN');
    tokenCount += 1;
    const accessToken = `mock-access-token-${tokenCount}`;
    // Spec §4.3: the old token is invalidated at once.
    (mock as { channelToken: string | undefined }).channelToken = accessToken;
    return { status: 200, json: { accessToken, refreshToken: `mock-refresh-token-${tokenCount}`, expire: now() + 86_400_000 } };
  };

  const leave =
    (kind: 'group' | 'room'): Route =>
    (_request, _body, params) => {
      if (options.trial) return lineError(404, '404', `Leaving a ${kind} is not available in the BOT API Trial.`);
      mock.left.push({ kind, mid: params.mid ?? '' });
      // LINE's answer body is unconfirmed (spec §4.4); an empty 200 also avoids an msw 2 bug where
      // cancelling a mocked response body never settles (mswjs/interceptors#799).
      return { status: 200 };
    };

  mock.handlers.push(
    http.post(`${base}/v1/events`, route(postEvents)),
    http.get(`${base}/v1/profiles`, route(getProfiles)),
    http.get(`${base}/v1/bot/message/:messageId/content`, route(getContent(false))),
    http.get(`${base}/v1/bot/message/:messageId/content/preview`, route(getContent(true))),
    // Reissue checks the current token itself: a bad one answers LINE's 411, not 401.
    http.post(`${base}/v1/oauth/accessToken`, route(reissue, false)),
    http.delete(`${base}/v1/bot/group/leave/:mid`, route(leave('group'))),
    http.delete(`${base}/v1/bot/room/leave/:mid`, route(leave('room'))),
  );
  return mock;
}

/** msw, loaded on demand: it is an optional peer dependency (architecture: "msw parts need Node"). */
async function loadMsw(): Promise<typeof import('msw')> {
  try {
    return await import('msw');
  } catch (error) {
    throw new LineError(
      'businessConnectHandlers needs msw 2, an optional peer dependency of line-business-connect that could not be loaded: install it with `npm install -D msw@2`.',
      { cause: error },
    );
  }
}

const KIND_BY_TO_TYPE: Record<number, 'user' | 'room' | 'group'> = { 1: 'user', 2: 'room', 3: 'group' };

/** The recipient kind named by the `toType` of a send body's content (or of its first message); `user` by default. */
function recipientKindOf(envelope: unknown): 'user' | 'room' | 'group' {
  const content = (envelope as { content?: unknown } | null)?.content as { toType?: unknown; messages?: unknown } | undefined;
  const first = Array.isArray(content?.messages) ? (content.messages[0] as { toType?: unknown } | undefined) : content;
  const toType = first?.toType;
  return (typeof toType === 'number' && KIND_BY_TO_TYPE[toType]) || 'user';
}
