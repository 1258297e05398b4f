import { LineError } from '../errors.js';
import { checkOptionKeys, optionKeys } from '../option-keys.js';
import { Hosts } from '../protocol/hosts.js';
import { Limits } from '../protocol/limits.js';
import { DeliveryQueue } from './delivery-queue.js';
import { DEFAULT_USERS, EMULATOR_DEFAULTS } from './emulator-defaults.js';
import { EmulatorInputError } from './emulator-input-error.js';
import type { FakeLine, FakeLineOptions, VirtualUser } from './emulator-types.js';
import { hostAllowed } from './host-check.js';
import { handleJsonApi } from './json-api.js';
import { jsonResponse } from './line-error-response.js';
import { entryView, Platform, type ChatRecord } from './platform.js';
import { platformRest, type ChannelCredentials } from './platform-rest.js';
import { createRestApi } from './rest-api.js';
import { UserActions } from './user-actions.js';

/**
 * Creates a fake LINE platform: a plain fetch handler, `(request: Request) => Promise<Response>`, that
 * plays LINE for your bot from both sides, on any runtime (Node, Deno, Bun, Workers). Its REST side
 * (`POST /v1/events`, profiles, content, token reissue, leave) answers as LINE did, accepting every form
 * LINE's own SDKs sent (spec §3.1, with warnings in the request log) and refusing what LINE refused; its
 * virtual users send events to your bot's endpoint as signed `{"result":[…]}` batches. It also serves the
 * emulator's JSON API and inbox page. {@link startEmulator} serves it on a local port.
 *
 * @example
 * ```ts
 * const fake = createFakeLine();
 * const client = createClient({ channelToken: fake.channelToken, fetch: fake.fetch });
 * await client.send(fake.user('Sally').mid, text('hello'));
 * fake.conversation('Sally')?.entries.at(-1)?.content; // { contentType: 1, toType: 1, text: 'hello' }
 * ```
 * @throws LineError at once for invalid options
 */
export function createFakeLine(options: FakeLineOptions = {}): FakeLine {
  const settings = resolveOptions(options);
  const { trial, log } = settings;
  const now = options.now ?? Date.now;
  const url = settings.url;
  const platform = new Platform({ url, historyLimit: settings.historyLimit, deliveryLogLimit: settings.deliveryLogLimit, now, onEntry: options.onEntry, log });
  const initialCredentials = (): ChannelCredentials => ({
    channelId: settings.channelId,
    channelMid: settings.channelMid,
    channelSecret: settings.channelSecret,
    channelToken: options.channelToken ?? EMULATOR_DEFAULTS.channelToken,
    refreshToken: options.refreshToken ?? EMULATOR_DEFAULTS.refreshToken,
    channelTokenExpiresAt: now() + settings.tokenLifetimeMs,
  });
  const credentials = initialCredentials();
  let webhookUrl = checkWebhookUrl(options.webhookUrl);
  const deliveryFetch = options.fetch ?? ((request: Request) => fetch(request));
  const queue = new DeliveryQueue(platform, {
    channelSecret: settings.channelSecret,
    batchWindowMs: settings.batchWindowMs,
    maxEventsPerBatch: settings.maxEventsPerBatch,
    deliveriesInFlight: settings.deliveriesInFlight,
    deliveryTimeoutMs: settings.deliveryTimeoutMs,
    getWebhookUrl: () => webhookUrl,
    fetch: deliveryFetch,
    log,
    onDelivery: options.onDelivery,
  });
  const actions = new UserActions(platform, queue, { channelId: settings.channelId, channelMid: settings.channelMid, trial });
  const rest = createRestApi(
    platformRest(platform, credentials, { trial, maxTextChars: settings.maxTextChars, tokenLifetimeMs: settings.tokenLifetimeMs, log }),
  );
  const addInitialUsers = () => {
    for (const init of options.users ?? DEFAULT_USERS) platform.addUser(init);
  };
  addInitialUsers();

  const chatOf = (ref: VirtualUser | string): ChatRecord | undefined => {
    const direct = typeof ref === 'string' ? platform.chats.get(ref) : undefined;
    if (direct) return direct;
    try {
      return platform.chatOf(platform.findUser(ref));
    } catch {
      return undefined;
    }
  };

  const fake: FakeLine = {
    async fetch(input, init) {
      let request: Request;
      let target: URL;
      try {
        request = input instanceof Request && init === undefined ? input : new Request(input, init);
        target = new URL(request.url);
      } catch {
        return jsonResponse(400, { statusCode: '400', statusMessage: 'Bad Request: the request target is not a valid URL.' });
      }
      // DNS rebinding: a page on another origin that resolves its own name to 127.0.0.1 sends its own Host.
      if (!hostAllowed(target.hostname, settings.allowedHosts)) {
        return jsonResponse(403, { statusCode: '403', statusMessage: `Forbidden: the emulator does not answer the host name ${JSON.stringify(target.hostname)}.` });
      }
      if (target.pathname.startsWith('/v1/')) return rest.handle(request);
      return handleJsonApi({ fake, platform, actions, log }, request, target);
    },
    url,
    inboxUrl: `${url}/`,
    trial,
    channelId: settings.channelId,
    channelMid: settings.channelMid,
    channelSecret: settings.channelSecret,
    get channelToken() {
      return credentials.channelToken;
    },
    get channelTokenExpiresAt() {
      return credentials.channelTokenExpiresAt;
    },
    get refreshToken() {
      return credentials.refreshToken;
    },
    get webhookUrl() {
      return webhookUrl;
    },
    get users() {
      return Array.from(platform.users.values(), (user) => platform.userView(user));
    },
    setWebhookUrl(next) {
      webhookUrl = checkWebhookUrl(next);
      platform.touch();
    },
    user: (midOrName) => platform.userView(platform.findUser(midOrName)),
    addUser: (init) => platform.userView(platform.addUser(init)),
    async sendAs(user, message, sendOptions) {
      const { entry, done } = actions.message(user, message, sendOptions);
      await done;
      return entryView(entry);
    },
    async addAsFriend(user) {
      const { entry, done } = actions.addAsFriend(user);
      await done;
      return entryView(entry);
    },
    async block(user) {
      const { entry, done } = actions.block(user);
      await done;
      return entryView(entry);
    },
    async inviteToGroup(user, inviteOptions) {
      const { chat, done } = actions.invite(user, 'group', inviteOptions);
      await done;
      return platform.chatView(chat);
    },
    async addToRoom(user, inviteOptions) {
      const { chat, done } = actions.invite(user, 'room', inviteOptions);
      await done;
      return platform.chatView(chat);
    },
    waitFor: (waitOptions) => platform.waitFor(waitOptions),
    conversations: () => Array.from(platform.chats.values(), (chat) => platform.chatView(chat)),
    conversation(ref) {
      const chat = chatOf(ref);
      return chat && platform.chatView(chat);
    },
    deliveries: () => platform.deliveries(),
    requests: () => platform.requests(),
    flush: () => queue.flush(),
    redeliver: (deliveryId) => queue.redeliver(deliveryId),
    failNext: (...failures) => rest.failNext(...failures),
    async reset() {
      await queue.flush();
      platform.clear();
      rest.clearFailures();
      Object.assign(credentials, initialCredentials());
      addInitialUsers();
    },
    async close() {
      queue.close();
    },
  };
  return fake;
}

/** Every option of {@link createFakeLine} (a misspelled one is refused, naming the closest). */
export const FAKE_LINE_OPTION_KEYS = /* @__PURE__ */ optionKeys<FakeLineOptions>()([
  'webhookUrl',
  'fetch',
  'url',
  'allowedHosts',
  'channelSecret',
  'channelToken',
  'refreshToken',
  'tokenLifetimeMs',
  'channelId',
  'channelMid',
  'trial',
  'users',
  'batchWindowMs',
  'maxEventsPerBatch',
  'deliveriesInFlight',
  'deliveryTimeoutMs',
  'historyLimit',
  'deliveryLogLimit',
  'maxTextChars',
  'now',
  'log',
  'onDelivery',
  'onEntry',
]);

/** The options with their defaults, checked: a bad one throws a {@link LineError} naming it. */
function resolveOptions(options: FakeLineOptions) {
  if (options === null || typeof options !== 'object') throw new LineError('Invalid emulator options: pass an options object (or nothing).');
  checkOptionKeys(options, FAKE_LINE_OPTION_KEYS, 'createFakeLine');
  const trial = options.trial ?? false;
  const check = (condition: boolean, message: string) => {
    if (!condition) throw new LineError(`Invalid emulator option: ${message}`);
  };
  const count = (name: string, value: number | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER, why = '') => {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    check(value === undefined || (Number.isSafeInteger(value) && value >= min && value <= max), `${name} must be an integer ${range}${why}, got ${String(value)}.`);
    return value ?? fallback;
  };
  const duration = (name: string, value: number | undefined, fallback: number) => {
    check(value === undefined || (Number.isFinite(value) && value >= 0), `${name} must be a number of ms ≥ 0, got ${String(value)}.`);
    return value ?? fallback;
  };
  const channelId = options.channelId ?? EMULATOR_DEFAULTS.channelId;
  const channelSecret = options.channelSecret ?? EMULATOR_DEFAULTS.channelSecret;
  check(/^[0-9]+$/.test(channelId), 'channelId must be a string of digits.');
  check(typeof channelSecret === 'string' && channelSecret !== '', 'channelSecret must be a non-empty string.');
  for (const key of ['channelToken', 'refreshToken'] as const) {
    check(options[key] === undefined || (typeof options[key] === 'string' && options[key] !== ''), `${key} must be a non-empty string.`);
  }
  check(options.fetch === undefined || typeof options.fetch === 'function', 'fetch must be a function (request) => Promise<Response>.');
  check(options.onDelivery === undefined || typeof options.onDelivery === 'function', 'onDelivery must be a function (outcome) => void.');
  check(options.onEntry === undefined || typeof options.onEntry === 'function', 'onEntry must be a function (entry) => void.');
  check(options.allowedHosts === undefined || (Array.isArray(options.allowedHosts) && options.allowedHosts.every((host) => typeof host === 'string')), 'allowedHosts must be an array of host names.');
  const url = (options.url ?? (trial ? Hosts.trial : Hosts.businessConnect)).replace(/\/+$/, '');
  check(/^https?:\/\/[^/]+/.test(url), `url must be an absolute http: or https: URL, got ${JSON.stringify(url)}.`);
  return {
    trial,
    url,
    channelId,
    channelSecret,
    channelMid: options.channelMid ?? EMULATOR_DEFAULTS.channelMid,
    allowedHosts: options.allowedHosts,
    tokenLifetimeMs: duration('tokenLifetimeMs', options.tokenLifetimeMs, 86_400_000),
    batchWindowMs: duration('batchWindowMs', options.batchWindowMs, 10),
    deliveryTimeoutMs: duration('deliveryTimeoutMs', options.deliveryTimeoutMs, 10_000),
    // Spec §2/§5: LINE packs at most 100 events into one callback; a bigger batch would test a bot against traffic LINE never sends.
    maxEventsPerBatch: count('maxEventsPerBatch', options.maxEventsPerBatch, Limits.eventsPerCallback, 1, Limits.eventsPerCallback, ` (LINE delivers at most ${Limits.eventsPerCallback} events per request)`),
    deliveriesInFlight: count('deliveriesInFlight', options.deliveriesInFlight, 1, 1, 1000),
    historyLimit: count('historyLimit', options.historyLimit, 10_000, 1),
    deliveryLogLimit: count('deliveryLogLimit', options.deliveryLogLimit, 500, 1),
    // Spec §3/§5: the Trial docs cap a sent text at 1024 characters; for BC the cap is unconfirmed.
    maxTextChars: options.maxTextChars === undefined ? (trial ? Limits.outgoingTextChars : undefined) : count('maxTextChars', options.maxTextChars, 0, 1),
    log: options.log ?? (() => {}),
  };
}

function checkWebhookUrl(url: unknown): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    throw new EmulatorInputError(`webhookUrl is not an absolute URL: ${JSON.stringify(String(url)).slice(0, 200)} (expected e.g. http://127.0.0.1:3000/callback).`);
  }
  if (typeof url !== 'string' || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new EmulatorInputError(`webhookUrl must be an http: or https: URL, got ${parsed.protocol}`);
  }
  return url;
}
