import { checkOptionKeys, optionKeys } from '../option-keys.js';
import { OpType } from '../protocol/op-types.js';
import { buildUserMessage, buildUserOperation } from './build-user-event.js';
import type { DeliveryQueue } from './delivery-queue.js';
import { EmulatorInputError } from './emulator-input-error.js';
import type { InviteOptions, SendAsOptions, UserMessageInput, VirtualUser } from './emulator-types.js';
import { describe, type ChatRecord, type EntryRecord, type Platform, type UserRecord } from './platform.js';

const INVITE_OPTION_KEYS = /* @__PURE__ */ optionKeys<InviteOptions>()(['name', 'members', 'chatMid']);
const SEND_AS_OPTION_KEYS = /* @__PURE__ */ optionKeys<SendAsOptions>()(['chatMid']);

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

  /**
   * A user sends a message, 1:1 (a friend who has not blocked the bot) or into a group or room they are
   * in with the bot (any member: group members need not be friends of the bot).
   */
  message(ref: VirtualUser | string, input: UserMessageInput, options: SendAsOptions = {}): Queued {
    const user = this.platform.findUser(ref);
    if (options === null || typeof options !== 'object') throw new EmulatorInputError('sendAs: options are { chatMid? }.');
    checkOptionKeys(options, SEND_AS_OPTION_KEYS, 'sendAs', (message) => new EmulatorInputError(message));
    const chatMid = options.chatMid;
    if (chatMid === undefined) {
      if (user.blocked) throw new EmulatorInputError(`${user.displayName} has blocked the bot and cannot message it; call addAsFriend first.`);
      if (!user.friend) throw new EmulatorInputError(`${user.displayName} is not a friend of the bot yet; call addAsFriend first.`);
    }
    const chat = chatMid === undefined ? this.platform.chatOf(user) : this.groupOrRoom(chatMid, user);
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
  addAsFriend(ref: VirtualUser | string): Queued {
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

  /**
   * (BC) The user invites the bot to a group or room (opType 5 or 7): a new one with the inviter and
   * `members`, or (`chatMid`) one the bot left, which it rejoins. The event's `params` are
   * `[inviter, group or room MID, null]` (LINE's layout is unconfirmed, spec §2.3).
   */
  invite(ref: VirtualUser | string, kind: 'group' | 'room', options: InviteOptions = {}): { chat: ChatRecord; done: Promise<void> } {
    if (this.channel.trial) throw new EmulatorInputError('Group and room invites are a Business Connect feature; the emulator runs in Trial mode.');
    const inviter = this.platform.findUser(ref);
    if (options === null || typeof options !== 'object') throw new EmulatorInputError('An invite takes { name?, members?, chatMid? }.');
    checkOptionKeys(options, INVITE_OPTION_KEYS, kind === 'group' ? 'inviteToGroup' : 'addToRoom', (message) => new EmulatorInputError(message));
    const { name, members = [], chatMid } = options;
    let chat: ChatRecord;
    if (chatMid !== undefined) {
      const existing = typeof chatMid === 'string' ? this.platform.chats.get(chatMid) : undefined;
      if (!existing || existing.kind !== kind) throw new EmulatorInputError(`No ${kind} ${describe(chatMid)} to invite the bot back to.`);
      if (existing.active) throw new EmulatorInputError(`The bot is already in ${kind} ${existing.mid}.`);
      if (!existing.members.includes(inviter.mid)) throw new EmulatorInputError(`${inviter.displayName} is not in ${kind} ${existing.mid}.`);
      if (name !== undefined || members.length > 0) throw new EmulatorInputError('Inviting the bot back into a chat takes no name or members.');
      existing.active = true;
      chat = existing;
    } else {
      if (name !== undefined && (typeof name !== 'string' || name.trim() === '' || name.length > 100)) {
        throw new EmulatorInputError('The name of a group or room must be a non-empty string of at most 100 characters.');
      }
      if (!Array.isArray(members) || members.length > 500) throw new EmulatorInputError('members must be an array of at most 500 users (MIDs or display names).');
      const everyone = [inviter];
      for (const member of members) {
        const user = this.platform.findUser(member as VirtualUser | string);
        if (!everyone.includes(user)) everyone.push(user);
      }
      chat = this.platform.addChat(kind, everyone, name ?? (kind === 'group' ? `${inviter.displayName}'s group` : `Room with ${everyone.map((user) => user.displayName).join(', ')}`));
    }
    const opType = kind === 'group' ? OpType.invitedToGroup : OpType.addedToRoom;
    const { done } = this.operation(inviter, chat, opType, [inviter.mid, chat.mid, null]);
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
    if (!target || target.kind === 'user') throw new EmulatorInputError(`sendAs: no group or room ${describe(chatMid)}.`);
    if (!target.active) throw new EmulatorInputError(`sendAs: the bot left ${target.kind} ${target.mid}.`);
    if (!target.members.includes(user.mid)) throw new EmulatorInputError(`sendAs: ${user.displayName} is not in ${target.kind} ${target.mid}.`);
    return target;
  }
}
