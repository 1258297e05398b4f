/** A media file a user sent, from `GET /v1/bot/message/{id}/content` (spec §4.1). */
export interface MessageContent {
  /** The bytes, streamed as they arrive: never buffered by the client. Read it or `cancel()` it. */
  body: ReadableStream<Uint8Array>;
  /** The `Content-Type` header, e.g. `image/jpeg`. */
  contentType?: string;
  /** The `Content-Length` header, when present. */
  contentLength?: number;
  /** The file name from `Content-Disposition` (`filename*=UTF-8''…` decoded), when present. */
  fileName?: string;
}

/** Options of {@link LineClient.getMessageContent}. */
export interface GetMessageContentOptions {
  /** Fetch the thumbnail (`…/content/preview`) instead of the original. Default `false`. */
  preview?: boolean;
  /** Aborts the request, and the body stream after it was returned. */
  signal?: AbortSignal;
}
