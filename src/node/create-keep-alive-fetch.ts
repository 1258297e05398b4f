import { createLazyAgent, loadUndici, type UndiciAgentOptions } from './undici-agent.js';

/** Options of {@link createKeepAliveFetch}: the socket settings of its undici `Agent`. */
export type KeepAliveFetchOptions = UndiciAgentOptions;

/** A `fetch` that reuses sockets through its own undici `Agent`; call `close()` when done sending. */
export type KeepAliveFetch = typeof fetch & {
  /** Waits for the requests in flight, then closes every socket. Calls made after it reject. */
  close(): Promise<void>;
};

/**
 * Creates a `fetch` over its own undici `Agent`: consecutive requests reuse warm TLS connections and
 * at most `connections` sockets are open per origin. For sending from Node, prefer
 * `createUndiciTransport()` (`createClient({ transport })`): it skips the `fetch` layer and sends the
 * same requests with a fraction of the CPU (see docs/benchmarks.md). This one is for code that needs
 * a `fetch` function. undici is loaded when this is called, not when the entry is imported.
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
  const agent = createLazyAgent(options, 'createKeepAliveFetch');
  const keepAliveFetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const [{ fetch: undiciFetch }, dispatcher] = await Promise.all([loadUndici(), agent.ready]);
    const [url, requestInit] = toUndiciArguments(input, init);
    const response = await undiciFetch(url, { ...(requestInit as object), dispatcher });
    return response as unknown as Response;
  }) as KeepAliveFetch;
  keepAliveFetch.close = async () => (await agent.ready).close();
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
