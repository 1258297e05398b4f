import type { CheckedSend, RecipientKind } from './check-send-request.js';
import type { ApiRequestRecord } from './emulator-types.js';
import type { Platform } from './platform.js';
import { randomHex } from './random-hex.js';
import type { RestContact, RestContent, RestPlatform } from './rest-api.js';

/** The channel's credentials as the fake LINE holds them now (a reissue replaces the token pair). */
export interface ChannelCredentials {
  channelId: string;
  channelMid: string;
  channelSecret: string;
  channelToken: string;
  refreshToken: string;
  /** When `channelToken` expires (epoch ms). */
  channelTokenExpiresAt: number;
}

/** Settings of {@link platformRest}. */
export interface PlatformRestSettings {
  trial: boolean;
  maxTextChars: number | undefined;
  tokenLifetimeMs: number;
  log(line: string): void;
}

/**
 * The REST side's view of the fake LINE platform: its virtual users and their media, the groups and rooms
 * the bot is in, and the channel's credentials (strict: only the current token, only known recipients).
 */
export function platformRest(platform: Platform, credentials: ChannelCredentials, settings: PlatformRestSettings): RestPlatform {
  const now = () => platform.settings.now();
  return {
    trial: settings.trial,
    maxTextChars: settings.maxTextChars,
    get channelToken() {
      return credentials.channelToken;
    },
    get channelTokenExpiresAt() {
      return credentials.channelTokenExpiresAt;
    },
    get refreshToken() {
      return credentials.refreshToken;
    },
    channelSecret: credentials.channelSecret,
    trialIds: settings.trial ? { channelId: credentials.channelId, channelMid: credentials.channelMid } : undefined,
    now,
    log: settings.log,

    recipientKind(mid): RecipientKind {
      if (platform.users.has(mid)) return 'user';
      const chat = platform.chats.get(mid);
      if (chat && chat.kind !== 'user' && chat.active) return chat.kind;
      return undefined;
    },

    acceptSend(send: CheckedSend): string {
      const messageId = platform.nextMessageId();
      for (const mid of send.recipients) {
        const chat = platform.chats.get(mid);
        if (!chat) continue;
        const user = platform.users.get(mid);
        // spec §3: a user who blocked (or never added) the bot is answered as success but gets nothing.
        const delivered = user === undefined || (user.friend && !user.blocked);
        for (const content of send.messages) platform.record(chat, { from: 'bot', userMid: mid, kind: 'message', content, messageId, delivered });
      }
      settings.log(`REST POST /v1/events accepted: ${send.kind} to ${send.recipients.length} recipient(s), messageId ${messageId}`);
      return messageId;
    },

    profiles(mids, origin): RestContact[] {
      const contacts: RestContact[] = [];
      for (const mid of mids) {
        const user = platform.users.get(mid);
        if (user) contacts.push({ displayName: user.displayName, mid, pictureUrl: `${origin}/_emulator/users/${mid}/picture`, statusMessage: user.statusMessage });
      }
      return contacts;
    },

    content(messageId, preview): RestContent | undefined {
      const media = platform.media.get(messageId);
      const file = media === undefined ? undefined : preview ? media.preview : media.original;
      if (file === undefined) return undefined;
      const extension = file.fileName.slice(file.fileName.lastIndexOf('.'));
      return { bytes: file.bytes, contentType: file.contentType, fileName: `${messageId}${preview ? '-preview' : ''}${extension}` };
    },

    leave(kind, mid) {
      const chat = platform.chats.get(mid);
      if (!chat || chat.kind !== kind || !chat.active) return false;
      chat.active = false;
      platform.record(chat, { from: 'bot', userMid: mid, kind: 'system', text: `The bot left the ${kind}.` });
      return true;
    },

    reissueToken() {
      // The old access token stops working at once (spec §4.3).
      credentials.channelToken = randomHex(24);
      credentials.refreshToken = randomHex(16);
      credentials.channelTokenExpiresAt = now() + settings.tokenLifetimeMs;
      return { accessToken: credentials.channelToken, refreshToken: credentials.refreshToken, expire: credentials.channelTokenExpiresAt };
    },

    recordRequest(record: ApiRequestRecord) {
      platform.recordRequest(record);
    },
  };
}
