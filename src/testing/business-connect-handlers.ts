// msw handlers that play the Business Connect REST API (spec §3, §4) for unit tests without a server, by
// handing every request to the fake LINE's REST side (one implementation for the emulator and the mock).
// This is the only file of the package that loads msw (an optional peer dependency), and only when
// businessConnectHandlers is called: importing line-business-connect/testing works without msw.
import type { HttpHandler } from 'msw';
import { LineError } from '../errors.js';
import type { FailureInit } from '../emulator/emulator-types.js';
import { createRestApi, type RestPlatform } from '../emulator/rest-api.js';
import { Hosts } from '../protocol/hosts.js';

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

/** An error answer queued with {@link BusinessConnectMock.failNext} (the fake LINE's own {@link FailureInit}). */
export type MockFailure = FailureInit;

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
 * msw 2 request handlers for the Business Connect REST API, answered by the fake LINE's own REST side
 * (`line-business-connect/emulator`: the same checks, limits, error bodies and leniency for the forms LINE
 * accepted, spec §3.1) over fixtures instead of virtual users: any MID is a recipient (of the kind its
 * `toType` names), profiles and content come from `profiles`/`content`, and any non-empty token is accepted
 * unless `channelToken` is given. `POST /v1/events` answers LINE's body
 * `{"failed":[],"messageId":"…","timestamp":…,"version":1}` with message ids `"1000000000001"`, `"…2"`, …;
 * token reissue invalidates the old token at once (spec §4.3); errors answer `{"statusCode","statusMessage"}`.
 * Needs msw 2 (`setupServer` from `msw/node` on Node): msw is loaded here, on the first call, so the rest
 * of `line-business-connect/testing` works without it; without msw the promise rejects with a
 * {@link LineError} that says to install it. For a fetch handler without msw, use `createFakeLine().fetch`.
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
  const { http } = await loadMsw();
  const base = (options.baseUrl ?? Hosts.businessConnect).replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  let sendCount = 0;
  let tokenCount = 0;
  const encoder = new TextEncoder();

  const mock: BusinessConnectMock = {
    handlers: [],
    sent: [],
    requests: [],
    left: [],
    channelToken: options.channelToken,
    profiles: new Map(Object.entries(options.profiles ?? {})),
    content: new Map(Object.entries(options.content ?? {})),
    failNext: (...next) => rest.failNext(...next),
    reset() {
      mock.sent.length = 0;
      mock.requests.length = 0;
      mock.left.length = 0;
      rest.clearFailures();
      sendCount = 0;
      tokenCount = 0;
      (mock as { channelToken: string | undefined }).channelToken = options.channelToken;
      mock.profiles = new Map(Object.entries(options.profiles ?? {}));
      mock.content = new Map(Object.entries(options.content ?? {}));
    },
  };

  const fixtures: RestPlatform = {
    trial: options.trial !== undefined,
    maxTextChars: options.maxTextChars,
    get channelToken() {
      return mock.channelToken;
    },
    channelTokenExpiresAt: undefined,
    refreshToken: options.refreshToken,
    channelSecret: options.trial?.channelSecret ?? options.channelSecret,
    trialIds: options.trial && { channelId: options.trial.channelId, channelMid: options.trial.channelMid },
    now,
    log: () => {},
    // Any MID is a known recipient here, of the kind the request's toType names.
    recipientKind: (_mid, declared) => declared ?? 'user',
    acceptSend(send) {
      const { to, toChannel, eventType, content } = send.envelope;
      mock.sent.push({ to, toChannel, eventType, content });
      sendCount += 1;
      return String(1_000_000_000_000 + sendCount);
    },
    profiles: (mids) =>
      mids.flatMap((mid) => {
        const profile = mock.profiles.get(mid);
        if (!profile) return [];
        return [{ displayName: profile.displayName, mid, pictureUrl: profile.pictureUrl ?? `https://profile.line-scdn.net/${mid}`, statusMessage: profile.statusMessage }];
      }),
    content(messageId, preview) {
      const fixture = mock.content.get(messageId);
      if (!fixture) return undefined;
      const served = preview && fixture.preview ? fixture.preview : fixture;
      return {
        bytes: typeof served.body === 'string' ? encoder.encode(served.body) : served.body,
        contentType: served.contentType ?? fixture.contentType ?? 'application/octet-stream',
        fileName: preview ? undefined : fixture.fileName,
      };
    },
    leave(kind, mid) {
      mock.left.push({ kind, mid });
      return true;
    },
    reissueToken() {
      tokenCount += 1;
      const accessToken = `mock-access-token-${tokenCount}`;
      // Spec §4.3: the old token is invalidated at once.
      (mock as { channelToken: string | undefined }).channelToken = accessToken;
      return { accessToken, refreshToken: `mock-refresh-token-${tokenCount}`, expire: now() + 86_400_000 };
    },
    recordRequest(record, exchange) {
      const headers: Record<string, string> = {};
      exchange.request.headers.forEach((value, name) => (headers[name] = value));
      mock.requests.push({ method: record.method, path: record.path, headers, body: exchange.body, status: record.status, response: exchange.response });
    },
  };
  const rest = createRestApi(fixtures);
  mock.handlers.push(http.all(`${base}/v1/*`, ({ request }) => rest.handle(request)));
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
