// Internal: validation of the options every webhook entry point shares.
import { LineError } from '../errors.js';
import { defaultMaxBodyBytes } from '../protocol/limits.js';
import { hmacKeys } from '../signature/hmac-key.js';

/**
 * Checks `channelSecret` early so a misconfiguration fails at start-up, not on the first delivery
 * (and starts importing the keys), and resolves `maxBodyBytes` to its default (`Limits.defaultMaxBodyBytes`, 1 MiB).
 */
export function resolveWebhookOptions(options: { channelSecret: string | readonly string[]; maxBodyBytes?: number | undefined }): number {
  hmacKeys(options.channelSecret);
  return resolveMaxBodyBytes(options.maxBodyBytes);
}

/** `maxBodyBytes` with its default (`Limits.defaultMaxBodyBytes`, 1 MiB). */
export function resolveMaxBodyBytes(maxBodyBytes: number | undefined): number {
  if (maxBodyBytes === undefined) return defaultMaxBodyBytes;
  if (typeof maxBodyBytes !== 'number' || !(maxBodyBytes >= 0) /* also NaN */) {
    throw new LineError(`maxBodyBytes must be a number of bytes ≥ 0 (default ${defaultMaxBodyBytes}).`);
  }
  return maxBodyBytes;
}
