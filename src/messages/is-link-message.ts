import type { LinkMessageContent, OutgoingMessage } from './outgoing-message.js';

/**
 * Tells a link message (no `contentType`; sent with its own `toChannel` and `eventType`, spec §3)
 * from the other messages.
 */
export function isLinkMessage(message: OutgoingMessage): message is LinkMessageContent {
  return !('contentType' in message) || (message as { contentType?: unknown }).contentType === undefined;
}
