import type { Dispatcher } from 'undici';
import type { Transport, TransportResponse } from '../client/transport.js';
import { createLazyAgent, type UndiciAgentOptions } from './undici-agent.js';

/** Options of {@link createUndiciTransport}: the socket settings of its undici `Agent`. */
export type UndiciTransportOptions = UndiciAgentOptions;

/** A {@link Transport} over its own undici `Agent`; call `close()` when done sending. */
export interface UndiciTransport extends Transport {
  /** Waits for the requests in flight, then closes every socket. Requests made after it reject. */
  close(): Promise<void>;
}

/**
 * Creates the transport for high-volume sending from Node: undici's `Agent.request` (not its `fetch`),
 * so a request costs no `Request`/`Response`/`Headers` objects, no web streams and no AbortController.
 * Warm connections are kept alive and reused; at most `connections` sockets are open per origin.
 * Pass it to `createClient({ transport })` (and `createRefreshingToken({ transport })`); call
 * `close()` on shutdown so the process can exit. undici is loaded when this is called, not when
 * `line-business-connect/node` is imported.
 *
 * Time limits are undici's own timers (coarse, about half a second): `timeoutMs` bounds the wait
 * for the answer's headers once the request is on a socket, and each pause while its body arrives.
 * A request waiting in the queue for a free socket is not timed: keep the client's `concurrency` at
 * or under `connections`.
 *
 * @example
 * ```ts
 * const transport = createUndiciTransport({ connections: 16 });
 * const client = createClient({ channelToken, transport, concurrency: 16 });
 * // ... send ...
 * await transport.close();
 * ```
 */
export function createUndiciTransport(options: UndiciTransportOptions = {}): UndiciTransport {
  const agent = createLazyAgent(options, 'createUndiciTransport');
  return {
    async request(request) {
      const dispatcher = agent.current() ?? (await agent.ready);
      const { url, timeoutMs } = request;
      // Agent.request takes the origin and the path apart; the URL is ours, always absolute.
      const pathStart = url.indexOf('/', url.indexOf('//') + 2);
      let answer: Dispatcher.ResponseData;
      try {
        answer = await dispatcher.request({
          origin: pathStart < 0 ? url : url.slice(0, pathStart),
          path: pathStart < 0 ? '/' : url.slice(pathStart),
          method: request.method,
          headers: request.headers,
          body: request.body ?? null,
          signal: request.signal ?? null,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
      } catch (error) {
        throw asTimeout(error, timeoutMs);
      }
      const { statusCode, headers, body } = answer;
      const response: TransportResponse = {
        status: statusCode,
        headers: {
          get(name) {
            const value = headers[name.toLowerCase()];
            return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
          },
        },
        text: () => body.text().catch((error: unknown) => Promise.reject(asTimeout(error, timeoutMs))),
        // undici's own web view of the body (a getter its types leave out); the body timeout then
        // limits each pause, not the whole download.
        stream: () => (body as unknown as { body: ReadableStream<Uint8Array> }).body,
      };
      return response;
    },
    close: async () => (await agent.ready).close(),
  };
}

/** undici's own timeout errors, renamed as the client expects of every transport (`name` `TimeoutError`). */
function asTimeout(error: unknown, timeoutMs: number): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'UND_ERR_HEADERS_TIMEOUT' && code !== 'UND_ERR_BODY_TIMEOUT') return error;
  // Not shared with the fetch transport on purpose: importing client code here would put it in a
  // chunk shared with the webhook code, and the client-only bundle would then carry the webhook's.
  return Object.assign(new Error(`undici timed out after ${timeoutMs} ms.`, { cause: error }), { name: 'TimeoutError' });
}
