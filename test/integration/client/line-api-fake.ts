// Test helper: records what the client sends to the msw-played LINE REST API.
import { HttpResponse } from 'msw';
import type { SendResult } from '../../../src/client/send-result.js';
import { SendError, type LineError } from '../../../src/errors.js';

/** One request as the fake LINE API saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  search: string;
  headers: Record<string, string>;
  body: string;
}

/** Reads a request for assertions (the raw body text, all headers lower-cased). */
export async function see(request: Request): Promise<SeenRequest> {
  const url = new URL(request.url);
  return {
    method: request.method,
    path: url.pathname,
    search: url.search,
    headers: Object.fromEntries(request.headers),
    body: await request.clone().text(),
  };
}

let nextMessageId = 1_000_000;

/** LINE's success answer to `POST /v1/events`. */
export function eventsOk(failed: string[] = []): Response {
  const id = nextMessageId++;
  return HttpResponse.json({ failed, messageId: String(id), timestamp: 1347940533207, version: 1 });
}

/** LINE's error body. */
export function lineError(status: number, statusCode: string, statusMessage: string, headers?: Record<string, string>): Response {
  return HttpResponse.json({ statusCode, statusMessage }, { status, headers });
}

/** `to` of a send body. */
export function recipientsOf(body: string): string[] {
  return (JSON.parse(body) as { to: string[] }).to;
}

/** A retry configuration that never waits, recording the delays it was asked for. */
export function instantRetry(overrides: Record<string, unknown> = {}) {
  const delays: number[] = [];
  return {
    delays,
    retry: {
      baseDelayMs: 100,
      maxDelayMs: 1000,
      random: () => 0.5,
      sleep: (ms: number) => {
        delays.push(ms);
        return Promise.resolve();
      },
      ...overrides,
    },
  };
}

/** The report of a send, whether it resolved or rejected with a {@link SendError} (other rejections fail the test). */
export async function settle(send: Promise<SendResult>): Promise<SendResult> {
  try {
    return await send;
  } catch (error) {
    if (error instanceof SendError) return error.result;
    throw error;
  }
}

/** The error of the first failure of a report; fails the test when nothing failed. */
export function errorOf(result: SendResult): LineError {
  const failure = result.failures[0];
  if (failure === undefined) throw new Error(`expected a failed request, got ${JSON.stringify(result)}`);
  return failure.error;
}
