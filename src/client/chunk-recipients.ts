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

/** Keeps count of the open request while MIDs are added to it; see {@link createRequestSizer}. */
export interface RequestSizer {
  /**
   * Counts `mid` into the open request and returns true; returns false (counting nothing) when it
   * would break a limit: close that request, `reset()`, and add `mid` again. Throws
   * {@link MessageValidationError} when the message leaves no room for `mid` alone.
   */
  add(mid: string): boolean;
  /** Opens a new, empty request. */
  reset(): void;
}

/**
 * Sizes requests as recipients are packed into them, in order: at most `maxRecipients` MIDs and a
 * body strictly under `maxBodyBytes`. Greedy: a request is filled until the next MID would break a
 * limit. Sizes are added up (`base + Σ len(JSON.stringify(mid)) + commas`), never re-serialised. It
 * holds two numbers, so a source of any length can go through it.
 */
export function createRequestSizer(limits: ChunkLimits): RequestSizer {
  const { baseBytes, maxRecipients, maxBodyBytes } = limits;
  let count = 0;
  let bytes = baseBytes;
  return {
    add(mid) {
      const midBytes = fitsBytes(mid, limits);
      if (count === 0) {
        bytes += midBytes;
      } else {
        // + 1 for the comma before every MID but the first.
        if (count >= maxRecipients || bytes + midBytes + 1 >= maxBodyBytes) return false;
        bytes += midBytes + 1;
      }
      count++;
      return true;
    },
    reset() {
      count = 0;
      bytes = baseBytes;
    },
  };
}

/**
 * The UTF-8 bytes `mid` adds to a request (its JSON string); throws {@link MessageValidationError}
 * when the message leaves no room for it alone.
 */
export function fitsBytes(mid: string, limits: ChunkLimits): number {
  const midBytes = jsonStringBytes(mid);
  if (limits.baseBytes + midBytes >= limits.maxBodyBytes) {
    throw new MessageValidationError(
      'message',
      `the request body would be ${limits.baseBytes + midBytes} bytes with the single recipient ${truncate(mid)}; LINE accepts bodies under ${limits.maxBodyBytes} bytes. Shorten the message (the fixed part is ${limits.baseBytes} bytes).`,
    );
  }
  return midBytes;
}

function truncate(mid: string): string {
  return mid.length > 40 ? `${JSON.stringify(mid.slice(0, 40))}… (${mid.length} chars)` : JSON.stringify(mid);
}
