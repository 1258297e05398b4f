/**
 * Where the library reports what a developer should hear about: rejected webhook deliveries, callback
 * errors, retries, token rotation. Any object with these four methods works (`console`, pino, winston).
 */
export interface Logger {
  /** Routine detail: a retry, a token rotation. */
  debug(message: string, ...details: unknown[]): void;
  /** Noteworthy but expected. */
  info(message: string, ...details: unknown[]): void;
  /** Something was refused or looks wrong: a delivery with a bad signature, a malformed body. */
  warn(message: string, ...details: unknown[]): void;
  /** Something failed that needs a fix: a callback threw, a send failed. */
  error(message: string, ...details: unknown[]): void;
}

/**
 * The default {@link Logger}, following octokit/webhooks: `warn` and `error` go to the console, `debug`
 * and `info` are dropped (pass `logger: console` to see them too). The console is looked up at each
 * call, so a test or a platform that replaces it later is honoured.
 */
export const defaultLogger: Logger = {
  debug() {},
  info() {},
  warn: (message, ...details) => console.warn(message, ...details),
  error: (message, ...details) => console.error(message, ...details),
};
