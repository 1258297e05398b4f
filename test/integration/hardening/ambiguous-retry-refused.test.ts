// Found by the reliability suite (test/reliability/send-faults.test.ts): with `retry.retryAmbiguous`, a
// request whose first attempt may have been delivered (a 500, a timeout, a connection lost after
// sending) and whose retry LINE accepted while listing some recipients in its `failed` array reported
// those recipients as failures with `maybeDelivered: false`. The first attempt may have reached them: a
// caller who resends the failures LINE says were not delivered would send them the message twice.
import { describe, expect, it } from 'vitest';
import { createClient, SendError, text } from '../../../src/index.js';

/** LINE as a fetch function: the answers in turn, the recipients of each request kept. */
function line(...answers: (() => Response)[]) {
  const requests: string[][] = [];
  const fetch = async (_url: string | URL | Request, init?: RequestInit) => {
    requests.push((JSON.parse(String(init?.body)) as { to: string[] }).to);
    return answers[requests.length - 1]!();
  };
  return { requests, fetch: fetch as typeof globalThis.fetch };
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const retry = { retryAmbiguous: true, baseDelayMs: 0, sleep: () => Promise.resolve() };

describe("recipients LINE lists as failed on a retry after an attempt that may have delivered (found by the reliability suite)", () => {
  it('are reported maybeDelivered: true, the others possible duplicates', async () => {
    const { requests, fetch } = line(
      () => json(500, { statusCode: '500', statusMessage: 'Internal Server Error' }),
      () => json(200, { failed: ['u2'], messageId: 'm1', timestamp: 1, version: 1 }),
    );
    const client = createClient({ channelToken: 'T', fetch, retry });
    const error = await client.send(['u1', 'u2', 'u3'], text('hello')).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(requests).toEqual([
      ['u1', 'u2', 'u3'],
      ['u1', 'u2', 'u3'],
    ]);
    expect(error).toBeInstanceOf(SendError);
    const { result } = error as SendError;
    expect({ ...result, failures: result.failures.map(({ recipients, maybeDelivered }) => ({ recipients, maybeDelivered })) }).toEqual({
      ok: false,
      recipients: 3,
      sent: 2,
      failed: 1,
      requests: 1,
      possibleDuplicates: 2,
      failures: [{ recipients: ['u2'], maybeDelivered: true }],
    });
  });

  it('stay maybeDelivered: false when no earlier attempt may have delivered (a 503 first)', async () => {
    const { fetch } = line(
      () => json(503, { statusCode: '503', statusMessage: 'Service Unavailable' }),
      () => json(200, { failed: ['u2'], messageId: 'm1', timestamp: 1, version: 1 }),
    );
    const error = (await createClient({ channelToken: 'T', fetch, retry })
      .send(['u1', 'u2'], text('hello'))
      .catch((reason: unknown) => reason)) as SendError;
    expect(error.result.failures.map(({ recipients, maybeDelivered }) => ({ recipients, maybeDelivered }))).toEqual([{ recipients: ['u2'], maybeDelivered: false }]);
    expect(error.result.possibleDuplicates).toBe(0);
  });
});
