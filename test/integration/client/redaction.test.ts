// issue 11, defect 4: a secret the library itself sent can come back URL-encoded (the reissue form) or
// JSON-escaped (a body or an error quoting a JSON document). No form of a token, refresh token or channel
// secret may reach an error's message, statusMessage, JSON or cause chain.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { createRefreshingToken } from '../../../src/client/create-refreshing-token.js';
import { ApiError, LineError, NetworkError, SendError } from '../../../src/errors.js';
import { text } from '../../../src/messages/text.js';

// Characters that change under URL and form encoding; `"` and `\` change under JSON escaping.
const ACCESS = 'ACCESS+/=&%"\\tok1';
const REFRESH = 'REFRESH+/=&%ref1';
const SECRET = 'SECRET+/=&%"sec1';

const lowerHex = (value: string) => value.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());

/** Every encoding of `secret` the library produces or could see echoed back (restated here, not taken from the code under test). */
function forms(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const json = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, uri, form, lowerHex(uri), lowerHex(form), json, json.replaceAll('/', '\\/')])];
}

/** Fails when any form of any secret appears in any view of `error`, its cause chain included. */
function expectNoSecret(error: unknown, secrets: string[]) {
  const views: string[] = [];
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 6; current = (current as { cause?: unknown }).cause, depth++) {
    views.push(current.message, String(current), current.stack ?? '', JSON.stringify(current));
    if (current instanceof ApiError) views.push(current.statusMessage ?? '', current.statusCode ?? '');
  }
  expect(views.length).toBeGreaterThan(3);
  for (const secret of secrets) for (const form of forms(secret)) for (const view of views) expect(view, `a form of a secret: ${form}`).not.toContain(form);
}

const reissueForm = new URLSearchParams({ refreshToken: REFRESH, channelSecret: SECRET }).toString();

describe('no encoding of a secret reaches an error (issue 11, defect 4)', () => {
  it('the reissue error echoes the URL-encoded form (and the JSON-escaped token) in statusMessage', async () => {
    const fakeLine: typeof fetch = async () =>
      Response.json(
        { statusCode: '411', statusMessage: `TOKEN_INVALID_TOKEN for ${reissueForm} with header ${JSON.stringify(ACCESS)} (${lowerHex(encodeURIComponent(ACCESS))})` },
        { status: 401 },
      );
    const provider = createRefreshingToken({ accessToken: ACCESS, refreshToken: REFRESH, channelSecret: SECRET, expiresAt: 0, fetch: fakeLine, onRefresh: () => undefined });
    const error = await provider.getToken().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).statusMessage).toBe('TOKEN_INVALID_TOKEN for refreshToken=[redacted]&channelSecret=[redacted] with header "[redacted]" ([redacted])');
    expectNoSecret(error, [ACCESS, REFRESH, SECRET]);
  });

  it('a fetch that fails quoting the form and a JSON document: the NetworkError and its causes are clean', async () => {
    const fakeLine: typeof fetch = async () => {
      throw new TypeError(`fetch failed sending ${reissueForm}`, { cause: new Error(`socket hang up after {"token":${JSON.stringify(ACCESS)}}`) });
    };
    const provider = createRefreshingToken({ accessToken: ACCESS, refreshToken: REFRESH, channelSecret: SECRET, expiresAt: 0, fetch: fakeLine, onRefresh: () => undefined });
    const error = await provider.getToken().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(((error as Error).cause as Error).message).toBe('fetch failed sending refreshToken=[redacted]&channelSecret=[redacted]');
    expectNoSecret(error, [ACCESS, REFRESH, SECRET]);
  });

  it('a send: LINE echoing the token URL-encoded and JSON-escaped, and a TokenProvider error quoting it', async () => {
    const echo: typeof fetch = async () =>
      Response.json({ statusCode: '401', statusMessage: `bad token ${encodeURIComponent(ACCESS)} / ${JSON.stringify(ACCESS)}` }, { status: 401 });
    const sendError = (await createClient({ channelToken: ACCESS, fetch: echo, retry: false }).send('u1', text('x')).then(() => undefined, (e: unknown) => e)) as SendError;
    expect(sendError).toBeInstanceOf(SendError);
    expect((sendError.result.failures[0]!.error as ApiError).statusMessage).toBe('bad token [redacted] / "[redacted]"');
    expectNoSecret(sendError, [ACCESS]);
    expectNoSecret(sendError.result.failures[0]!.error, [ACCESS]);

    let calls = 0;
    const provider = {
      getToken: async () => {
        if (calls++ === 0) return ACCESS;
        throw new Error(`token store returned {"value":${JSON.stringify(ACCESS)}}`);
      },
    };
    const ok: typeof fetch = async () => Response.json({ failed: [], messageId: '1', timestamp: 1, version: 1 });
    const client = createClient({ channelToken: provider, fetch: ok, retry: false });
    await client.send('u1', text('x')); // the client now knows the token
    const failed = (await client.send('u1', text('x')).then(() => undefined, (e: unknown) => e)) as SendError;
    const error = failed.result.failures[0]!.error;
    expect(error).toBeInstanceOf(LineError);
    expect((error.cause as Error).message).toBe('token store returned {"value":"[redacted]"}');
    expectNoSecret(failed, [ACCESS]);
  });
});
