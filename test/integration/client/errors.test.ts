import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { createRefreshingToken } from '../../../src/client/create-refreshing-token.js';
import { ApiError, LineError, NetworkError, SendError, TimeoutError } from '../../../src/errors.js';
import { text } from '../../../src/messages/text.js';
import { errorOf, settle } from './line-api-fake.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const TOKEN = 'SECRET-TOKEN-123';
const EVENTS = 'https://api.line.me/v1/events';

async function sendError(respond: () => Response | Promise<Response>, options: { timeoutMs?: number } = {}): Promise<LineError> {
  server.use(http.post(EVENTS, respond));
  const client = createClient({ channelToken: TOKEN, retry: false, ...options });
  const rejection = await client.send('u1', text('x')).then(() => undefined, (e: unknown) => e);
  expect(rejection).toBeInstanceOf(SendError);
  const result = (rejection as SendError).result;
  expect(result).toMatchObject({ ok: false, recipients: 1, sent: 0, failed: 1 });
  expect(result.failures.map((f) => f.recipients)).toEqual([['u1']]);
  expectNoSecret(rejection, TOKEN);
  return errorOf(result);
}

function expectNoSecret(error: unknown, ...secrets: string[]) {
  const views = [String(error), JSON.stringify(error), (error as Error).stack ?? '', (error as Error).message];
  for (const view of views) for (const secret of secrets) expect(view).not.toContain(secret);
}

describe('error shapes of POST /v1/events', () => {
  it('LINE JSON error body → ApiError with status, statusCode, statusMessage, endpoint', async () => {
    const error = await sendError(() => HttpResponse.json({ statusCode: '422', statusMessage: 'invalid users' }, { status: 400 }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, statusCode: '422', statusMessage: 'invalid users', endpoint: 'POST /v1/events', retryAfterMs: undefined });
    expect(error.message).toBe('POST /v1/events failed with 400 (LINE statusCode 422: invalid users)');
    expectNoSecret(error, TOKEN);
  });

  it('empty error body → ApiError with the status only', async () => {
    const error = await sendError(() => new HttpResponse(null, { status: 502 }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 502, statusCode: undefined, statusMessage: undefined });
    expectNoSecret(error, TOKEN);
  });

  it('HTML error body → ApiError with the status only', async () => {
    const error = await sendError(() => new HttpResponse('<html><body>Bad Gateway</body></html>', { status: 500, headers: { 'Content-Type': 'text/html' } }));
    expect(error).toMatchObject({ name: 'ApiError', status: 500, statusCode: undefined, statusMessage: undefined });
    expectNoSecret(error, TOKEN);
  });

  it('a numeric statusCode becomes a string', async () => {
    const error = await sendError(() => HttpResponse.json({ statusCode: 423, statusMessage: 'eventType is invalid' }, { status: 400 }));
    expect(error).toMatchObject({ statusCode: '423', statusMessage: 'eventType is invalid' });
  });

  it('a server echoing the token in statusMessage does not leak it', async () => {
    const error = await sendError(() => HttpResponse.json({ statusCode: '401', statusMessage: `bad token ${TOKEN}` }, { status: 401 }));
    expect((error as ApiError).statusMessage).toBe('bad token [redacted]');
    expectNoSecret(error, TOKEN);
  });

  it('Retry-After in seconds and as an HTTP date → retryAfterMs', async () => {
    const seconds = await sendError(() => HttpResponse.json({ statusCode: '429', statusMessage: 'slow down' }, { status: 429, headers: { 'Retry-After': '7' } }));
    expect((seconds as ApiError).retryAfterMs).toBe(7000);
    const date = new Date(Date.now() + 60_000).toUTCString();
    const byDate = await sendError(() => new HttpResponse(null, { status: 503, headers: { 'Retry-After': date } }));
    expect((byDate as ApiError).retryAfterMs).toBeGreaterThan(55_000);
    expect((byDate as ApiError).retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('network failure → NetworkError with the TypeError as cause', async () => {
    const error = await sendError(() => HttpResponse.error());
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).endpoint).toBe('POST /v1/events');
    expect((error as NetworkError).cause).toBeInstanceOf(TypeError);
    expectNoSecret(error, TOKEN);
  });

  it('timeout → TimeoutError with timeoutMs', async () => {
    const error = await sendError(
      async () => {
        await delay(500);
        return HttpResponse.json({ failed: [], messageId: '1', timestamp: 1, version: 1 });
      },
      { timeoutMs: 30 },
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ endpoint: 'POST /v1/events', timeoutMs: 30 });
    expect(error.message).toBe('POST /v1/events timed out after 30 ms. Raise timeoutMs or check the network.');
    expectNoSecret(error, TOKEN);
  });

  it('a caller abort is not a TimeoutError: the report holds a NetworkError caused by the abort reason', async () => {
    const controller = new AbortController();
    server.use(
      http.post(EVENTS, async () => {
        // Abort once the request is surely in flight (no race with a fixed timer on a loaded machine).
        controller.abort(new Error('user cancelled'));
        await delay(500);
        return HttpResponse.json({ failed: [], messageId: '1' });
      }),
    );
    const client = createClient({ channelToken: TOKEN, retry: false });
    const result = await settle(client.send(['a', 'b'], text('x'), { signal: controller.signal }));
    expect(result.ok).toBe(false);
    const error = errorOf(result);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect((error.cause as Error).message).toBe('user cancelled');
    expect(result.failures[0]).toMatchObject({ recipients: ['a', 'b'], maybeDelivered: true });
  });

  it('an already aborted signal rejects with its reason and sends nothing', async () => {
    let calls = 0;
    server.use(http.post(EVENTS, () => {
      calls++;
      return HttpResponse.json({ failed: [], messageId: '1' });
    }));
    const reason = new Error('stop');
    await expect(createClient({ channelToken: TOKEN }).send('u1', text('x'), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(calls).toBe(0);
  });

  it('a 200 with an unreadable body still counts as delivered (never resent)', async () => {
    server.use(http.post(EVENTS, () => new HttpResponse('not json', { status: 200 })));
    const requests: unknown[] = [];
    const result = await createClient({ channelToken: TOKEN }).send('u1', text('x'), { onRequest: (request) => void requests.push(request) });
    expect(result).toEqual({ ok: true, recipients: 1, sent: 1, failed: 0, requests: 1, possibleDuplicates: 0, failures: [] });
    expect(requests).toEqual([{ recipients: ['u1'], ok: true, messageId: '', failed: [], maybeDuplicated: false }]);
  });
});

describe('no error carries a token or secret', () => {
  it('trial secret, refresh token and channel secret never appear', async () => {
    server.use(
      http.post('https://trialbot-api.line.me/v1/events', () => HttpResponse.json({ statusCode: '427', statusMessage: 'IP not allowed' }, { status: 403 })),
      http.post('https://api.line.me/v1/oauth/accessToken', () => HttpResponse.json({ statusCode: '411', statusMessage: 'TOKEN_INVALID_TOKEN' }, { status: 401 })),
    );
    const trial = createClient({ trial: { channelId: '1', channelSecret: 'TRIAL-SECRET-9', channelMid: 'u1' }, retry: false });
    const trialResult = await settle(trial.send('u2', text('x')));
    const trialError = errorOf(trialResult) as LineError;
    expect(trialError?.message).toContain('not in the channel whitelist');
    expectNoSecret(trialError, 'TRIAL-SECRET-9');

    const provider = createRefreshingToken({
      accessToken: TOKEN,
      refreshToken: 'REFRESH-SECRET-7',
      channelSecret: 'CHANNEL-SECRET-5',
      expiresAt: 0,
      onRefresh: () => undefined,
      onRefreshError: () => undefined,
    });
    const refreshError = await provider.getToken().then(() => undefined, (e: unknown) => e);
    expect(refreshError).toBeInstanceOf(ApiError);
    expect(refreshError).toMatchObject({ status: 401, statusCode: '411', endpoint: 'POST /v1/oauth/accessToken' });
    expectNoSecret(refreshError, TOKEN, 'REFRESH-SECRET-7', 'CHANNEL-SECRET-5');
  });

  it('every error kind, with token SECRET-TOKEN-123', async () => {
    const errors: unknown[] = [];
    const catchError = async (run: () => unknown) => {
      try {
        await run();
      } catch (error) {
        errors.push(error);
        return;
      }
      throw new Error('expected an error');
    };
    // Configuration and input errors (LineError, MessageValidationError).
    await catchError(() => createClient({ channelToken: TOKEN, trial: { channelId: '1', channelSecret: TOKEN, channelMid: 'u' } }));
    await catchError(() => createClient({ channelToken: `${TOKEN}\n` }));
    await catchError(() => createClient({ channelToken: TOKEN, baseUrl: `not a url ${TOKEN}`.replace(TOKEN, 'x') }));
    await catchError(() => createClient({ channelToken: TOKEN }).send([], text('x')));
    await catchError(() => createClient({ channelToken: TOKEN }).send('u1', text('x'.repeat(9000))));
    await catchError(() => createClient({ trial: { channelId: '1', channelSecret: TOKEN, channelMid: 'u1' } }).leaveGroup('g1'));
    await catchError(() => createClient({ channelToken: { getToken: async () => `${TOKEN} ` } }).getProfiles(['u1']));
    // A fetch whose error quotes the header value (undici does for invalid header values).
    const leakyFetch = async () => {
      throw new TypeError(`Headers.append: "${TOKEN}" is an invalid header value.`, { cause: new Error(`value ${TOKEN}`) });
    };
    const leaky = await settle(createClient({ channelToken: TOKEN, fetch: leakyFetch, retry: false }).send('u1', text('x')));
    errors.push(errorOf(leaky));
    await catchError(() => createClient({ channelToken: TOKEN, fetch: leakyFetch, retry: false }).getMessageContent('m1'));
    // ApiError, NetworkError, TimeoutError from the wire.
    server.use(
      http.get('https://api.line.me/v1/bot/message/:id/content', async ({ params }) => {
        if (params.id === 'slow') await delay(300);
        if (params.id === 'down') return HttpResponse.error();
        return HttpResponse.json({ statusCode: '404', statusMessage: `no ${TOKEN}` }, { status: 404 });
      }),
    );
    const client = createClient({ channelToken: TOKEN, retry: false, timeoutMs: 30 });
    for (const id of ['slow', 'down', 'gone']) await catchError(() => client.getMessageContent(id));
    expect(errors.map((error) => (error as Error).name)).toEqual([
      'LineError',
      'LineError',
      'LineError',
      'MessageValidationError',
      'MessageValidationError',
      'LineError',
      'LineError',
      'NetworkError',
      'NetworkError',
      'TimeoutError',
      'NetworkError',
      'ApiError',
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(LineError);
      expectNoSecret(error, TOKEN);
      // The cause chain is scrubbed too (it is what a logger prints next).
      let cause = (error as { cause?: unknown }).cause;
      while (cause instanceof Error) {
        expect(`${cause.message}\n${cause.stack}`).not.toContain(TOKEN);
        cause = (cause as { cause?: unknown }).cause;
      }
    }
  });

  it('a TokenProvider error quoting a token it handed out is redacted in the cause (send) and the rejection (GET)', async () => {
    server.use(
      http.post(EVENTS, () => HttpResponse.json({ failed: [], messageId: 'm', timestamp: 1, version: 1 })),
      http.get('https://api.line.me/v1/profiles', () => HttpResponse.json({ contacts: [], count: 0, display: 0, start: 1, total: 0 })),
    );
    let calls = 0;
    const provider = {
      getToken: async () => {
        if (calls++ === 0) return TOKEN;
        throw new Error(`bad token ${TOKEN}`, { cause: new Error(`old ${TOKEN}`) });
      },
    };
    const client = createClient({ channelToken: provider, retry: false });
    expect((await client.send('u1', text('x'))).ok).toBe(true); // the token is now known to the client
    const result = await settle(client.send('u1', text('x')));
    const error = errorOf(result);
    expect(error.message).toBe('POST /v1/events was not completed: the TokenProvider threw an unexpected error (see cause).');
    const cause = error.cause as Error;
    expect(cause.message).toBe('bad token [redacted]');
    expect((cause.cause as Error).message).toBe('old [redacted]');
    expectNoSecret(cause, TOKEN);
    const rejected = await client.getProfiles(['u1']).then(() => undefined, (e: unknown) => e);
    expect((rejected as Error).message).toBe('bad token [redacted]');
    expect(((rejected as Error).cause as Error).message).toBe('old [redacted]');
    expectNoSecret(rejected, TOKEN);
  });

  it('GET errors name the path without the query', async () => {
    server.use(http.get('https://api.line.me/v1/profiles', () => new HttpResponse('', { status: 400 })));
    const error = await createClient({ channelToken: TOKEN, retry: false }).getProfiles(['u1']).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ name: 'ApiError', endpoint: 'GET /v1/profiles', status: 400 });
    expectNoSecret(error, TOKEN, 'mids=');
  });
});
