import { Agent, fetch as undiciFetch } from 'undici';
import { LineError } from '../errors.js';

/** Options of {@link createKeepAliveFetch}. */
export interface KeepAliveFetchOptions {
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

/** A `fetch` that reuses sockets through its own undici `Agent`; call `close()` when done sending. */
export type KeepAliveFetch = typeof fetch & {
  /** Waits for the requests in flight, then closes every socket. Calls made after it reject. */
  close(): Promise<void>;
};

/**
 * Creates a `fetch` for high-volume sending from Node: undici's own `fetch` over one `Agent`, so
 * consecutive requests to LINE reuse warm TLS connections and at most `connections` sockets are open
 * per origin. Pass it to `createClient({ fetch })`; call `close()` on shutdown so the process can exit.
 *
 * Responses are undici's own `Response` objects: the same API as the global one, but on Node 20
 * `response instanceof Response` is false (Node bundles another undici). Check `response.ok` instead.
 *
 * @example
 * ```ts
 * const fetch = createKeepAliveFetch({ connections: 8 });
 * const client = createClient({ channelToken, fetch, concurrency: 8 });
 * // ... send ...
 * await fetch.close();
 * ```
 */
export function createKeepAliveFetch(options: KeepAliveFetchOptions = {}): KeepAliveFetch {
  const connections = positiveInteger(options.connections ?? 10, 'connections');
  const agent = new Agent({
    connections,
    // One request per socket at a time: LINE's API is not known to support HTTP pipelining.
    pipelining: 1,
    keepAliveTimeout: positiveInteger(options.keepAliveTimeoutMs ?? 10_000, 'keepAliveTimeoutMs'),
    keepAliveMaxTimeout: positiveInteger(options.keepAliveMaxTimeoutMs ?? 600_000, 'keepAliveMaxTimeoutMs'),
    connectTimeout: positiveInteger(options.connectTimeoutMs ?? 10_000, 'connectTimeoutMs'),
  });

  const keepAliveFetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const [url, requestInit] = toUndiciArguments(input, init);
    // undici hands a finished socket back to the pool one event-loop turn after its response ended
    // (setImmediate, so a server that closes anyway is noticed first). Yield one turn too, so a
    // request sent right after the previous one reuses that warm socket instead of opening another.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const response = await undiciFetch(url, { ...(requestInit as object), dispatcher: agent });
    return response as unknown as Response;
  }) as KeepAliveFetch;
  keepAliveFetch.close = () => agent.close();
  return keepAliveFetch;
}

/**
 * undici's `fetch` only recognises its own `Request` class; a `Request` made by the runtime's global
 * constructor is turned into a URL plus an init carrying the same method, headers, body and signal.
 */
function toUndiciArguments(input: string | URL | Request, init: RequestInit | undefined): [string | URL, RequestInit | undefined] {
  if (typeof input === 'string' || input instanceof URL) return [input, init];
  const fromRequest: RequestInit & { duplex?: 'half' } = {
    method: input.method,
    headers: input.headers,
    signal: input.signal,
    redirect: input.redirect,
  };
  if (input.body !== null) {
    fromRequest.body = input.body;
    fromRequest.duplex = 'half';
  }
  return [input.url, { ...fromRequest, ...init }];
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new LineError(`createKeepAliveFetch: ${name} must be a positive integer, got ${String(value)}.`);
  }
  return value;
}
