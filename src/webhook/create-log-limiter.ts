import type { Logger } from '../logger.js';

// Lines logged per window (a minute) before the rest are only counted, and the length of a window.
const maxLines = 10;
const windowMs = 60_000;

/**
 * A rate limit in front of a {@link Logger}, so a flood of bad requests (anyone can send them) cannot
 * fill a log: at most 10 lines a minute; the lines past that are counted, and the first line
 * of a later window is preceded by one `warn` line saying how many were left out. No timer is used (it
 * would keep a process or an isolate alive): the summary waits for the next line.
 *
 * @internal Used by the webhook handlers; not part of the public API.
 */
export function createLogLimiter(logger: Logger): (level: 'warn' | 'error', message: string) => void {
  let windowStart = -Infinity;
  let logged = 0;
  let suppressed = 0;
  return (level, message) => {
    try {
      write(level, message);
    } catch {
      // A logger that throws must not break the response.
    }
  };

  function write(level: 'warn' | 'error', message: string): void {
    const now = Date.now();
    if (now - windowStart >= windowMs) {
      if (suppressed > 0) {
        logger.warn(`[line-business-connect] ${suppressed} more webhook log line${suppressed === 1 ? ' was' : 's were'} left out (at most ${maxLines} a minute).`);
      }
      windowStart = now;
      logged = 0;
      suppressed = 0;
    }
    if (logged < maxLines) {
      logged++;
      logger[level](message);
    } else {
      suppressed++;
    }
  }
}
