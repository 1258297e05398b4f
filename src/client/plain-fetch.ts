/**
 * `fetch` (the injected one, else `globalThis.fetch` looked up at each call) wrapped so that it is
 * always called as a plain function, never as a method: Workers' fetch throws "Illegal invocation"
 * otherwise.
 *
 * @internal Used by createClient and createRefreshingToken; not part of the public API.
 */
export function plainFetch(injected: typeof fetch | undefined): (input: string, init: RequestInit) => Promise<Response> {
  return injected
    ? (input: string, init: RequestInit) => injected(input, init)
    : (input: string, init: RequestInit) => globalThis.fetch(input, init);
}
