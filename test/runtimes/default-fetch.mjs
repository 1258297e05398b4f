// Shared by the default-fetch runtime tests (default-fetch.test.ts): one send through a client made
// WITHOUT a `fetch` option, so the library must call the runtime's own global `fetch`. On Workers,
// calling a stored `globalThis.fetch` as a method of another object throws "Illegal invocation";
// this module is run unchanged on workerd (default-fetch-worker.mjs), Deno and Bun
// (default-fetch-entry.mjs) against the BUILT package, passed in as `lib`.

/** Not a real token: the fake LINE checks that it arrives, byte for byte, in X-LINE-ChannelToken. */
export const channelToken = 'default-fetch-token';
export const recipient = 'u0a556cffd4da0dd89c94fb36e36e1cdc';
export const messageText = 'hello through the default fetch';

/** LINE's answer to an accepted `POST /v1/events` (spec §3). */
export const acceptedBody = '{"failed":[],"messageId":"1347940533207","timestamp":1347940533207,"version":1}';

/** An error as plain JSON (name, message, cause chain), so a failed request says why in the test output. */
function plainError(error) {
  if (!(error instanceof Error)) return { thrown: String(error) };
  return { name: error.name, message: error.message, ...(error.cause === undefined ? {} : { cause: plainError(error.cause) }) };
}

/**
 * `createClient({ channelToken, baseUrl })` (no fetch option), one text message; the SendResult and the
 * requests `onRequest` saw, as plain JSON.
 */
export async function sendWithDefaultFetch(lib, baseUrl) {
  const requests = [];
  try {
    const client = lib.createClient({ channelToken, baseUrl });
    const report = await client.send(recipient, lib.text(messageText), { onRequest: (request) => void requests.push(request) });
    return { ok: true, report, requests };
  } catch (error) {
    const failures = error.result?.failures.map((failure) => ({ ...failure, error: plainError(failure.error) }));
    return { ok: false, threw: plainError(error), failures, requests: requests.map((request) => (request.ok ? request : { ...request, error: plainError(request.error) })) };
  }
}
