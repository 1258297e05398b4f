// Internal: the undici Agent behind createUndiciTransport and createKeepAliveFetch, loaded lazily. Importing
// line-business-connect/node must stay cheap for an app that only receives webhooks (undici alone
// costs ~170 ms of start-up on a loaded machine), so undici is imported when one of them is created.
import type { Agent } from 'undici';
import { LineError } from '../errors.js';
import { positiveInteger } from '../client/option-checks.js';
import { checkOptionKeys, optionKeys } from '../option-keys.js';

/** Socket settings of the undici `Agent` (shared by {@link createUndiciTransport} and {@link createKeepAliveFetch}). */
export interface UndiciAgentOptions {
  /**
   * Most sockets open at once to one origin (e.g. `https://api.line.me`). Requests beyond it wait in
   * a queue for a free socket. Match it to the client's `concurrency`. Default `10`.
   */
  connections?: number;
  /**
   * How long an idle socket stays open for the next request, in ms. A `Keep-Alive: timeout=…` hint
   * from the server wins when it is shorter. Default `10_000`.
   */
  keepAliveTimeoutMs?: number;
  /** Upper bound for a server's `Keep-Alive` hint, in ms. Default `600_000`. */
  keepAliveMaxTimeoutMs?: number;
  /** How long to wait for a TCP + TLS connection, in ms. Default `10_000`. */
  connectTimeoutMs?: number;
}

let undici: Promise<typeof import('undici')> | undefined;

/** undici's module, imported once, on first use. */
export function loadUndici(): Promise<typeof import('undici')> {
  undici ??= import('undici');
  return undici;
}

/** An Agent being created: options are checked at once, undici loads in the background. */
export interface LazyAgent {
  /** Resolves with the Agent once undici is loaded. */
  readonly ready: Promise<Agent>;
  /** The Agent, once `ready` has resolved (saves an await per request). */
  current(): Agent | undefined;
}

const AGENT_OPTION_KEYS = /* @__PURE__ */ optionKeys<UndiciAgentOptions>()(['connections', 'keepAliveTimeoutMs', 'keepAliveMaxTimeoutMs', 'connectTimeoutMs']);

/** Checks `options` (throwing {@link LineError} naming `caller`) and starts loading undici and creating the Agent. */
export function createLazyAgent(options: UndiciAgentOptions, caller: string): LazyAgent {
  if (options === null || typeof options !== 'object') throw new LineError(`${caller}: pass an options object (or nothing).`);
  checkOptionKeys(options, AGENT_OPTION_KEYS, caller);
  const settings = {
    connections: positiveInteger('connections', options.connections, 10, caller),
    // One request per socket at a time: LINE's API is not known to support HTTP pipelining.
    pipelining: 1,
    keepAliveTimeout: positiveInteger('keepAliveTimeoutMs', options.keepAliveTimeoutMs, 10_000, caller),
    keepAliveMaxTimeout: positiveInteger('keepAliveMaxTimeoutMs', options.keepAliveMaxTimeoutMs, 600_000, caller),
    connect: { timeout: positiveInteger('connectTimeoutMs', options.connectTimeoutMs, 10_000, caller) },
  };
  let agent: Agent | undefined;
  const ready = loadUndici().then((module) => (agent = new module.Agent(settings)));
  // A failed import is reported by the first request that awaits `ready`, not as an unhandled rejection.
  ready.catch(() => {});
  return { ready, current: () => agent };
}

