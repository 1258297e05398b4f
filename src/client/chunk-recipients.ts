import { MessageValidationError } from '../errors.js';
import { jsonStringBytes } from './build-send-payload.js';

/** Limits of one `POST /v1/events` request (spec §3, §5). */
export interface ChunkLimits {
  /** UTF-8 bytes of the body with an empty `to` array. */
  baseBytes: number;
  /** Most MIDs in one request (LINE: 150). */
  maxRecipients: number;
  /** The body must be strictly under this many UTF-8 bytes (LINE: 8192). */
  maxBodyBytes: number;
}

/**
 * Splits recipients into requests, in order, so that each has at most `maxRecipients` MIDs and a
 * body strictly under `maxBodyBytes`. Greedy: a request is filled until the next MID would break a
 * limit. Sizes are added up (`base + Σ len(JSON.stringify(mid)) + commas`), never re-serialised.
 * Throws {@link MessageValidationError} when the message leaves no room for even one recipient.
 */
export function chunkRecipients(recipients: readonly string[], limits: ChunkLimits): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let currentBytes = limits.baseBytes;
  for (const mid of recipients) {
    const midBytes = jsonStringBytes(mid);
    if (limits.baseBytes + midBytes >= limits.maxBodyBytes) {
      throw new MessageValidationError(
        'message',
        `the request body would be ${limits.baseBytes + midBytes} bytes with the single recipient ${truncate(mid)}; LINE accepts bodies under ${limits.maxBodyBytes} bytes. Shorten the message (the fixed part is ${limits.baseBytes} bytes).`,
      );
    }
    const added = current.length === 0 ? midBytes : midBytes + 1; // + 1 for the comma
    if (current.length > 0 && (current.length >= limits.maxRecipients || currentBytes + added >= limits.maxBodyBytes)) {
      chunks.push(current);
      current = [];
      currentBytes = limits.baseBytes;
    }
    currentBytes += current.length === 0 ? midBytes : midBytes + 1;
    current.push(mid);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function truncate(mid: string): string {
  return mid.length > 40 ? `${JSON.stringify(mid.slice(0, 40))}… (${mid.length} chars)` : JSON.stringify(mid);
}
