import { LineError } from '../errors.js';
import type { Transport } from './transport.js';

/** The `transport` option, else a fetch transport over the `fetch` option (default: the global fetch); errors name `caller`. */
export function resolveTransport(options: { transport?: Transport | undefined; fetch?: typeof globalThis.fetch | undefined }, caller: string): Transport {
  const { transport, fetch } = options;
  if (transport !== undefined) {
    if (fetch !== undefined || typeof transport?.request !== 'function') {
      throw new LineError(`${caller}: transport must be a Transport (e.g. createUndiciTransport() of line-business-connect/node), without the fetch option.`);
    }
    return transport;
  }
  if (fetch !== undefined && typeof fetch !== 'function') throw new LineError(`${caller}: fetch must be a function.`);
  return createFetchTransport(fetch);
}

/**
 * The default {@link Transport}: `fetch` (the injected one, else `globalThis.fetch` looked up at each
 * call and never called as a method). Per request it makes one AbortController and one timer (fetch
 * can only be cancelled through a signal), and listens to the caller's signal only when there is one.
 */
export function createFetchTransport(injected: typeof fetch | undefined): Transport {
  // Always called as a plain function, never as a method: Workers' fetch throws "Illegal invocation"
  // otherwise. The global one is looked up at each call, so interceptors installed later are seen.
  const call = injected ? (input: string, init: RequestInit) => injected(input, init) : (input: string, init: RequestInit) => globalThis.fetch(input, init);
  return {
    async request(request) {
      const controller = new AbortController();
      const caller = request.signal;
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, request.timeoutMs);
      const onAbort = caller && (() => controller.abort(caller.reason));
      if (onAbort) caller.addEventListener('abort', onAbort, { once: true });
      // Ends the attempt: a long-lived caller signal must not collect listeners.
      const settle = () => {
        clearTimeout(timer);
        if (onAbort) caller.removeEventListener('abort', onAbort);
      };
      const fail = (error: unknown): never => {
        settle();
        throw timedOut ? timeoutError(request.timeoutMs, error) : error;
      };
      let response: Response;
      try {
        // Never follow a redirect: it would carry the credentials to another origin (issue 11). A 3xx
        // comes back as the answer (an opaque one, status 0, in browsers) and the client reports it.
        const init: RequestInit = { method: request.method, headers: request.headers, signal: controller.signal, redirect: 'manual' };
        if (request.body !== undefined) init.body = request.body;
        response = await call(request.url, init);
      } catch (error) {
        return fail(error);
      }
      return {
        status: response.status,
        headers: response.headers,
        text: () =>
          response.text().then((text) => {
            settle();
            return text;
          }, fail),
        stream() {
          settle();
          return response.body ?? new ReadableStream<Uint8Array>({ start: (stream) => stream.close() });
        },
      };
    },
  };
}

/** The error a transport rejects with when `timeoutMs` passed (the client maps it to a `TimeoutError`). */
function timeoutError(timeoutMs: number, cause: unknown): Error {
  const error = new Error(`No complete answer within ${timeoutMs} ms.`, { cause });
  error.name = 'TimeoutError';
  return error;
}
