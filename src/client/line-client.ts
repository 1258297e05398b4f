import type { OutgoingMessage } from '../messages/outgoing-message.js';
import type { GetMessageContentOptions, MessageContent } from './message-content.js';
import type { Profile } from './profile.js';
import type { SendOptions } from './send-options.js';
import type { SendResult } from './send-result.js';

/** A configured client of the LINE Business Connect (or BOT API Trial) REST API; see {@link createClient}. */
export interface LineClient {
  /**
   * Sends one message (single message event), an array (multiple-messages event) or a BC link
   * message to `to`, split into requests of ≤ 150 MIDs and < 8192 bytes run with bounded
   * concurrency. Resolves with a per-request report, also when some requests failed; rejects only
   * for invalid input ({@link MessageValidationError}) before any request, or a signal aborted
   * before the call.
   */
  send(to: string | readonly string[], message: OutgoingMessage | readonly OutgoingMessage[], options?: SendOptions): Promise<SendResult>;
  /** Streams a media file a user sent (`GET /v1/bot/message/{id}/content[/preview]`). Rejects with {@link ApiError} etc. */
  getMessageContent(messageId: string, options?: GetMessageContentOptions): Promise<MessageContent>;
  /** Looks up profiles (`GET /v1/profiles`, 150 MIDs per request), in the order LINE returns them. */
  getProfiles(mids: readonly string[]): Promise<Profile[]>;
  /** Makes the bot leave a group (`DELETE /v1/bot/group/leave/{mid}`; BC only). */
  leaveGroup(groupMid: string): Promise<void>;
  /** Makes the bot leave a room (`DELETE /v1/bot/room/leave/{mid}`; BC only). */
  leaveRoom(roomMid: string): Promise<void>;
}
