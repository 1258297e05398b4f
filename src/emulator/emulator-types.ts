/**
 * Public types of the fake LINE platform: `createFakeLine()` (a fetch handler, any runtime),
 * `startEmulator()` (that handler served on a local port by Node) and `line-bc emulator`.
 */

/**
 * Options of {@link createFakeLine}: the fake LINE platform as a fetch handler. Every field is optional.
 * {@link startEmulator} takes the same options plus where to listen ({@link EmulatorOptions}).
 */
export interface FakeLineOptions {
  /**
   * The bot's event endpoint URL (where events are POSTed as signed `{"result":[…]}` batches).
   * Default: none; events are then recorded as failed deliveries ("no webhook URL") until you set one
   * with {@link FakeLine.setWebhookUrl}. Plain `http:` is allowed locally (LINE itself requires HTTPS).
   */
  webhookUrl?: string;
  /**
   * How deliveries reach the bot: a fetch function called with each signed `Request`. Pass the bot's own
   * fetch handler to deliver without a network (`fetch: (request) => bot.fetch(request)`), e.g. on
   * Workers. Default: the global `fetch`, looked up at each delivery.
   */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * The base URL the fake answers as: `url` of the fake, and the origin of the users' `pictureUrl`.
   * Requests are answered whatever their origin. Default `https://api.line.me` (Trial:
   * `https://trialbot-api.line.me`), so `createClient({ channelToken, fetch: fake.fetch })` needs no `baseUrl`;
   * {@link startEmulator} sets it to the address it listens on.
   */
  url?: string;
  /**
   * Host names (the `Host` header without its port) the fake answers; any other gets 403, so that a web
   * page on another origin cannot reach it through DNS rebinding; `['*']` answers every host. Default:
   * every host (a fetch handler inside a test); {@link startEmulator} defaults to the names it listens as
   * plus `localhost`.
   */
  allowedHosts?: readonly string[];
  /** Channel secret used to sign deliveries (and checked by Trial auth). Default `'emulator-channel-secret'`. */
  channelSecret?: string;
  /** Initial channel access token the REST side accepts. Default `'emulator-channel-token'`. */
  channelToken?: string;
  /** Initial refresh token for `POST /v1/oauth/accessToken`. Default `'emulator-refresh-token'`. */
  refreshToken?: string;
  /**
   * Lifetime of an access token in ms, enforced as LINE does: after it, the token is answered 401 (it can
   * still be used to reissue a new one). The initial token lives this long from the start; each reissued one
   * from its reissue, reported as `expire`. Default `86_400_000` (one day).
   */
  tokenLifetimeMs?: number;
  /** Numeric channel id as a string: `toChannel` of delivered events, and the Trial `X-Line-ChannelID`. Default `'1441301333'`. */
  channelId?: string;
  /** The channel's MID: `to` of delivered events, and the Trial `X-Line-Trusted-User-With-ACL`. Default a fixed `u…` MID. */
  channelMid?: string;
  /**
   * BOT API Trial mode (spec §7): the REST side wants `X-Line-ChannelID`, `X-Line-ChannelSecret` and
   * `X-Line-Trusted-User-With-ACL` instead of `X-Line-ChannelToken`; only `toType` 1; no link messages,
   * token reissue, group/room leave or invites. Default `false` (Business Connect).
   */
  trial?: boolean;
  /** Virtual users to create. Default: Sally, Brown and Cony, already friends of the bot. */
  users?: readonly VirtualUserInit[];
  /** How long queued events wait to be batched together, in ms. Default `10`. */
  batchWindowMs?: number;
  /** Most events in one delivery, from 1 to 100 (LINE's limit, spec §2); a larger value throws. Default `100`. */
  maxEventsPerBatch?: number;
  /**
   * Deliveries in flight at once. `1` keeps every event in order (the default); raise it to load a bot
   * (events of one batch stay in order, batches may overlap). Default `1`.
   */
  deliveriesInFlight?: number;
  /** Time the bot has to answer a delivery, in ms; a slower answer is recorded as a failed delivery. Default `10_000`. */
  deliveryTimeoutMs?: number;
  /**
   * Conversation entries kept, over all conversations: the oldest are forgotten first (with the media of
   * forgotten user messages), so memory stays bounded under load. Default `10_000`.
   */
  historyLimit?: number;
  /** Deliveries kept in the delivery log (oldest forgotten first). Default `500`. */
  deliveryLogLimit?: number;
  /**
   * Cap on text characters the bot may send; a longer text gets LINE's 400 answer. Default: `1024` in
   * Trial mode (the Trial docs' cap, spec §3/§5), none for Business Connect (the cap is unconfirmed
   * there); the 8192-byte body limit always applies.
   */
  maxTextChars?: number;
  /** Clock in epoch ms (token expiry, timestamps). Default `Date.now`. */
  now?: () => number;
  /** Called with one line per notable thing (deliveries, rejected requests, warnings). Default: silent. */
  log?: (line: string) => void;
  /**
   * Called once per delivery to the bot, as soon as it finished (every attempt, redeliveries too), with a
   * light {@link DeliveryOutcome}: status, latency and why it failed, without the body. It sees every
   * delivery, while the delivery log keeps only the newest `deliveryLogLimit`: count and time a load run
   * with it (`line-bc load` does). An exception it throws is logged, never lost in the queue. Default: none.
   */
  onDelivery?: (outcome: DeliveryOutcome) => void;
  /**
   * Called with each conversation entry as it is recorded: a user's event (before its delivery, so
   * `delivered` is still `undefined`), each message the bot sends (one entry per message and recipient), a
   * system note. It sees every entry, while the history keeps only the newest `historyLimit`: time the bot's
   * replies with it (`line-bc load` does). An exception it throws is logged. Default: none.
   */
  onEntry?: (entry: ConversationEntry) => void;
}

/** Options of {@link startEmulator}: those of the fake LINE, plus where its Node server listens. */
export interface EmulatorOptions extends Omit<FakeLineOptions, 'url'> {
  /** TCP port to listen on. Default `0` (a free port chosen by the OS; read it from `Emulator.url`). */
  port?: number;
  /** Interface to listen on. Default `'127.0.0.1'`. */
  host?: string;
}

/** A virtual user to create: only `displayName` is required. */
export interface VirtualUserInit {
  /** Display name, e.g. `'Sally'`. */
  displayName: string;
  /** MID; default a stable `u` + 32 hex characters derived from the display name. */
  mid?: string;
  /** Status message; default none. */
  statusMessage?: string;
  /** Whether the user starts as a friend of the bot (no opType 4 is sent for that). Default `true`. */
  friend?: boolean;
}

/** A virtual LINE user the emulator plays. */
export interface VirtualUser {
  /** `u` + 32 hex characters. */
  readonly mid: string;
  /** Display name, as returned by `GET /v1/profiles`. */
  readonly displayName: string;
  /** An avatar served by the emulator (`{url}/_emulator/users/{mid}/picture`, an SVG). */
  readonly pictureUrl: string;
  /** Status message, or `undefined` when empty. */
  readonly statusMessage: string | undefined;
  /** Friend of the bot (added, not blocked). */
  readonly friend: boolean;
  /** Has blocked the bot: messages sent to them succeed but are not delivered (spec §3). */
  readonly blocked: boolean;
}

/** Options of {@link FakeLine.inviteToGroup} and {@link FakeLine.addToRoom}. */
export interface InviteOptions {
  /** Name of a new group or room. Default `"<inviter>'s group"` / `"Room with <members>"`. */
  name?: string;
  /** Other users in a new group or room (MIDs, display names or users); the inviter is always in. Default none. */
  members?: readonly (VirtualUser | string)[];
  /** Invite the bot back into this group or room, which it left (`leaveGroup`/`leaveRoom`). Default: a new one. */
  chatMid?: string;
}

/** Where a message goes when a user sends it: to the bot 1:1 (default), or into a group/room with the bot. */
export interface SendAsOptions {
  /** MID of a group or room (from {@link FakeLine.inviteToGroup} / {@link FakeLine.addToRoom}) the user is in. Default: 1:1 chat. */
  chatMid?: string;
}

/**
 * A message a virtual user sends, for {@link FakeLine.sendAs}. A plain string is a text message.
 * Media (`image`, `video`, `audio`) get downloadable bytes at `GET /v1/bot/message/{id}/content[/preview]`
 * (a tiny real JPEG, MP4 or M4A unless `data` is given).
 */
export type UserMessageInput =
  | string
  | {
      /** contentType 1. */
      type: 'text';
      /** 1 to 10,000 characters (spec §2). */
      text: string;
    }
  | {
      /** contentType 2: a JPEG with a JPEG preview. */
      type: 'image';
      /** Bytes served as the content; default a 64×48 JPEG. */
      data?: Uint8Array;
    }
  | {
      /** contentType 3: an MP4 with a JPEG preview. */
      type: 'video';
      /** Bytes served as the content; default a tiny MP4. */
      data?: Uint8Array;
    }
  | {
      /** contentType 4: an M4A, no preview. */
      type: 'audio';
      /** Sent as `contentMetadata.AUDLEN` (a string). Default `1000`. */
      durationMs?: number;
      /** Bytes served as the content; default a tiny M4A. */
      data?: Uint8Array;
    }
  | {
      /** contentType 7. */
      type: 'location';
      /** Title (also sent as `text`). Default `'Location'`. */
      title?: string;
      /** Address; default `null` on the wire. */
      address?: string;
      /** -90..90. */
      latitude: number;
      /** -180..180. */
      longitude: number;
      /** Phone number; default `null` on the wire. */
      phone?: string;
    }
  | {
      /** contentType 8. */
      type: 'sticker';
      /** `STKPKGID`, digits. */
      packageId: string;
      /** `STKID`, digits. */
      stickerId: string;
      /** `STKVER`; default `'100'`. */
      version?: string;
      /** `STKTXT`; default none. */
      text?: string;
    }
  | {
      /** contentType 10: a shared contact. */
      type: 'contact';
      /** The contact's MID. */
      mid: string;
      /** The contact's display name. */
      displayName: string;
    };

/** A chat with the bot: 1:1 with a user, or a BC group/room the bot was invited to. */
export interface Conversation {
  /** The user's MID for a 1:1 chat; else the group (`c…`) or room (`r…`) MID. */
  readonly mid: string;
  /** A 1:1 chat, or a BC group or room. */
  readonly kind: 'user' | 'group' | 'room';
  /** Display name of the user, or the group/room name. */
  readonly title: string;
  /** MIDs of the virtual users in the chat. */
  readonly members: readonly string[];
  /** Whether the bot is still in the group/room (always `true` for 1:1). */
  readonly active: boolean;
  /** Every entry, oldest first. */
  readonly entries: readonly ConversationEntry[];
}

/** One thing that happened in a conversation. */
export interface ConversationEntry {
  /** Increasing sequence number across all conversations (use it as a cursor). */
  readonly seq: number;
  /** Epoch ms. */
  readonly time: number;
  /** The conversation (user, group or room MID). */
  readonly chatMid: string;
  /** `'user'`: a virtual user did it (sent to the bot); `'bot'`: the bot sent it through `POST /v1/events`. */
  readonly from: 'user' | 'bot';
  /** The virtual user who sent it (from `'user'`), or the recipient (from `'bot'`). */
  readonly userMid: string;
  /** A message, an operation (friend, block, invite) or a note of the emulator (e.g. the bot left a group). */
  readonly kind: 'message' | 'operation' | 'system';
  /** For `kind: 'message'`: the wire `content` (from the bot: one message of a single or multiple event, incl. link messages). */
  readonly content?: Readonly<Record<string, unknown>>;
  /** For `kind: 'operation'`: `opType` (4 add friend, 8 block, 5 group invite, 7 room invite). */
  readonly opType?: number;
  /** For `kind: 'system'` (e.g. "the bot left the group"), a human-readable line. */
  readonly text?: string;
  /** User message id (downloads) or the bot send's `messageId`. */
  readonly messageId?: string;
  /** Id of the event delivered to the bot (from `'user'`). */
  readonly eventId?: string;
  /**
   * From `'bot'`: `false` when the user had blocked the bot (answered as success, not delivered).
   * From `'user'`: whether the bot's endpoint accepted the delivery (HTTP 2xx); `undefined` while queued.
   */
  readonly delivered?: boolean;
  /** From `'user'`: id of the {@link Delivery} that carried the event. */
  readonly deliveryId?: string;
}

/** One POST of events to the bot's endpoint. */
export interface Delivery {
  /** `d1`, `d2`, … */
  readonly id: string;
  /** Epoch ms when the POST started. */
  readonly time: number;
  /** The endpoint URL, or `undefined` when none was set (then `error` says so). */
  readonly url: string | undefined;
  /** The events sent, exactly as in the `{"result":[…]}` body. */
  readonly events: readonly Readonly<Record<string, unknown>>[];
  /** The bot's HTTP status, or `undefined` when it never answered. */
  readonly status: number | undefined;
  /** `true` for a 2xx answer. */
  readonly ok: boolean;
  /** Milliseconds until the answer (or failure). */
  readonly latencyMs: number;
  /**
   * Why the delivery failed (network error, timeout, non-2xx, no URL), or that a 2xx answer's body could
   * not be read (then `ok` stays `true`); else `undefined`.
   */
  readonly error: string | undefined;
  /** What kind of failure `error` describes, for counting; `undefined` when the bot answered 2xx. */
  readonly errorKind: DeliveryErrorKind | undefined;
  /** The start of the bot's answer body (at most 500 characters). */
  readonly responseBody: string | undefined;
  /** When this is an explicit {@link FakeLine.redeliver}: the id of the original delivery. */
  readonly redeliveryOf: string | undefined;
}

/**
 * Why a delivery failed: `'refused'` the bot answered with a status other than 2xx (a redirect too: it is
 * not followed); `'timeout'` no answer within `deliveryTimeoutMs`; `'connection'` the bot could not be reached
 * (connection refused or reset, unknown host, TLS error); `'no-webhook-url'` none was set; `'closed'` the
 * emulator was closed while the delivery was in flight.
 */
export type DeliveryErrorKind = 'refused' | 'timeout' | 'connection' | 'no-webhook-url' | 'closed';

/**
 * What {@link FakeLineOptions.onDelivery} gets for each delivery: the {@link Delivery} without its events
 * (only how many there were), so that observing a long load run costs no parsing.
 */
export interface DeliveryOutcome extends Omit<Delivery, 'events'> {
  /** How many events the delivery carried. */
  readonly eventCount: number;
}

/** One request the bot made to the REST side (kept for the inbox page's API log). */
export interface ApiRequestRecord {
  /** Epoch ms. */
  readonly time: number;
  /** HTTP method. */
  readonly method: string;
  /** Path and query, e.g. `/v1/events`. */
  readonly path: string;
  /** HTTP status the emulator answered. */
  readonly status: number;
  /** LINE `statusCode` of an error answer. */
  readonly statusCode: string | undefined;
  /** LINE `statusMessage` of an error answer (why the request was rejected). */
  readonly statusMessage: string | undefined;
  /** `messageId` of an accepted send. */
  readonly messageId: string | undefined;
  /**
   * What the emulator accepted, as LINE did, but a careful client would not send: e.g. `toChannel` as a
   * string, `AUDLEN` as a number, `"text": null` on an image (spec §3.1). Empty for a clean request.
   */
  readonly warnings: readonly string[];
}

/** An error answer queued with {@link FakeLine.failNext}. */
export interface FailureInit {
  /** HTTP status. */
  status: number;
  /** LINE `statusCode`. Default `String(status)`. */
  statusCode?: string;
  /** LINE `statusMessage`. Default `'Simulated failure'`. */
  statusMessage?: string;
  /** Value of a `Retry-After` header, in seconds. Default none. */
  retryAfterSeconds?: number;
}

/** What {@link FakeLine.waitFor} waits for. */
export interface WaitForOptions {
  /** Only entries of this conversation (a user, or a user/group/room MID). Default: any conversation. */
  chat?: VirtualUser | string;
  /** Only entries from this side. Default `'bot'`. */
  from?: 'user' | 'bot';
  /** How many matching entries to wait for. Default `1`. */
  count?: number;
  /**
   * Only entries with a larger `seq`. Default: the `seq` of the latest entry from a user in `chat`
   * (any chat if none), so `await emu.sendAs(sally, 'hi'); await emu.waitFor({ chat: sally })` waits for the reply.
   */
  after?: number | ConversationEntry;
  /** An extra filter. */
  match?: (entry: ConversationEntry) => boolean;
  /** Give up after this many ms with an Error that lists what arrived. Default `5_000`. */
  timeoutMs?: number;
}

/**
 * The fake LINE platform ({@link createFakeLine}): a fetch handler that plays LINE's REST API for your bot
 * and delivers events from virtual users to your bot's endpoint, with its JSON API and inbox page.
 */
export interface FakeLine {
  /**
   * Answers one request like LINE (REST API under `/v1/`), plus the emulator's JSON API under
   * `/_emulator/` and the inbox page at `/`. Called like `fetch` (a `Request`, or a URL and an init) and
   * never rejects. Bound: pass it as it is, e.g.
   * `createClient({ channelToken: fake.channelToken, fetch: fake.fetch })`, or as a Worker's `fetch` handler.
   */
  readonly fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /** The base URL the fake answers as (see {@link FakeLineOptions.url}): pass it as `createClient({ baseUrl })`. */
  readonly url: string;
  /** The inbox web page (`{url}/`). */
  readonly inboxUrl: string;
  /** The channel id (digits): `toChannel` of delivered events. */
  readonly channelId: string;
  /** The channel's MID: `to` of delivered events. */
  readonly channelMid: string;
  /** The secret that signs deliveries: give it to the bot's webhook handler. */
  readonly channelSecret: string;
  /** The access token currently accepted (changes when the bot reissues it). */
  readonly channelToken: string;
  /** When {@link FakeLine.channelToken} expires (epoch ms); after it, the REST side answers 401. */
  readonly channelTokenExpiresAt: number;
  /** The refresh token currently accepted by `POST /v1/oauth/accessToken`. */
  readonly refreshToken: string;
  /** Whether the REST side runs in BOT API Trial mode. */
  readonly trial: boolean;
  /** The bot's event endpoint URL, or `undefined`. */
  readonly webhookUrl: string | undefined;
  /** The virtual users (current state). */
  readonly users: readonly VirtualUser[];
  /** Sets (or clears) the bot's event endpoint URL. */
  setWebhookUrl(url: string | undefined): void;
  /** Finds a user by MID or display name (case-insensitive); throws when there is none. */
  user(midOrName: string): VirtualUser;
  /** Creates another virtual user. */
  addUser(init: VirtualUserInit): VirtualUser;
  /**
   * A user sends a message to the bot. Resolves with the recorded entry once the delivery that carried
   * it finished (successfully or not: see `entry.delivered` and {@link FakeLine.deliveries}).
   */
  sendAs(user: VirtualUser | string, message: UserMessageInput, options?: SendAsOptions): Promise<ConversationEntry>;
  /** The user adds the bot as a friend (opType 4; also unblocks). */
  addAsFriend(user: VirtualUser | string): Promise<ConversationEntry>;
  /** The user blocks the bot (opType 8). */
  block(user: VirtualUser | string): Promise<ConversationEntry>;
  /**
   * (BC) The user invites the bot to a group (opType 5): a new one with the user and `members`, or
   * (`chatMid`) one the bot left. Resolves with the group conversation once the event was delivered.
   */
  inviteToGroup(user: VirtualUser | string, options?: InviteOptions): Promise<Conversation>;
  /** (BC) The user adds the bot to a room (opType 7): a new one with the user and `members`, or (`chatMid`) one the bot left. */
  addToRoom(user: VirtualUser | string, options?: InviteOptions): Promise<Conversation>;
  /** Waits for conversation entries (by default: the bot's next message in any chat). */
  waitFor(options?: WaitForOptions): Promise<ConversationEntry[]>;
  /** A snapshot of every conversation. */
  conversations(): Conversation[];
  /** A snapshot of one conversation (user, group or room MID; or a user), or `undefined`. */
  conversation(chat: VirtualUser | string): Conversation | undefined;
  /** A snapshot of every delivery, oldest first. */
  deliveries(): Delivery[];
  /** A snapshot of the REST requests the bot made (accepted and rejected), oldest first; the last 500 are kept. */
  requests(): ApiRequestRecord[];
  /** Resolves when every queued event has been delivered (or has failed). */
  flush(): Promise<void>;
  /** Sends the events of a past delivery again, as a new delivery; never done automatically. */
  redeliver(deliveryId: string): Promise<Delivery>;
  /** Answers the next REST requests (any endpoint, one failure per request, in order) with these errors. */
  failNext(...failures: FailureInit[]): void;
  /**
   * Forgets every conversation, delivery, request and user media, recreates the initial users and
   * restores the initial tokens (after waiting for queued deliveries): one emulator can serve many tests.
   * The webhook URL is kept.
   */
  reset(): Promise<void>;
  /** Stops delivering: requests in flight are aborted, queued events recorded as not delivered. */
  close(): Promise<void>;
}

/** A fake LINE served on a local port by {@link startEmulator}. */
export interface Emulator extends FakeLine {
  /** Stops delivering, then stops the server (open connections are closed). */
  close(): Promise<void>;
}
