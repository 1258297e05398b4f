import type { Logger } from '../logger.js';
import type { RetryOptions } from './retry.js';
import type { TokenProvider } from './token-provider.js';
import type { Transport } from './transport.js';
import type { TrialCredentials } from './trial-credentials.js';

/** Options of {@link createClient}. Pass exactly one of `channelToken` and `trial`. */
export interface ClientOptions {
  /** Business Connect: the channel access token, or a {@link TokenProvider} that rotates it (see {@link createRefreshingToken}). */
  channelToken?: string | TokenProvider;
  /** BOT API Trial credentials (spec §7). */
  trial?: TrialCredentials;
  /** API origin, optionally with a path prefix. Default `https://api.line.me` (trial: `https://trialbot-api.line.me`). */
  baseUrl?: string;
  /**
   * How requests travel (see {@link Transport}): e.g. `createUndiciTransport()` of
   * `line-business-connect/node` for high-volume sending from Node. Default: a transport over `fetch`.
   * Pass `transport` or `fetch`, not both.
   */
  transport?: Transport;
  /**
   * The `fetch` of the default transport (e.g. a test double). Default: `globalThis.fetch`, looked up
   * at each call (so test interceptors and polyfills installed later are used) and never called as a
   * method of another object (Workers throw "Illegal invocation").
   */
  fetch?: typeof fetch;
  /** Time limit of one attempt in ms (for content downloads: until the headers arrive). Default `30000`. */
  timeoutMs?: number;
  /** Retry settings, or `false` for no retries. Default: see {@link RetryOptions}. */
  retry?: RetryOptions | false;
  /** Requests of one `send` (or `getProfiles`) running at once. Default `4`. */
  concurrency?: number;
  /** Most MIDs per `POST /v1/events` request. Default `150` (spec §3). */
  maxRecipientsPerRequest?: number;
  /** A send body must be strictly under this many UTF-8 bytes. Default `8192` (spec §3). */
  maxBodyBytes?: number;
  /** Most MIDs per `GET /v1/profiles` request. Default `150` (spec §4.2, unconfirmed). */
  maxProfilesPerRequest?: number;
  /** Where retries and token replays are reported, at debug level. Default: {@link defaultLogger} (warn and error to the console). */
  logger?: Logger;
}
