import { MessageValidationError } from '../errors.js';
import type { Chat, Message, MessageEvent } from '../events/line-event.js';

/**
 * Where {@link LineClient.reply} sends: the decoded message's `chat` (the sender of a 1:1 message, the room
 * or group of one sent there; spec §2.2). Takes the message or its event.
 *
 * @throws MessageValidationError (field `chat`) when the value is not a decoded message, or LINE sent no
 *   MID to reply to (a room or group message whose `to` was empty: see the message's `issues`)
 */
export function replyTarget(message: Message | MessageEvent): Chat {
  const decoded = (message as MessageEvent | null)?.type === 'message' ? (message as MessageEvent).message : (message as Message | null);
  const chat = (decoded as { chat?: unknown } | null)?.chat as Partial<Chat> | undefined;
  if (chat === undefined || chat === null || typeof chat !== 'object') {
    throw new MessageValidationError('chat', 'reply takes a decoded message (event.message from onMessage or decodeEvents), which says where its chat is.');
  }
  if (typeof chat.mid !== 'string' || chat.mid === '' || (chat.type !== 'user' && chat.type !== 'room' && chat.type !== 'group')) {
    throw new MessageValidationError(
      'chat',
      `this ${String(chat.type)} message has no MID to reply to (LINE sent none: see message.issues); send to a MID you know with send(mid, message, { toType }).`,
    );
  }
  return chat as Chat;
}
