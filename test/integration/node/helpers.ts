// Shared by the Node adapter tests: real servers on 127.0.0.1, and a signed LINE delivery.
import { readFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signBody } from '../../../src/signature/sign-body.js';

export const channelSecret = 'testsecret';

/** The SDK batch fixture (960 bytes: a text message "hello" + an opType 4), exactly as LINE sent it. */
export const batchBytes: Uint8Array<ArrayBuffer> = new Uint8Array(readFileSync(new URL('../../fixtures/sdk-batch.json', import.meta.url)));

/** Log lines the examples print for the SDK batch. */
export const batchLog = ['text from uff2aec188e58752ee1fb0f9507c6529a: hello', 'followed by u0f3bfc598b061eba02183bfc5280886a'];

/** Listens on 127.0.0.1 with a free port; resolves to the base URL. */
export function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

/** Closes a server and every socket it still holds. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** Starts a signed delivery that declares the whole batch, writes its first 100 bytes, then hangs up. */
export async function hangUpMidBody(url: string): Promise<void> {
  const signature = await signBody(batchBytes, channelSecret);
  const req = httpRequest(url, { method: 'POST', headers: { 'x-line-channelsignature': signature, 'content-length': String(batchBytes.length) } });
  req.on('error', () => {});
  req.write(batchBytes.subarray(0, 100), () => setTimeout(() => req.destroy(), 50));
}

/** POSTs `body` the way LINE does: JSON content type and the signature of those exact bytes. */
export async function deliver(url: string, body: Uint8Array<ArrayBuffer> = batchBytes, signature?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'x-line-channelsignature': signature ?? (await signBody(body, channelSecret)),
    },
    body,
  });
}

/** Status, content type and parsed JSON body of a response, for exact assertions. */
export async function summary(response: Response): Promise<{ status: number; type: string | null; body: unknown }> {
  const text = await response.text();
  // An accepted delivery is answered 200 with no body: null here.
  return { status: response.status, type: response.headers.get('content-type'), body: text === '' ? null : JSON.parse(text) };
}
