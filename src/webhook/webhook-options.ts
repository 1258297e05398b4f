// Internal: validation of the options every webhook entry point shares.
import { LineError } from '../errors.js';
import { Limits } from '../protocol/limits.js';

/** Checks `channelSecret` early so a misconfiguration fails at start-up, not on the first delivery. */
export function checkChannelSecret(channelSecret: unknown): asserts channelSecret is string | readonly string[] {
  const secrets: unknown[] | undefined =
    typeof channelSecret === 'string' ? [channelSecret] : Array.isArray(channelSecret) ? channelSecret : undefined;
  if (!secrets || secrets.length === 0 || secrets.some((secret) => typeof secret !== 'string' || secret.length === 0)) {
    throw new LineError(
      'channelSecret must be a non-empty string, or a non-empty array of non-empty strings while rotating: copy it from the channel settings.',
    );
  }
}

/** `maxBodyBytes` with its default (`Limits.defaultMaxBodyBytes`, 1 MiB). */
export function resolveMaxBodyBytes(maxBodyBytes: number | undefined): number {
  if (maxBodyBytes === undefined) return Limits.defaultMaxBodyBytes;
  if (typeof maxBodyBytes !== 'number' || Number.isNaN(maxBodyBytes) || maxBodyBytes < 0) {
    throw new LineError(`maxBodyBytes must be a number of bytes ≥ 0 (default ${Limits.defaultMaxBodyBytes}).`);
  }
  return maxBodyBytes;
}
