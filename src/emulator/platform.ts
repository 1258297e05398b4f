import { LineError } from '../errors.js';
import { checkOptionKeys, optionKeys } from '../option-keys.js';
import { Deque } from './deque.js';
import { EmulatorInputError } from './emulator-input-error.js';
import type {
  ApiRequestRecord,
  Conversation,
  ConversationEntry,
  Delivery,
  VirtualUser,
  VirtualUserInit,
  WaitForOptions,
} from './emulator-types.js';
import { randomHex, randomInteger, stableHex32 } from './random-hex.js';
import type { SampleMedia } from './sample-media.js';

/** Internal, mutable view of a user. */
export interface UserRecord {
  mid: string;
  displayName: string;
  statusMessage: string | undefined;
  friend: boolean;
  blocked: boolean;
}

/** Internal, mutable view of a chat. */
export interface ChatRecord {
  mid: string;
  kind: 'user' | 'group' | 'room';
  title: string;
  members: string[];
  active: boolean;
  /** The entries still in the history window, oldest first. */
  entries: Deque<EntryRecord>;
  /** `seq` of the latest entry a user made here (0 for none), for `waitFor`'s default `after`. */
  lastUserSeq: number;
}

/** Internal, mutable entry (the public view is a frozen copy). */
export type EntryRecord = { -readonly [K in keyof ConversationEntry]: ConversationEntry[K] };

/** Internal delivery record: the body as sent, parsed into `events` only when someone looks. */
export type DeliveryRecord = Omit<Delivery, 'events'> & { readonly body: string };

/** Media a user sent, for the content download endpoints. */
export interface StoredMedia {
  original: SampleMedia;
  preview: SampleMedia | undefined;
}

/** Settings of a {@link Platform}. */
export interface PlatformSettings {
  /** Base URL of the fake: the origin of users' `pictureUrl`. */
  url: string;
  /** Conversation entries kept over all chats. */
  historyLimit: number;
  /** Deliveries kept in the log. */
  deliveryLogLimit: number;
  now(): number;
  /** Gets each entry as it is recorded (see `FakeLineOptions.onEntry`). */
  onEntry?: ((entry: ConversationEntry) => void) | undefined;
  /** Where an exception of `onEntry` is reported. */
  log?: ((line: string) => void) | undefined;
}

interface Waiter {
  offer(entry: EntryRecord): void;
}

const REQUEST_LOG_LIMIT = 500;
const WAIT_FOR_OPTION_KEYS = /* @__PURE__ */ optionKeys<WaitForOptions>()(['chat', 'from', 'count', 'after', 'match', 'timeoutMs']);

/**
 * The fake LINE platform's memory: users, chats and their entries, deliveries, REST requests and user
 * media. Everything is bounded: the history keeps the newest `historyLimit` entries over all chats (the
 * media of a forgotten user message go with it), the logs their newest records, so a long load run keeps
 * constant memory. Single-threaded: every change bumps `version`, which the inbox page polls.
 */
export class Platform {
  readonly users = new Map<string, UserRecord>();
  readonly chats = new Map<string, ChatRecord>();
  readonly media = new Map<string, StoredMedia>();
  version = 0;
  private readonly history = new Deque<EntryRecord>();
  private readonly deliveryLog = new Deque<DeliveryRecord>();
  private readonly requestLog = new Deque<ApiRequestRecord>();
  private readonly waiters = new Set<Waiter>();
  private seq = 0;
  private lastUserSeq = 0;
  private revision = 0;
  private messageCounter = 0;
  private eventCounter = 0;
  // Ids start from a time (message ids) or a random number (event ids) once per platform, so that a bot
  // whose dedupe store outlives an emulator run never mistakes new events for old ones.
  private readonly messageIdBase: number;
  private readonly eventIdBase = randomInteger(1_000_000_000, 9_000_000_000);

  constructor(readonly settings: PlatformSettings) {
    this.messageIdBase = settings.now();
  }

  /** Forgets users, chats, deliveries, requests and media (counters keep growing, so ids stay unique). */
  clear(): void {
    this.users.clear();
    this.chats.clear();
    this.media.clear();
    this.history.clear();
    this.deliveryLog.clear();
    this.requestLog.clear();
    this.lastUserSeq = 0;
    this.touch();
  }

  /** Creates a user (and the 1:1 chat with the bot), checking every field of `init`. */
  addUser(init: VirtualUserInit): UserRecord {
    if (init === null || typeof init !== 'object') throw new EmulatorInputError('addUser: pass { displayName, mid?, statusMessage?, friend? }.');
    const { displayName, mid = midFromName(String(displayName)), statusMessage, friend = true } = init;
    if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.length > 100) {
      throw new EmulatorInputError('addUser: displayName must be a non-empty string of at most 100 characters.');
    }
    if (typeof mid !== 'string' || !/^u[0-9a-f]{32}$/.test(mid)) {
      throw new EmulatorInputError(`addUser: mid must be "u" followed by 32 lowercase hex characters, got ${describe(mid)}.`);
    }
    if (statusMessage !== undefined && (typeof statusMessage !== 'string' || statusMessage.length > 500)) {
      throw new EmulatorInputError('addUser: statusMessage must be a string of at most 500 characters.');
    }
    if (typeof friend !== 'boolean') throw new EmulatorInputError(`addUser: friend must be true or false, got ${describe(friend)}.`);
    if (this.users.has(mid)) throw new EmulatorInputError(`addUser: a user with MID ${mid} exists already.`);
    const user: UserRecord = { mid, displayName, statusMessage: statusMessage === '' ? undefined : statusMessage, friend, blocked: false };
    this.users.set(mid, user);
    this.chats.set(mid, { mid, kind: 'user', title: displayName, members: [mid], active: true, entries: new Deque(), lastUserSeq: 0 });
    this.touch();
    return user;
  }

  /** Finds a user by MID, display name (case-insensitive) or {@link VirtualUser}; throws a clear error otherwise. */
  findUser(ref: VirtualUser | string): UserRecord {
    const key = typeof ref === 'string' ? ref : (ref as { mid?: unknown } | null)?.mid;
    if (typeof key === 'string') {
      const byMid = this.users.get(key);
      if (byMid) return byMid;
      const lower = key.toLowerCase();
      for (const user of this.users.values()) if (user.displayName.toLowerCase() === lower) return user;
    }
    const known = [...this.users.values()].map((u) => u.displayName).join(', ');
    throw new EmulatorInputError(`No virtual user ${describe(key)}; known users: ${known || 'none'}.`);
  }

  /** The 1:1 chat of a user. */
  chatOf(user: UserRecord): ChatRecord {
    return this.chats.get(user.mid)!;
  }

  /** Creates a group or room chat with the bot and `members`. */
  addChat(kind: 'group' | 'room', members: readonly UserRecord[], title: string): ChatRecord {
    const mid = `${kind === 'group' ? 'c' : 'r'}${randomHex(16)}`;
    const chat: ChatRecord = { mid, kind, title, members: members.map((user) => user.mid), active: true, entries: new Deque(), lastUserSeq: 0 };
    this.chats.set(mid, chat);
    this.touch();
    return chat;
  }

  /** The next operation revision (grows monotonically, spec §2.3). */
  nextRevision(): number {
    return ++this.revision;
  }

  /** A numeric message id, unique in this platform. */
  nextMessageId(): string {
    return String(this.messageIdBase + ++this.messageCounter);
  }

  /** An event id shaped like real ones (`WB1519-3426467455`). */
  nextEventId(): string {
    return `WB1519-${this.eventIdBase + ++this.eventCounter}`;
  }

  /** Records an entry in a chat, forgets the oldest entry past the history limit, and wakes the waiters. */
  record(chat: ChatRecord, entry: Omit<EntryRecord, 'seq' | 'time' | 'chatMid'>, time = this.settings.now()): EntryRecord {
    const full = { seq: ++this.seq, time, chatMid: chat.mid, ...entry } as EntryRecord;
    chat.entries.push(full);
    this.history.push(full);
    if (full.from === 'user') chat.lastUserSeq = this.lastUserSeq = full.seq;
    while (this.history.length > this.settings.historyLimit) this.forget(this.history.shift()!);
    for (const waiter of this.waiters) waiter.offer(full);
    if (this.settings.onEntry !== undefined) {
      try {
        this.settings.onEntry(entryView(full));
      } catch (error) {
        this.settings.log?.(`onEntry threw for entry #${full.seq}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.touch();
    return full;
  }

  /** Remembers a delivery (the newest `deliveryLogLimit`). */
  recordDelivery(record: DeliveryRecord): void {
    this.deliveryLog.push(record);
    while (this.deliveryLog.length > this.settings.deliveryLogLimit) this.deliveryLog.shift();
    this.touch();
  }

  /** Remembers a REST request (the newest {@link REQUEST_LOG_LIMIT}). */
  recordRequest(record: ApiRequestRecord): void {
    this.requestLog.push(Object.freeze({ ...record, warnings: Object.freeze([...record.warnings]) }));
    while (this.requestLog.length > REQUEST_LOG_LIMIT) this.requestLog.shift();
    this.touch();
  }

  /** A delivery of the log, by id. */
  findDelivery(id: string): DeliveryRecord | undefined {
    for (const delivery of this.deliveryLog) if (delivery.id === id) return delivery;
    return undefined;
  }

  /** Marks a change (the inbox page polls `version`). */
  touch(): void {
    this.version++;
  }

  userView(user: UserRecord): VirtualUser {
    return Object.freeze({ ...user, pictureUrl: `${this.settings.url}/_emulator/users/${user.mid}/picture` });
  }

  chatView(chat: ChatRecord): Conversation {
    return Object.freeze({
      mid: chat.mid,
      kind: chat.kind,
      title: chat.title,
      members: Object.freeze([...chat.members]),
      active: chat.active,
      entries: Object.freeze(Array.from(chat.entries, entryView)),
    });
  }

  /** Every delivery of the log, oldest first, with `events` parsed from the body sent. */
  deliveries(): Delivery[] {
    return Array.from(this.deliveryLog, deliveryView);
  }

  /** Every request of the log, oldest first. */
  requests(): ApiRequestRecord[] {
    return [...this.requestLog];
  }

  /** Resolves with matching entries, or rejects after `timeoutMs` listing what arrived. */
  waitFor(options: WaitForOptions = {}): Promise<ConversationEntry[]> {
    checkOptionKeys(options, WAIT_FOR_OPTION_KEYS, 'waitFor', (message) => new EmulatorInputError(message));
    const chatMid = options.chat === undefined ? undefined : this.resolveChatMid(options.chat);
    const from = options.from ?? 'bot';
    const count = options.count ?? 1;
    const timeoutMs = options.timeoutMs ?? 5_000;
    if (!Number.isSafeInteger(count) || count < 1) throw new EmulatorInputError(`waitFor: count must be a positive integer, got ${describe(count)}.`);
    let after: number;
    if (options.after === undefined) after = chatMid === undefined ? this.lastUserSeq : (this.chats.get(chatMid)?.lastUserSeq ?? 0);
    else after = typeof options.after === 'number' ? options.after : options.after.seq;
    const found: EntryRecord[] = [];
    const accepts = (entry: EntryRecord) =>
      entry.seq > after && entry.from === from && (chatMid === undefined || entry.chatMid === chatMid) && (options.match === undefined || options.match(entryView(entry)));
    // What is already there (the history is seq-ordered), then every new entry as it is recorded.
    for (const entry of this.history) if (accepts(entry)) found.push(entry);
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(found.slice(0, count).map(entryView));
      };
      const waiter: Waiter = {
        offer: (entry) => {
          try {
            if (accepts(entry)) found.push(entry);
          } catch (error) {
            // A `match` that throws fails this wait, never the recording of the entry.
            clearTimeout(timer);
            this.waiters.delete(waiter);
            reject(error);
            return;
          }
          if (found.length >= count) done();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const where = chatMid === undefined ? 'any chat' : `chat ${chatMid}`;
        const last = this.deliveryLog.last();
        const hint = last && !last.ok ? ` The last webhook delivery failed: ${(last.error ?? `HTTP ${String(last.status)}`).replace(/\.$/, '')}.` : '';
        reject(
          new LineError(
            `waitFor: expected ${count} entr${count === 1 ? 'y' : 'ies'} from the ${from} in ${where} after #${after} within ${timeoutMs} ms, got ${found.length}.${hint}`,
          ),
        );
      }, timeoutMs);
      if (found.length >= count) done();
      else this.waiters.add(waiter);
    });
  }

  private forget(entry: EntryRecord): void {
    this.chats.get(entry.chatMid)?.entries.shift();
    if (entry.from === 'user' && entry.messageId !== undefined) this.media.delete(entry.messageId);
  }

  private resolveChatMid(chat: VirtualUser | string): string {
    if (typeof chat === 'string' && this.chats.has(chat)) return chat;
    return this.findUser(chat).mid;
  }
}

/** A frozen copy of an entry. */
export function entryView(entry: EntryRecord): ConversationEntry {
  return Object.freeze({ ...entry });
}

/** The public view of a delivery record (its `events` parsed from the body sent). */
export function deliveryView(record: DeliveryRecord): Delivery {
  const { body, ...rest } = record;
  return Object.freeze({ ...rest, events: (JSON.parse(body) as { result: Record<string, unknown>[] }).result });
}

/** A stable `u` + 32 hex MID for a display name, so that tests and transcripts are reproducible. */
export function midFromName(displayName: string): string {
  return `u${stableHex32(`line-bc-emulator:${displayName}`)}`;
}

/** A short description of an input value for error messages (never the whole of a large value). */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
