import { OpType } from '../protocol/op-types.js';
import { buildUserMessage, buildUserOperation } from './build-user-event.js';
import type { DeliveryQueue } from './delivery-queue.js';
import { EmulatorInputError } from './emulator-input-error.js';
import type { SendAsOptions, UserMessageInput, VirtualUser } from './emulator-types.js';
import type { ChatRecord, EntryRecord, Platform, UserRecord } from './platform.js';

/** What a user action recorded, and the delivery of its event. */
export interface Queued {
  /** The conversation entry (updated in place once the delivery finished). */
  entry: EntryRecord;
  /** Resolves when the delivery carrying the event finished, whatever its outcome. Never rejects. */
  done: Promise<void>;
}

/** The channel the virtual users talk to. */
export interface ChannelIdentity {
  channelId: string;
  channelMid: string;
  trial: boolean;
}

/**
 * What virtual users do on the platform side (spec §2): send messages, add or block the bot, invite it to
 * groups and rooms. Each action changes the platform, records a conversation entry and queues the event
 * LINE would deliver; it returns at once, with the delivery as a promise.
 */
export class UserActions {
  constructor(
    private readonly platform: Platform,
    private readonly queue: DeliveryQueue,
    private readonly channel: ChannelIdentity,
  ) {}

  /** A user sends a message, 1:1 or into a group or room they are in. */
  message(ref: VirtualUser | string, input: UserMessageInput, options: SendAsOptions = {}): Queued {
    const user = this.platform.findUser(ref);
    if (user.blocked) throw new EmulatorInputError(`${user.displayName} has blocked the bot and cannot message it; call addFriend first.`);
    if (!user.friend) throw new EmulatorInputError(`${user.displayName} is not a friend of the bot yet; call addFriend first.`);
    const chat = options?.chatMid === undefined ? this.platform.chatOf(user) : this.groupOrRoom(options.chatMid, user);
    const messageId = this.platform.nextMessageId();
    const createdTime = this.platform.settings.now();
    const { event, media } = buildUserMessage(input, {
      ...this.ids(createdTime),
      messageId,
      fromMid: user.mid,
      toType: chat.kind,
      chatMid: chat.mid,
    });
    if (media) this.platform.media.set(messageId, media);
    const entry = this.platform.record(chat, { from: 'user', userMid: user.mid, kind: 'message', content: event.content, messageId, eventId: event.id }, createdTime);
    return { entry, done: this.queue.enqueue(event, entry) };
  }

  /** The user adds the bot as a friend (opType 4; also unblocks). */
  addFriend(ref: VirtualUser | string): Queued {
    const user = this.platform.findUser(ref);
    user.friend = true;
    user.blocked = false;
    return this.operation(user, this.platform.chatOf(user), OpType.addedAsFriend, [user.mid, null, null]);
  }

  /** The user blocks the bot (opType 8). */
  block(ref: VirtualUser | string): Queued {
    const user = this.platform.findUser(ref);
    user.blocked = true;
    user.friend = false;
    return this.operation(user, this.platform.chatOf(user), OpType.blocked, [user.mid, null, null]);
  }

  /** (BC) The user creates a group or room with the bot (opType 5 or 7). */
  invite(ref: VirtualUser | string, kind: 'group' | 'room', name?: unknown): { chat: ChatRecord; done: Promise<void> } {
    if (this.channel.trial) throw new EmulatorInputError('Group and room invites are a Business Connect feature; the emulator runs in Trial mode.');
    const user = this.platform.findUser(ref);
    if (name !== undefined && (typeof name !== 'string' || name.trim() === '' || name.length > 100)) {
      throw new EmulatorInputError('The name of a group or room must be a non-empty string of at most 100 characters.');
    }
    const chat = this.platform.addChat(kind, [user], name ?? (kind === 'group' ? `${user.displayName}'s group` : `Room with ${user.displayName}`));
    // params of opType 5/7 are unconfirmed (spec §2.3): [inviter, group/room MID, null].
    const opType = kind === 'group' ? OpType.invitedToGroup : OpType.addedToRoom;
    const { done } = this.operation(user, chat, opType, [user.mid, chat.mid, null]);
    return { chat, done };
  }

  private operation(user: UserRecord, chat: ChatRecord, opType: number, params: (string | null)[]): Queued {
    const createdTime = this.platform.settings.now();
    const event = buildUserOperation({ revision: this.platform.nextRevision(), opType, params }, this.ids(createdTime));
    const entry = this.platform.record(chat, { from: 'user', userMid: user.mid, kind: 'operation', opType, eventId: event.id }, createdTime);
    return { entry, done: this.queue.enqueue(event, entry) };
  }

  private ids(createdTime: number) {
    return { eventId: this.platform.nextEventId(), channelId: this.channel.channelId, channelMid: this.channel.channelMid, createdTime };
  }

  private groupOrRoom(chatMid: unknown, user: UserRecord): ChatRecord {
    const target = typeof chatMid === 'string' ? this.platform.chats.get(chatMid) : undefined;
    if (!target || target.kind === 'user') throw new EmulatorInputError(`sendAs: no group or room ${JSON.stringify(String(chatMid)).slice(0, 80)}.`);
    if (!target.active) throw new EmulatorInputError(`sendAs: the bot left ${target.kind} ${target.mid}.`);
    if (!target.members.includes(user.mid)) throw new EmulatorInputError(`sendAs: ${user.displayName} is not in ${target.kind} ${target.mid}.`);
    return target;
  }
}
