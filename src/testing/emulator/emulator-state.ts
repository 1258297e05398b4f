import type {
  ApiRequestRecord,
  Conversation,
  ConversationEntry,
  Delivery,
  VirtualUser,
  VirtualUserInit,
  WaitForOptions,
} from './emulator-types.js';
import { randomHex, stableHex32 } from './random-hex.js';
import type { SampleMedia } from './sample-media.js';

/** Internal, mutable view of a user. */
export interface UserRecord {
  mid: string;
  displayName: string;
  pictureUrl: string;
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
  entries: EntryRecord[];
}

/** Internal, mutable entry (the public view is a frozen copy). */
export type EntryRecord = { -readonly [K in keyof ConversationEntry]: ConversationEntry[K] };

/** Media a user sent, for the content download endpoints. */
export interface StoredMedia {
  original: SampleMedia;
  preview: SampleMedia | undefined;
}

interface Waiter {
  check(): void;
}

const MAX_REQUESTS = 500;

/**
 * Everything the emulator remembers: users, chats and their entries, deliveries, REST requests and
 * user media. Single-threaded: every mutation bumps `version`, which the inbox page polls.
 */
export class EmulatorState {
  readonly users = new Map<string, UserRecord>();
  readonly chats = new Map<string, ChatRecord>();
  readonly deliveries: Delivery[] = [];
  readonly requests: ApiRequestRecord[] = [];
  readonly media = new Map<string, StoredMedia>();
  version = 0;
  private seq = 0;
  private revision = 0;
  private messageCounter = 0;
  private readonly messageIdBase = Date.now();
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly pictureBaseUrl: string) {}

  /** Forgets users, chats, deliveries, requests and media (counters keep growing, so ids stay unique). */
  clear(): void {
    this.users.clear();
    this.chats.clear();
    this.deliveries.length = 0;
    this.requests.length = 0;
    this.media.clear();
    this.touch();
  }

  /** Creates a user (and the 1:1 chat with the bot). */
  addUser(init: VirtualUserInit): UserRecord {
    if (typeof init?.displayName !== 'string' || init.displayName.trim() === '') {
      throw new TypeError('addUser: displayName must be a non-empty string.');
    }
    const mid = init.mid ?? midFromName(init.displayName);
    if (!/^u[0-9a-f]{32}$/.test(mid)) throw new TypeError(`addUser: mid must be "u" followed by 32 lowercase hex characters, got "${mid}".`);
    if (this.users.has(mid)) throw new TypeError(`addUser: a user with MID ${mid} exists already.`);
    const user: UserRecord = {
      mid,
      displayName: init.displayName,
      pictureUrl: `${this.pictureBaseUrl}/_emulator/users/${mid}/picture`,
      statusMessage: init.statusMessage === '' ? undefined : init.statusMessage,
      friend: init.friend ?? true,
      blocked: false,
    };
    this.users.set(mid, user);
    this.chats.set(mid, { mid, kind: 'user', title: user.displayName, members: [mid], active: true, entries: [] });
    this.touch();
    return user;
  }

  /** Finds a user by MID, display name (case-insensitive) or {@link VirtualUser}; throws a clear error otherwise. */
  findUser(ref: VirtualUser | string): UserRecord {
    const key = typeof ref === 'string' ? ref : ref?.mid;
    if (typeof key === 'string') {
      const byMid = this.users.get(key);
      if (byMid) return byMid;
      const lower = key.toLowerCase();
      for (const user of this.users.values()) if (user.displayName.toLowerCase() === lower) return user;
    }
    const known = [...this.users.values()].map((u) => u.displayName).join(', ');
    throw new TypeError(`No virtual user ${JSON.stringify(key)}; known users: ${known || 'none'}.`);
  }

  /** Creates a group or room chat with the bot and one user. */
  addChat(kind: 'group' | 'room', user: UserRecord, title: string): ChatRecord {
    const mid = `${kind === 'group' ? 'c' : 'r'}${randomHex(16)}`;
    const chat: ChatRecord = { mid, kind, title, members: [user.mid], active: true, entries: [] };
    this.chats.set(mid, chat);
    this.touch();
    return chat;
  }

  /** The next operation revision (grows monotonically, spec §2.3). */
  nextRevision(): number {
    return ++this.revision;
  }

  /** A numeric message id, unique in this emulator. */
  nextMessageId(): string {
    return String(this.messageIdBase + ++this.messageCounter);
  }

  /** Records an entry in a chat and wakes the waiters. */
  record(chat: ChatRecord, entry: Omit<EntryRecord, 'seq' | 'time' | 'chatMid'>, time = Date.now()): EntryRecord {
    const full = { seq: ++this.seq, time, chatMid: chat.mid, ...entry } as EntryRecord;
    chat.entries.push(full);
    this.touch();
    return full;
  }

  /** Remembers a REST request (the last {@link MAX_REQUESTS}). */
  recordRequest(record: ApiRequestRecord): void {
    this.requests.push(record);
    if (this.requests.length > MAX_REQUESTS) this.requests.splice(0, this.requests.length - MAX_REQUESTS);
    this.touch();
  }

  /** Marks a change: bumps `version` and re-checks waiters. */
  touch(): void {
    this.version++;
    for (const waiter of [...this.waiters]) waiter.check();
  }

  userView(user: UserRecord): VirtualUser {
    return Object.freeze({ ...user });
  }

  chatView(chat: ChatRecord): Conversation {
    return Object.freeze({
      mid: chat.mid,
      kind: chat.kind,
      title: chat.title,
      members: Object.freeze([...chat.members]),
      active: chat.active,
      entries: Object.freeze(chat.entries.map((entry) => entryView(entry))),
    });
  }

  /** Resolves with matching entries, or rejects after `timeoutMs` listing what arrived. */
  waitFor(options: WaitForOptions = {}): Promise<ConversationEntry[]> {
    const chatMid = options.chat === undefined ? undefined : this.resolveChatMid(options.chat);
    const from = options.from ?? 'bot';
    const count = options.count ?? 1;
    const timeoutMs = options.timeoutMs ?? 5_000;
    if (!Number.isSafeInteger(count) || count < 1) throw new TypeError(`waitFor: count must be a positive integer, got ${String(count)}.`);
    let after: number;
    if (options.after === undefined) after = this.latestUserSeq(chatMid);
    else after = typeof options.after === 'number' ? options.after : options.after.seq;
    const matches = (): EntryRecord[] => {
      const found: EntryRecord[] = [];
      for (const chat of this.chats.values()) {
        if (chatMid !== undefined && chat.mid !== chatMid) continue;
        for (const entry of chat.entries) {
          if (entry.seq > after && entry.from === from && (options.match === undefined || options.match(entryView(entry)))) found.push(entry);
        }
      }
      return found.sort((a, b) => a.seq - b.seq);
    };
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const found = matches();
          if (found.length >= count) {
            cleanup();
            resolve(found.slice(0, count).map((entry) => entryView(entry)));
          }
        },
      };
      const timer = setTimeout(() => {
        cleanup();
        const found = matches();
        const where = chatMid === undefined ? 'any chat' : `chat ${chatMid}`;
        const last = this.deliveries.at(-1);
        const hint = last && !last.ok ? ` The last webhook delivery failed: ${(last.error ?? `HTTP ${String(last.status)}`).replace(/\.$/, '')}.` : '';
        reject(new Error(`waitFor: expected ${count} entr${count === 1 ? 'y' : 'ies'} from the ${from} in ${where} after #${after} within ${timeoutMs} ms, got ${found.length}.${hint}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      waiter.check();
    });
  }

  private resolveChatMid(chat: VirtualUser | string): string {
    if (typeof chat === 'string' && this.chats.has(chat)) return chat;
    return this.findUser(chat).mid;
  }

  private latestUserSeq(chatMid: string | undefined): number {
    let latest = 0;
    for (const chat of this.chats.values()) {
      if (chatMid !== undefined && chat.mid !== chatMid) continue;
      for (const entry of chat.entries) if (entry.from === 'user' && entry.seq > latest) latest = entry.seq;
    }
    return latest;
  }
}

/** A frozen copy of an entry. */
export function entryView(entry: EntryRecord): ConversationEntry {
  return Object.freeze({ ...entry });
}

/** A stable `u` + 32 hex MID for a display name, so that tests and transcripts are reproducible. */
export function midFromName(displayName: string): string {
  return `u${stableHex32(`line-bc-emulator:${displayName}`)}`;
}
