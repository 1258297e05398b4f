import type { Message, MessageEvent } from '../events/line-event.js';
import type { OutgoingMessage } from '../messages/outgoing-message.js';
import type { GetMessageContentOptions, MessageContent } from './message-content.js';
import type { Recipients } from './plan-requests.js';
import type { Profile } from './profile.js';
import type { SendOptions } from './send-options.js';
import type { SendResult } from './send-result.js';

/** A configured client of the LINE Business Connect (or BOT API Trial) REST API; see {@link createClient}. */
export interface LineClient {
  /**
   * Sends one message (single message event), an array (multiple-messages event) or a BC link
   * message to `to`: one MID, an array of MIDs (de-duplicated), or an iterable or async iterable of
   * MIDs (a database cursor: streamed in bounded memory, not de-duplicated). Recipients are packed
   * into requests of ≤ 150 MIDs and < 8192 bytes, run with bounded concurrency. Resolves with the
   * report when every recipient was sent; rejects with {@link SendError} (carrying the whole report)
   * when any was not, with {@link MessageValidationError} for invalid input before any request, and
   * with `signal.reason` for a signal aborted before the call.
   */
  send(to: Recipients, message: OutgoingMessage | readonly OutgoingMessage[], options?: SendOptions): Promise<SendResult>;
  /**
   * Answers a message in the chat it came from: sends to `message.chat.mid` with the `toType` of that chat
   * (1 user, 2 room, 3 group), so a group message gets its answer in the group. Takes the decoded message
   * or its event; otherwise like {@link LineClient.send} (`options.toType` is set for you). Rejects with a
   * {@link MessageValidationError} (field `chat`) when LINE sent no MID to reply to.
   */
  reply(message: Message | MessageEvent, outgoing: OutgoingMessage | readonly OutgoingMessage[], options?: Omit<SendOptions, 'toType'>): Promise<SendResult>;
  /** Streams a media file a user sent (`GET /v1/bot/message/{id}/content[/preview]`). Rejects with {@link ApiError} etc. */
  getMessageContent(messageId: string, options?: GetMessageContentOptions): Promise<MessageContent>;
  /** Looks up profiles (`GET /v1/profiles`, 150 MIDs per request), in the order LINE returns them. */
  getProfiles(mids: readonly string[]): Promise<Profile[]>;
  /** Makes the bot leave a group (`DELETE /v1/bot/group/leave/{mid}`; BC only). */
  leaveGroup(groupMid: string): Promise<void>;
  /** Makes the bot leave a room (`DELETE /v1/bot/room/leave/{mid}`; BC only). */
  leaveRoom(roomMid: string): Promise<void>;
}
