import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';

/** One HTTPS request of the doctor. */
export interface HttpsExchangeOptions {
  /** An `https:` URL. */
  url: URL;
  /** `POST` for deliveries, `GET` for media. */
  method: 'GET' | 'POST';
  /** Request headers. Default none. */
  headers?: Record<string, string>;
  /** Request body. Default none. */
  body?: Uint8Array;
  /** PEM text of the CAs to trust instead of the public store; undefined = the public store. */
  ca: string | undefined;
  /** No response headers within this many ms: the exchange fails with code `ETIMEDOUT`. */
  timeoutMs: number;
  /**
   * `true`: TLS as LINE does it (chain and host name enforced; a failure rejects). `false`: connect
   * anyway and report the chain in the result, so that the caller can describe what is wrong.
   */
  verify: boolean;
}

/** The answer to an exchange: status and headers; the body is not kept. */
export interface HttpsExchangeResult {
  /** HTTP status. */
  status: number;
  /** Response headers (lower-case names). */
  headers: IncomingHttpHeaders;
  /** Milliseconds from the start of the request (DNS, TCP and TLS included) to the response headers. */
  ms: number;
  /** OpenSSL's verdict on the chain (host name not included): undefined when it verifies. */
  chainError: string | undefined;
  /** The leaf the server presented, with its issuer links. */
  certificate: DetailedPeerCertificate;
}

/** A failed exchange: Node's error code (`ECONNREFUSED`, `ETIMEDOUT`, `CERT_HAS_EXPIRED`, …) and message. */
export class HttpsExchangeError extends Error {
  override name = 'HttpsExchangeError';
  /** Node's error code. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Sends one request over a fresh connection (no keep-alive, no proxy) and resolves at the response
 * headers. The response body is read and dropped in the background when `method` is `POST` (a bot may
 * log an aborted answer as an error), and not downloaded for `GET` (a media file may be large).
 */
export function httpsExchange(options: HttpsExchangeOptions): Promise<HttpsExchangeResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = https.request(options.url, {
      method: options.method,
      headers: options.headers,
      ca: options.ca,
      agent: false,
      rejectUnauthorized: options.verify,
      ...(options.verify ? {} : { checkServerIdentity: () => undefined }),
    });
    const timer = setTimeout(
      () => request.destroy(new HttpsExchangeError('ETIMEDOUT', `no response within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    request.once('response', (response) => {
      clearTimeout(timer);
      const ms = Math.round(performance.now() - started);
      const socket = response.socket as TLSSocket;
      const error = socket.authorizationError as unknown;
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        ms,
        chainError: error === null || error === undefined ? undefined : String((error as { code?: unknown }).code ?? error),
        certificate: socket.getPeerCertificate(true),
      });
      // The body is not needed; an error while it is dropped changes nothing already measured.
      response.on('error', () => {});
      if (options.method === 'GET') response.destroy();
      else response.resume();
    });
    request.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error instanceof HttpsExchangeError ? error : new HttpsExchangeError(error.code ?? 'ERR_HTTPS', error.message));
    });
    request.end(options.body);
  });
}
