/**
 * One HTTP request as the client hands it to a {@link Transport}. The client has already added the
 * auth headers; retries, token rotation and error mapping stay in the client, above the transport.
 */
export interface TransportRequest {
  /** HTTP method. */
  method: 'GET' | 'POST' | 'DELETE';
  /** Absolute URL, e.g. `https://api.line.me/v1/events`. */
  url: string;
  /** Request headers (names as the client writes them, e.g. `X-Line-ChannelToken`). */
  headers: Record<string, string>;
  /** Request body (JSON or a form), absent for GET and DELETE. */
  body?: string | undefined;
  /**
   * Time limit of this attempt in ms: until `text()` has read the whole answer, or until the headers
   * arrived when the answer is taken as a stream. When it passes, reject (from `request` or from
   * `text()`) with an error whose `name` is `'TimeoutError'` (what `AbortSignal.timeout()` gives), and
   * cancel the request.
   */
  timeoutMs: number;
  /** The caller's signal, when there is one: cancel the request (and its body) when it aborts. */
  signal?: AbortSignal | undefined;
}

/** The answer to a {@link TransportRequest}, once its status and headers arrived. */
export interface TransportResponse {
  /** HTTP status, as received: a 3xx is handed back, never followed. */
  status: number;
  /** The answer's headers (a fetch `Headers` fits). */
  headers: {
    /** The value of the header `name` (case-insensitive), several joined by `, `; `null` when absent. */
    get(name: string): string | null;
  };
  /** Reads the whole body as UTF-8 text (within the request's `timeoutMs`). */
  text(): Promise<string>;
  /**
   * Takes the body as a stream (content downloads). The time limit ends here: a large video may take
   * longer to stream than `timeoutMs`; the caller's signal still cancels it.
   */
  stream(): ReadableStream<Uint8Array>;
}

/**
 * The HTTP layer under the client: sends one request, hands back the answer. Pass one as
 * `createClient({ transport })` (and `createRefreshingToken({ transport })`) to change how requests
 * travel: `createUndiciTransport()` from `line-business-connect/node` for high-volume sending from
 * Node, or your own for tests and proxies. The default wraps the global `fetch`.
 *
 * A transport must never follow redirects (LINE's API does not redirect; following one would carry the
 * credentials to another origin), must honour `timeoutMs` and `signal`, and rejects only when no
 * answer arrived (connection refused or reset, timeout, abort): any status, 3xx to 5xx, is an answer.
 */
export interface Transport {
  /** Sends `request`; resolves once the status and headers arrived. */
  request(request: TransportRequest): Promise<TransportResponse>;
}
