// Internal: a Node request stream as a Web ReadableStream, so the core webhook flow (read-body.ts)
// applies its own limit and can stop reading early.
import type { IncomingMessage } from 'node:http';
import { BodyReadError } from '../errors.js';

const encoder = new TextEncoder();

/**
 * Wraps `req` in a pull-based `ReadableStream`: a chunk is taken from the socket only when the reader
 * asks for one, and `cancel()` pauses the request instead of destroying it.
 *
 * Why not `Readable.toWeb(req)`: its cancel destroys the `IncomingMessage`, which destroys the socket,
 * so a 413 could never be written; and it buffers ahead of the reader.
 */
export function nodeBodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const onData = (chunk: Uint8Array | string) => {
          controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
          // Backpressure: stop the socket until the reader pulls again.
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        };
        const onEnd = () => {
          cleanup();
          controller.close();
        };
        // Node reports a client that hung up mid-body as an 'aborted' ECONNRESET error, or only as 'close':
        // a routine 400 (BodyReadError), never an unexpected 500.
        const onError = (error: Error) => {
          cleanup();
          controller.error(new BodyReadError({ cause: error }));
        };
        const onClose = () => {
          // 'close' after 'end' is normal (cleanup already ran); before it, the client went away.
          cleanup();
          controller.error(new BodyReadError());
        };
        cleanup = () => {
          req.off('data', onData);
          req.off('end', onEnd);
          req.off('error', onError);
          req.off('close', onClose);
        };
        req.on('data', onData);
        req.on('end', onEnd);
        req.on('error', onError);
        req.on('close', onClose);
        // Attaching 'data' switched the stream to flowing mode; wait for the first pull.
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        cleanup();
        req.pause();
      },
    },
    { highWaterMark: 1 },
  );
}
