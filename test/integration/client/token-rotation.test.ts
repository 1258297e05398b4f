import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { createRefreshingToken, type RefreshedToken } from '../../../src/client/create-refreshing-token.js';
import { ApiError } from '../../../src/errors.js';
import { text } from '../../../src/messages/text.js';
import { errorOf, lineError, settle } from './line-api-fake.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/**
 * Plays LINE's token rules (spec §4.3): one valid access token at a time; a reissue with the
 * current token and refresh token issues a new pair and kills the old token at once.
 */
function fakeLine(options: { rejectOldAfter?: number; beforeCheck?: (token: string | null) => Promise<void> } = {}) {
  const state = {
    valid: 'ACCESS-1',
    refresh: 'REFRESH-1',
    generation: 1,
    refreshCalls: 0,
    refreshBodies: [] as string[],
    refreshHeaders: [] as Record<string, string>[],
    delivered: new Map<string, number>(),
    rejected: 0,
    accepted: 0,
  };
  server.use(
    http.post('https://api.line.me/v1/oauth/accessToken', async ({ request }) => {
      state.refreshCalls++;
      state.refreshBodies.push(await request.text());
      state.refreshHeaders.push(Object.fromEntries(request.headers));
      await delay(15);
      const form = new URLSearchParams(state.refreshBodies.at(-1));
      if (request.headers.get('x-line-channeltoken') !== state.valid) return lineError(401, '411', 'TOKEN_INVALID_TOKEN');
      if (form.get('refreshToken') !== state.refresh || form.get('channelSecret') !== 'CHANNEL-SECRET') return lineError(401, '411', 'TOKEN_INVALID_TOKEN');
      state.generation++;
      state.valid = `ACCESS-${state.generation}`;
      state.refresh = `REFRESH-${state.generation}`;
      return HttpResponse.json({ accessToken: state.valid, refreshToken: state.refresh, expire: 1_900_000_000_000 });
    }),
    http.post('https://api.line.me/v1/events', async ({ request }) => {
      const token = request.headers.get('x-line-channeltoken');
      const { to } = (await request.json()) as { to: string[] };
      await delay(Math.floor(Math.random() * 8));
      // The token is checked after this hook, as a slow server would: a rotation may happen meanwhile.
      await options.beforeCheck?.(token);
      // Optionally the server expires the first token by itself after N accepted requests.
      const expired = options.rejectOldAfter !== undefined && state.accepted >= options.rejectOldAfter && token === 'ACCESS-1';
      if (token !== state.valid || expired) {
        state.rejected++;
        return lineError(401, '401', 'Authentication failed');
      }
      state.accepted++;
      for (const mid of to) state.delivered.set(mid, (state.delivered.get(mid) ?? 0) + 1);
      return HttpResponse.json({ failed: [], messageId: `m-${to[0]}`, timestamp: 1, version: 1 });
    }),
  );
  return state;
}

const recipients = Array.from({ length: 50 }, (_, i) => `u${String(i).padStart(32, '0')}`);

describe('50 concurrent sends across a token rotation', () => {
  it('rotation ahead of expiry while 10 sends are in flight: all delivered once, one reissue, 401s replayed', async () => {
    // Deterministic schedule: 10 sends reach LINE with ACCESS-1 and are held; the clock passes the
    // refresh point; 40 more sends start (the first reissues, the others wait for it); once LINE has
    // issued ACCESS-2, the 10 held requests are checked and rejected (the old token is dead).
    let held = 0;
    let releaseOld!: () => void;
    const oldReleased = new Promise<void>((resolve) => (releaseOld = resolve));
    let tenHeld!: () => void;
    const tenAreHeld = new Promise<void>((resolve) => (tenHeld = resolve));
    const state = fakeLine({
      beforeCheck: async (token) => {
        if (token !== 'ACCESS-1') return;
        if (++held === 10) tenHeld();
        await oldReleased;
      },
    });
    let clock = 1_000_000;
    const persisted: RefreshedToken[] = [];
    const provider = createRefreshingToken({
      accessToken: 'ACCESS-1',
      refreshToken: 'REFRESH-1',
      channelSecret: 'CHANNEL-SECRET',
      expiresAt: 1_000_000 + 10 * 60_000,
      refreshAheadMs: 5 * 60_000,
      now: () => clock,
      onRefresh: async (token) => {
        await delay(5);
        persisted.push(token);
      },
    });
    const client = createClient({ channelToken: provider, retry: false });
    const send = (mid: string, i: number) => settle(client.send(mid, text(`hello ${i}`)));
    const first = recipients.slice(0, 10).map(send);
    await tenAreHeld;
    clock += 6 * 60_000;
    const rest = recipients.slice(10).map((mid, i) => send(mid, i + 10));
    await vi.waitFor(() => expect(persisted).toHaveLength(1));
    releaseOld();
    const results = await Promise.all([...first, ...rest]);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(state.rejected).toBe(10);
    expect(state.refreshCalls).toBe(1);
    expect([...state.delivered.keys()].sort()).toEqual([...recipients].sort());
    expect([...state.delivered.values()].every((count) => count === 1)).toBe(true);
    expect(persisted).toEqual([{ accessToken: 'ACCESS-2', refreshToken: 'REFRESH-2', expiresAt: 1_900_000_000_000 }]);
    expect(state.refreshHeaders[0]!['x-line-channeltoken']).toBe('ACCESS-1');
    expect(state.refreshHeaders[0]!['content-type']).toBe('application/x-www-form-urlencoded');
    expect(state.refreshBodies[0]).toBe('refreshToken=REFRESH-1&channelSecret=CHANNEL-SECRET');
  });

  it('the server rejects the old token first: one reissue from the 401, every 401 replayed, none delivered twice', async () => {
    const state = fakeLine({ rejectOldAfter: 10 });
    const provider = createRefreshingToken({
      accessToken: 'ACCESS-1',
      refreshToken: 'REFRESH-1',
      channelSecret: 'CHANNEL-SECRET',
      onRefresh: () => undefined,
    });
    const client = createClient({ channelToken: provider, retry: false });
    const results = await Promise.all(recipients.map((mid, i) => settle(client.send(mid, text(`hello ${i}`)))));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(state.refreshCalls).toBe(1);
    expect(state.rejected).toBe(40);
    expect(state.delivered.size).toBe(50);
    expect([...state.delivered.values()].every((count) => count === 1)).toBe(true);
    expect(await provider.getToken()).toBe('ACCESS-2');
  });

  it('a failed reissue → the sends fail with the reissue ApiError (411), and the next call tries again', async () => {
    server.use(
      http.post('https://api.line.me/v1/oauth/accessToken', () => lineError(401, '411', 'TOKEN_INVALID_TOKEN')),
      http.post('https://api.line.me/v1/events', () => lineError(401, '401', 'Authentication failed')),
    );
    const provider = createRefreshingToken({ accessToken: 'A', refreshToken: 'R', channelSecret: 'S', onRefresh: () => undefined });
    const client = createClient({ channelToken: provider, retry: false });
    const result = await settle(client.send(['u1'], text('x')));
    const error = errorOf(result) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ endpoint: 'POST /v1/oauth/accessToken', statusCode: '411', status: 401 });
  });
});

describe('createRefreshingToken', () => {
  it('single-flight: many invalidate + getToken calls make one reissue; invalidate with an old token does nothing', async () => {
    const state = fakeLine();
    const provider = createRefreshingToken({ accessToken: 'ACCESS-1', refreshToken: 'REFRESH-1', channelSecret: 'CHANNEL-SECRET', onRefresh: () => undefined });
    for (let i = 0; i < 10; i++) provider.invalidate?.('ACCESS-1');
    const tokens = await Promise.all(Array.from({ length: 10 }, () => provider.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['ACCESS-2']));
    provider.invalidate?.('ACCESS-1');
    expect(await provider.getToken()).toBe('ACCESS-2');
    expect(state.refreshCalls).toBe(1);
  });

  it('onRefresh throwing: the new token is still used and the error goes to onRefreshError', async () => {
    const state = fakeLine();
    const reported: unknown[] = [];
    const failure = new Error('database down');
    const provider = createRefreshingToken({
      accessToken: 'ACCESS-1',
      refreshToken: 'REFRESH-1',
      channelSecret: 'CHANNEL-SECRET',
      expiresAt: 0,
      onRefresh: () => {
        throw failure;
      },
      onRefreshError: (error) => reported.push(error),
    });
    expect(await provider.getToken()).toBe('ACCESS-2');
    expect(reported).toEqual([failure]);
    expect(state.refreshCalls).toBe(1);
  });

  it('a reissue ahead of expiry that fails keeps the still-valid token and waits 30 s before trying again', async () => {
    let calls = 0;
    server.use(
      http.post('https://api.line.me/v1/oauth/accessToken', () => {
        calls++;
        return new HttpResponse(null, { status: 503 });
      }),
    );
    let clock = 0;
    const reported: unknown[] = [];
    const provider = createRefreshingToken({
      accessToken: 'A',
      refreshToken: 'R',
      channelSecret: 'S',
      expiresAt: 100_000,
      refreshAheadMs: 60_000,
      retry: false, // one attempt per reissue: this test counts reissues, not retries
      now: () => clock,
      onRefresh: () => undefined,
      onRefreshError: (error) => reported.push(error),
    });
    expect(await provider.getToken()).toBe('A'); // 100 s before expiry: nothing to do
    expect(calls).toBe(0);
    clock = 50_000;
    expect(await provider.getToken()).toBe('A');
    expect(calls).toBe(1);
    expect(reported[0]).toMatchObject({ name: 'ApiError', status: 503, endpoint: 'POST /v1/oauth/accessToken' });
    clock = 70_000;
    expect(await provider.getToken()).toBe('A');
    expect(calls).toBe(1);
    clock = 80_001;
    await provider.getToken();
    expect(calls).toBe(2);
    clock = 100_000; // expired: a failure is now an error
    await expect(provider.getToken()).rejects.toMatchObject({ status: 503 });
  });

  it.each([
    ['already past', 1_000],
    ['in seconds, not ms', 1_900_000_000],
    ['inside refreshAheadMs', 1_700_000_100_000],
  ])('LINE expire %s: expiry treated as unknown, 5 getToken() calls make 1 reissue, reported without secrets', async (_label, expire) => {
    let calls = 0;
    server.use(
      http.post('https://api.line.me/v1/oauth/accessToken', () => {
        calls++;
        return HttpResponse.json({ accessToken: `NEW-ACCESS-${calls}`, refreshToken: `NEW-REFRESH-${calls}`, expire });
      }),
    );
    const reported: unknown[] = [];
    const refreshed: RefreshedToken[] = [];
    const provider = createRefreshingToken({
      accessToken: 'OLD-ACCESS',
      refreshToken: 'OLD-REFRESH',
      channelSecret: 'CHANNEL-SECRET',
      expiresAt: 1_000, // already expired: the first getToken() reissues
      now: () => 1_700_000_000_000,
      onRefresh: (token) => {
        refreshed.push(token);
      },
      onRefreshError: (error) => reported.push(error),
    });
    const tokens: string[] = [];
    for (let i = 0; i < 5; i++) tokens.push(await provider.getToken());
    expect(tokens).toEqual(['NEW-ACCESS-1', 'NEW-ACCESS-1', 'NEW-ACCESS-1', 'NEW-ACCESS-1', 'NEW-ACCESS-1']);
    expect(calls).toBe(1);
    expect(refreshed).toEqual([{ accessToken: 'NEW-ACCESS-1', refreshToken: 'NEW-REFRESH-1', expiresAt: expire }]);
    expect(reported).toHaveLength(1);
    const message = (reported[0] as Error).message;
    expect(message).toBe(
      `POST /v1/oauth/accessToken: LINE's expire (${expire}) is not later than now + refreshAheadMs (1700000300000); it may be in seconds ` +
        'instead of ms. The expiry is treated as unknown: the token will be reissued only after a 401.',
    );
    for (const secret of ['OLD-ACCESS', 'OLD-REFRESH', 'NEW-ACCESS', 'NEW-REFRESH', 'CHANNEL-SECRET']) expect(message).not.toContain(secret);
    // Expiry unknown: only a 401 rotates now.
    provider.invalidate?.('NEW-ACCESS-1');
    expect(await provider.getToken()).toBe('NEW-ACCESS-2');
    expect(calls).toBe(2);
  });

  it('a throwing onRefreshError does not fail the reissue', async () => {
    server.use(http.post('https://api.line.me/v1/oauth/accessToken', () => HttpResponse.json({ accessToken: 'N', refreshToken: 'NR', expire: 5 })));
    const provider = createRefreshingToken({
      accessToken: 'A',
      refreshToken: 'R',
      channelSecret: 'S',
      expiresAt: 0,
      onRefresh: () => undefined,
      onRefreshError: () => {
        throw new Error('logger down');
      },
    });
    expect(await provider.getToken()).toBe('N');
  });

  it('a malformed answer is an ApiError', async () => {
    server.use(http.post('https://api.line.me/v1/oauth/accessToken', () => HttpResponse.json({ accessToken: 'x' })));
    const provider = createRefreshingToken({ accessToken: 'A', refreshToken: 'R', channelSecret: 'S', expiresAt: 0, onRefresh: () => undefined });
    await expect(provider.getToken()).rejects.toMatchObject({ name: 'ApiError', status: 200, endpoint: 'POST /v1/oauth/accessToken' });
  });

  it('accepts expire as a decimal string and rejects a non-finite one', async () => {
    const refreshed: RefreshedToken[] = [];
    server.use(
      http.post('https://api.line.me/v1/oauth/accessToken', () =>
        HttpResponse.json({ accessToken: 'N', refreshToken: 'NR', expire: '1900000000000' }),
      ),
    );
    const provider = createRefreshingToken({
      accessToken: 'A',
      refreshToken: 'R',
      channelSecret: 'S',
      expiresAt: 0,
      onRefresh: (token) => void refreshed.push(token),
    });
    expect(await provider.getToken()).toBe('N');
    expect(refreshed).toEqual([{ accessToken: 'N', refreshToken: 'NR', expiresAt: 1_900_000_000_000 }]);

    // JSON.parse turns 1e400 into Infinity: not a usable expiry.
    server.use(
      http.post('https://api.line.me/v1/oauth/accessToken', () =>
        new HttpResponse('{"accessToken":"N","refreshToken":"NR","expire":1e400}', { headers: { 'Content-Type': 'application/json' } }),
      ),
    );
    const bad = createRefreshingToken({ accessToken: 'A', refreshToken: 'R', channelSecret: 'S', expiresAt: 0, onRefresh: () => undefined });
    await expect(bad.getToken()).rejects.toMatchObject({ name: 'ApiError', status: 200, endpoint: 'POST /v1/oauth/accessToken' });
  });

  it('requires the tokens, the secret and onRefresh', () => {
    expect(() => createRefreshingToken({ accessToken: '', refreshToken: 'R', channelSecret: 'S', onRefresh: () => undefined })).toThrow(/accessToken/);
    expect(() => createRefreshingToken({ accessToken: 'A', refreshToken: 'R', channelSecret: 'S' } as never)).toThrow(/onRefresh/);
  });
});
