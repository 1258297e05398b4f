import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpType } from '../../protocol/op-types.js';
import { Limits } from '../../protocol/limits.js';
import { buildMessageContent, buildMessageEvent, buildOperationEvent } from './build-platform-event.js';
import type { CheckedSend, RecipientKind } from './check-send-request.js';
import { DeliveryQueue } from './delivery-queue.js';
import { EmulatorState, entryView, type ChatRecord, type UserRecord } from './emulator-state.js';
import type {
  ApiRequestRecord,
  Conversation,
  ConversationEntry,
  Delivery,
  Emulator,
  EmulatorOptions,
  SendAsOptions,
  UserMessageInput,
  VirtualUser,
  VirtualUserInit,
  WaitForOptions,
} from './emulator-types.js';
import { LineErrorResponse, sendJson, sendLineError } from './http-helpers.js';
import { handleEmulatorApi } from './json-api.js';
import { handleRestRequest, type RestContext } from './rest-api.js';

/** Default virtual users: friends of the bot from the start. */
export const DEFAULT_USERS: readonly VirtualUserInit[] = [
  { displayName: 'Sally', statusMessage: 'Out for a walk' },
  { displayName: 'Brown', statusMessage: 'Honey?' },
  { displayName: 'Cony' },
];

/** Default channel settings of the emulator. */
export const EMULATOR_DEFAULTS = {
  channelSecret: 'emulator-channel-secret',
  channelToken: 'emulator-channel-token',
  refreshToken: 'emulator-refresh-token',
  channelId: '1441301333',
  channelMid: 'u0a556cffd4da0dd89c94fb36e36e1cdc',
} as const;

/**
 * Starts a local Business Connect emulator: a Node HTTP server on 127.0.0.1 (a free port by default)
 * that plays LINE's REST API for your bot and delivers signed events from virtual users to your
 * event endpoint URL. It also serves an inbox web page at `/` and a JSON API under `/_emulator/`.
 * Node only. See docs/emulator.md.
 *
 * @example
 * const emu = await startEmulator({ webhookUrl: 'http://127.0.0.1:3000/callback' });
 * const client = createClient({ channelToken: emu.channelToken, baseUrl: emu.url });
 * await emu.sendAs('Sally', 'hello');
 * const [reply] = await emu.waitFor({ chat: 'Sally' });
 * await emu.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new LocalEmulator(options);
  await emulator.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return emulator;
}

function checkOption(condition: boolean, message: string): void {
  if (!condition) throw new TypeError(`startEmulator: ${message}`);
}

class LocalEmulator implements Emulator, RestContext {
  readonly trial: boolean;
  readonly channelId: string;
  readonly channelMid: string;
  readonly channelSecret: string;
  readonly maxTextChars: number | undefined;
  readonly tokenLifetimeMs: number;
  channelToken: string;
  refreshToken: string;
  url = '';
  state!: EmulatorState;
  private webhook: string | undefined;
  private queue!: DeliveryQueue;
  private server: Server | undefined;
  private readonly logLine: (line: string) => void;

  constructor(private readonly options: EmulatorOptions) {
    this.trial = options.trial ?? false;
    this.channelId = options.channelId ?? EMULATOR_DEFAULTS.channelId;
    this.channelMid = options.channelMid ?? EMULATOR_DEFAULTS.channelMid;
    this.channelSecret = options.channelSecret ?? EMULATOR_DEFAULTS.channelSecret;
    this.channelToken = options.channelToken ?? EMULATOR_DEFAULTS.channelToken;
    this.refreshToken = options.refreshToken ?? EMULATOR_DEFAULTS.refreshToken;
    // Spec §3/§5: the Trial docs cap a sent text at 1024 characters; for BC the cap is unconfirmed.
    this.maxTextChars = options.maxTextChars ?? (this.trial ? Limits.outgoingTextChars : undefined);
    this.tokenLifetimeMs = options.tokenLifetimeMs ?? 86_400_000;
    this.logLine = options.log ?? (() => {});
    checkOption(/^[0-9]+$/.test(this.channelId), 'channelId must be a string of digits.');
    checkOption(this.channelSecret !== '', 'channelSecret must not be empty.');
    checkOption(this.channelToken !== '', 'channelToken must not be empty.');
    for (const [name, value] of [
      ['batchWindowMs', options.batchWindowMs],
      ['deliveryTimeoutMs', options.deliveryTimeoutMs],
    ] as const) {
      checkOption(value === undefined || (Number.isFinite(value) && value >= 0), `${name} must be a number ≥ 0.`);
    }
    const maxEvents = options.maxEventsPerBatch;
    // Spec §2/§5: LINE packs at most 100 events into one callback; a bigger batch would test a bot against traffic LINE never sends.
    checkOption(
      maxEvents === undefined || (Number.isSafeInteger(maxEvents) && maxEvents >= 1 && maxEvents <= Limits.eventsPerCallback),
      `maxEventsPerBatch must be an integer from 1 to ${Limits.eventsPerCallback} (LINE delivers at most ${Limits.eventsPerCallback} events per request), got ${String(maxEvents)}.`,
    );
    const maxText = options.maxTextChars;
    checkOption(maxText === undefined || (Number.isSafeInteger(maxText) && maxText >= 1), `maxTextChars must be a positive integer, got ${String(maxText)}.`);
    this.setWebhookUrl(options.webhookUrl);
  }

  async listen(port: number, host: string): Promise<void> {
    checkOption(Number.isSafeInteger(port) && port >= 0 && port <= 65535, `port must be an integer 0..65535, got ${String(port)}.`);
    // Imported here, not at the top: the testing entry re-exports startEmulator and must still load
    // on runtimes without node:http (Workers); only starting an emulator needs Node.
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.url = `http://${hostForUrl}:${address.port}`;
    this.state = new EmulatorState(this.url);
    this.queue = new DeliveryQueue(this.state, {
      channelSecret: this.channelSecret,
      batchWindowMs: this.options.batchWindowMs ?? 10,
      maxEventsPerBatch: this.options.maxEventsPerBatch ?? 100,
      deliveryTimeoutMs: this.options.deliveryTimeoutMs ?? 10_000,
      getWebhookUrl: () => this.webhook,
      log: this.logLine,
    });
    try {
      for (const init of this.options.users ?? DEFAULT_USERS) this.state.addUser(init);
    } catch (error) {
      // A bad `users` option must not leave a server listening.
      await this.close();
      throw error;
    }
  }

  get inboxUrl(): string {
    return `${this.url}/`;
  }

  get webhookUrl(): string | undefined {
    return this.webhook;
  }

  get users(): readonly VirtualUser[] {
    return [...this.state.users.values()].map((user) => this.state.userView(user));
  }

  log(line: string): void {
    this.logLine(line);
  }

  setWebhookUrl(url: string | undefined): void {
    if (url !== undefined) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new TypeError(`webhookUrl is not an absolute URL: ${JSON.stringify(url)} (expected e.g. http://127.0.0.1:3000/callback).`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(`webhookUrl must be http: or https:, got ${parsed.protocol}`);
    }
    this.webhook = url;
    if (this.state) this.state.touch();
  }

  user(midOrName: string): VirtualUser {
    return this.state.userView(this.state.findUser(midOrName));
  }

  addUser(init: VirtualUserInit): VirtualUser {
    return this.state.userView(this.state.addUser(init));
  }

  // ---- platform side ----

  /** Records a user's message and queues its event; returns the entry and the delivery promise. */
  queueMessage(ref: VirtualUser | string, message: UserMessageInput, options: SendAsOptions = {}): { entry: ConversationEntry; done: Promise<void> } {
    const user = this.state.findUser(ref);
    if (user.blocked) throw new TypeError(`${user.displayName} has blocked the bot and cannot message it; call addFriend first.`);
    if (!user.friend) throw new TypeError(`${user.displayName} is not a friend of the bot yet; call addFriend first.`);
    let chat: ChatRecord = this.chatOf(user);
    if (options.chatMid !== undefined) {
      const target = this.state.chats.get(options.chatMid);
      if (!target || target.kind === 'user') throw new TypeError(`sendAs: no group or room ${JSON.stringify(options.chatMid)}.`);
      if (!target.active) throw new TypeError(`sendAs: the bot left ${target.kind} ${target.mid}.`);
      if (!target.members.includes(user.mid)) throw new TypeError(`sendAs: ${user.displayName} is not in ${target.kind} ${target.mid}.`);
      chat = target;
    }
    const messageId = this.state.nextMessageId();
    const createdTime = Date.now();
    const built = buildMessageContent(message, {
      messageId,
      fromMid: user.mid,
      toMid: chat.kind === 'user' ? this.channelMid : chat.mid,
      toType: chat.kind,
      createdTime,
    });
    if (built.media) this.state.media.set(messageId, built.media);
    const entry = this.state.record(chat, { from: 'user', userMid: user.mid, kind: 'message', content: built.content, messageId }, createdTime);
    const event = buildMessageEvent(this, built.content);
    entry.eventId = event.id as string;
    return { entry, done: this.queue.enqueue(event, entry) };
  }

  /** Records a user's operation and queues its event. */
  queueOperation(user: UserRecord, chat: ChatRecord, opType: number, params: (string | null)[]): { entry: ConversationEntry; done: Promise<void> } {
    const entry = this.state.record(chat, { from: 'user', userMid: user.mid, kind: 'operation', opType });
    const event = buildOperationEvent(this, { revision: this.state.nextRevision(), opType, params });
    entry.eventId = event.id as string;
    return { entry, done: this.queue.enqueue(event, entry) };
  }

  async sendAs(user: VirtualUser | string, message: UserMessageInput, options?: SendAsOptions): Promise<ConversationEntry> {
    const { entry, done } = this.queueMessage(user, message, options);
    await done;
    return this.latest(entry);
  }

  /** Applies add-friend (opType 4) and queues the event. */
  queueAddFriend(ref: VirtualUser | string): { entry: ConversationEntry; done: Promise<void> } {
    const user = this.state.findUser(ref);
    user.friend = true;
    user.blocked = false;
    return this.queueOperation(user, this.chatOf(user), OpType.addedAsFriend, [user.mid, null, null]);
  }

  /** Applies block (opType 8) and queues the event. */
  queueBlock(ref: VirtualUser | string): { entry: ConversationEntry; done: Promise<void> } {
    const user = this.state.findUser(ref);
    user.blocked = true;
    user.friend = false;
    return this.queueOperation(user, this.chatOf(user), OpType.blocked, [user.mid, null, null]);
  }

  /** Creates a group/room with the user and queues opType 5/7. */
  queueInvite(ref: VirtualUser | string, kind: 'group' | 'room', name?: string): { chat: ChatRecord; done: Promise<void> } {
    if (this.trial) throw new TypeError('Group and room invites are a Business Connect feature; the emulator runs in Trial mode.');
    const user = this.state.findUser(ref);
    const chat = this.state.addChat(kind, user, name ?? (kind === 'group' ? `${user.displayName}'s group` : `Room with ${user.displayName}`));
    // params of opType 5/7 are unconfirmed (spec §2.3): [inviter, group/room MID, null].
    const opType = kind === 'group' ? OpType.invitedToGroup : OpType.addedToRoom;
    const { done } = this.queueOperation(user, chat, opType, [user.mid, chat.mid, null]);
    return { chat, done };
  }

  async addFriend(user: VirtualUser | string): Promise<ConversationEntry> {
    const { entry, done } = this.queueAddFriend(user);
    await done;
    return this.latest(entry);
  }

  async block(user: VirtualUser | string): Promise<ConversationEntry> {
    const { entry, done } = this.queueBlock(user);
    await done;
    return this.latest(entry);
  }

  async inviteToGroup(user: VirtualUser | string, options: { name?: string } = {}): Promise<Conversation> {
    const { chat, done } = this.queueInvite(user, 'group', options.name);
    await done;
    return this.state.chatView(chat);
  }

  async inviteToRoom(user: VirtualUser | string): Promise<Conversation> {
    const { chat, done } = this.queueInvite(user, 'room');
    await done;
    return this.state.chatView(chat);
  }

  waitFor(options?: WaitForOptions): Promise<ConversationEntry[]> {
    return this.state.waitFor(options);
  }

  conversations(): Conversation[] {
    return [...this.state.chats.values()].map((chat) => this.state.chatView(chat));
  }

  conversation(chat: VirtualUser | string): Conversation | undefined {
    const key = typeof chat === 'string' ? chat : chat.mid;
    const direct = this.state.chats.get(key);
    if (direct) return this.state.chatView(direct);
    try {
      return this.state.chatView(this.chatOf(this.state.findUser(chat)));
    } catch {
      return undefined;
    }
  }

  deliveries(): Delivery[] {
    return [...this.state.deliveries];
  }

  requests(): ApiRequestRecord[] {
    return [...this.state.requests];
  }

  flush(): Promise<void> {
    return this.queue.flush();
  }

  async redeliver(deliveryId: string): Promise<Delivery> {
    return this.queue.redeliver(deliveryId);
  }

  async reset(): Promise<void> {
    await this.queue.flush();
    this.state.clear();
    this.channelToken = this.options.channelToken ?? EMULATOR_DEFAULTS.channelToken;
    this.refreshToken = this.options.refreshToken ?? EMULATOR_DEFAULTS.refreshToken;
    for (const init of this.options.users ?? DEFAULT_USERS) this.state.addUser(init);
  }

  async close(): Promise<void> {
    this.queue?.close();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  // ---- REST side hooks ----

  recipientKind(mid: string): RecipientKind {
    if (this.state.users.has(mid)) return 'user';
    const chat = this.state.chats.get(mid);
    if (chat && chat.kind !== 'user' && chat.active) return chat.kind;
    return undefined;
  }

  acceptSend(send: CheckedSend): string {
    const messageId = this.state.nextMessageId();
    for (const mid of send.recipients) {
      const user = this.state.users.get(mid);
      const chat = this.state.chats.get(mid);
      if (!chat) continue;
      // spec §3: a user who blocked (or never added) the bot is answered as success but gets nothing.
      const delivered = user === undefined || (user.friend && !user.blocked);
      for (const content of send.messages) {
        this.state.record(chat, { from: 'bot', userMid: mid, kind: 'message', content, messageId, delivered });
      }
    }
    this.log(`REST POST /v1/events accepted: ${send.kind} to ${send.recipients.length} recipient(s), messageId ${messageId}`);
    return messageId;
  }

  leave(kind: 'group' | 'room', mid: string): boolean {
    const chat = this.state.chats.get(mid);
    if (!chat || chat.kind !== kind || !chat.active) return false;
    chat.active = false;
    this.state.record(chat, { from: 'bot', userMid: mid, kind: 'system', text: `The bot left the ${kind}.` });
    return true;
  }

  // ---- internals ----

  private chatOf(user: UserRecord): ChatRecord {
    const chat = this.state.chats.get(user.mid);
    if (!chat) throw new TypeError(`No chat for ${user.mid}.`);
    return chat;
  }

  private latest(entry: ConversationEntry): ConversationEntry {
    const chat = this.state.chats.get(entry.chatMid);
    const current = chat?.entries.find((candidate) => candidate.seq === entry.seq);
    return current ? entryView(current) : entry;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://emulator.local');
    } catch {
      sendLineError(res, new LineErrorResponse(400, '400', 'Bad Request: the request target is not a valid path.'));
      return;
    }
    try {
      if (url.pathname.startsWith('/v1/')) await handleRestRequest(this, req, res, url);
      else await handleEmulatorApi(this, req, res, url);
    } catch (error) {
      this.log(`unexpected error for ${req.method ?? ''} ${url.pathname}: ${String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { statusCode: '500', statusMessage: 'Unexpected error in the emulator.' });
      else res.end();
    }
  }
}

/** The emulator implementation, for the JSON API and the CLI (internal). */
export type { LocalEmulator };
