import type { OutgoingMessage } from '../messages/outgoing-message.js';

/** The `kind` of a {@link BroadcastChunk}. */
export const broadcastChunkKind = 'line-business-connect/broadcast-chunk';

/**
 * One queue message of a broadcast ({@link enqueueBroadcast}): the recipients of exactly one
 * `POST /v1/events` request (≤ 150 MIDs, a body under 8192 bytes) and the message to send them.
 */
export interface BroadcastChunk {
  /** Always {@link broadcastChunkKind}: tells a chunk from anything else on a queue. */
  kind: typeof broadcastChunkKind;
  /** The broadcast it belongs to. */
  broadcastId: string;
  /** `<broadcastId>:<index>`: the key under which the consumer remembers that LINE accepted it. */
  id: string;
  /** Its position in the broadcast, from 0. */
  index: number;
  /** The MIDs of the request, in order. */
  to: string[];
  /** The message (single message event) or messages (multiple-messages event), validated. */
  message: OutgoingMessage | OutgoingMessage[];
  /** Who the MIDs are. */
  toType: 'user' | 'room' | 'group';
  /** For an array of messages: the one used for the push notification. */
  messageNotified?: number;
}

/** True when `body` has the shape of a {@link BroadcastChunk}. */
export function isBroadcastChunk(body: unknown): body is BroadcastChunk {
  if (body === null || typeof body !== 'object') return false;
  const chunk = body as Partial<BroadcastChunk>;
  return (
    chunk.kind === broadcastChunkKind &&
    typeof chunk.id === 'string' &&
    typeof chunk.broadcastId === 'string' &&
    Array.isArray(chunk.to) &&
    chunk.to.length > 0 &&
    chunk.to.every((mid) => typeof mid === 'string') &&
    chunk.message !== null &&
    typeof chunk.message === 'object' &&
    (chunk.toType === 'user' || chunk.toType === 'room' || chunk.toType === 'group')
  );
}
