import { LineError } from '../errors.js';
import { QueueLimits } from './queue-limits.js';

/**
 * How long a failed queue message waits before its next delivery, in seconds: a number (the same
 * delay every time) or a function of the attempts made so far (1 after the first failure).
 */
export type RetryDelay = number | ((attempts: number) => number);

/** The default {@link RetryDelay}: 10 s, doubling with each attempt, at most 10 minutes (10, 20, 40, … 600). */
export function defaultRetryDelay(attempts: number): number {
  return Math.min(600, 10 * 2 ** Math.max(0, attempts - 1));
}

/** Checks a {@link RetryDelay} option once; throws {@link LineError} naming `caller`. */
export function checkRetryDelay(value: RetryDelay | undefined, caller: string): (attempts: number) => number {
  if (value === undefined) return defaultRetryDelay;
  if (typeof value === 'function') return value;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new LineError(`${caller}: retryDelaySeconds must be a number of seconds >= 0 or a function (attempts) => seconds, got ${String(value)}.`);
  }
  return () => value;
}

/**
 * The `delaySeconds` of a retry: the delay of `attempts`, at least `minimumMs` (a `Retry-After`),
 * rounded up to whole seconds and capped at Cloudflare's 24 hours. A delay function that throws or
 * returns something other than a finite number ≥ 0 gets the default delay instead (a retry must not be lost).
 */
export function retryDelaySeconds(delay: (attempts: number) => number, attempts: number, minimumMs = 0): number {
  let seconds: unknown;
  try {
    seconds = delay(attempts);
  } catch {
    seconds = undefined;
  }
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) seconds = defaultRetryDelay(attempts);
  return Math.min(QueueLimits.maxDelaySeconds, Math.ceil(Math.max(seconds as number, minimumMs / 1000)));
}
