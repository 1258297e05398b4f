// The TokenStore port of createRefreshingToken (issue 11): providers that share a store ("instances", here in
// one process; test/reliability/token-store-processes.test.ts runs 4 processes) reissue once per rotation,
// the others read the winner's pair. LINE is played by a Transport with LINE's token rules (spec §4.3).
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../src/client/create-client.js';
import { createRefreshingToken } from '../../../src/client/create-refreshing-token.js';
import { createMemoryTokenStore, type StoredToken, type TokenStore } from '../../../src/client/token-store.js';
import type { Transport, TransportResponse } from '../../../src/client/transport.js';
import { LineError } from '../../../src/errors.js';
import { text } from '../../../src/messages/text.js';

function answer(status: number, body: string): TransportResponse {
  return { status, headers: { get: () => null }, text: () => Promise.resolve(body), stream: () => new Response(body).body! };
}

/** LINE: one valid token at a time; a reissue with it and its refresh token issues the next pair and kills the old one. */
function fakeLine(options: { expire?: (generation: number) => number; delayMs?: number } = {}) {
  const state = { generation: 1, reissues: [] as string[], rejectedReissues: 0, delivered: 0, unauthorized: 0 };
  const valid = () => ({ access: `ACCESS-${state.generation}`, refresh: `REFRESH-${state.generation}` });
  const transport: Transport = {
    async request(request) {
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 1));
      const token = request.headers['X-Line-ChannelToken'];
      if (request.url.endsWith('/v1/oauth/accessToken')) {
        state.reissues.push(`${token} ${request.body}`);
        const form = new URLSearchParams(request.body);
        if (token !== valid().access || form.get('refreshToken') !== valid().refresh || form.get('channelSecret') !== 'SECRET') {
          state.rejectedReissues++;
          return answer(401, '{"statusCode":"411","statusMessage":"TOKEN_INVALID_TOKEN"}');
        }
        state.generation++;
        const expire = options.expire?.(state.generation) ?? 1_900_000_000_000;
        return answer(200, JSON.stringify({ accessToken: valid().access, refreshToken: valid().refresh, expire }));
      }
      if (token !== valid().access) {
        state.unauthorized++;
        return answer(401, '{"statusCode":"401","statusMessage":"Authentication failed"}');
      }
      state.delivered++;
      return answer(200, '{"failed":[],"messageId":"1","timestamp":1,"version":1}');
    },
  };
  return { transport, state };
}

const pair = (generation: number, expiresAt?: number): StoredToken => ({ accessToken: `ACCESS-${generation}`, refreshToken: `REFRESH-${generation}`, expiresAt });

describe('providers sharing a TokenStore', () => {
  it('three instances due at once: exactly one reissue, all end on the new pair, which is stored', async () => {
    const line = fakeLine({ delayMs: 20 });
    const store = createMemoryTokenStore(pair(1, 0)); // already expired: every instance is due
    const instances = [1, 2, 3].map(() => createRefreshingToken({ store, channelSecret: 'SECRET', transport: line.transport, pollMs: 5 }));
    const tokens = await Promise.all(instances.flatMap((provider) => [provider.getToken(), provider.getToken()]));
    expect(new Set(tokens)).toEqual(new Set(['ACCESS-2']));
    expect(line.state.reissues).toEqual(['ACCESS-1 refreshToken=REFRESH-1&channelSecret=SECRET']);
    expect(await store.read()).toEqual(pair(2, 1_900_000_000_000));
  });

  it('an instance still on the old token: its send gets 401, it reads the stored pair and replays; no second reissue', async () => {
    const line = fakeLine();
    const store = createMemoryTokenStore(pair(1));
    const a = createRefreshingToken({ store, channelSecret: 'SECRET', transport: line.transport });
    const b = createRefreshingToken({ store, channelSecret: 'SECRET', transport: line.transport });
    const clientB = createClient({ channelToken: b, transport: line.transport, retry: false });
    expect(await clientB.send('u1', text('before'))).toMatchObject({ ok: true }); // B holds ACCESS-1
    a.invalidate?.(await a.getToken()); // A rotates (as after a 401 of its own)
    expect(await a.getToken()).toBe('ACCESS-2');
    expect(await clientB.send('u2', text('after'))).toMatchObject({ ok: true, sent: 1 });
    expect(line.state).toMatchObject({ reissues: ['ACCESS-1 refreshToken=REFRESH-1&channelSecret=SECRET'], unauthorized: 1, delivered: 2, rejectedReissues: 0 });
  });

  it('a lease left by an instance that died: the next one takes over when it expires, and reissues once', async () => {
    const line = fakeLine();
    const store = createMemoryTokenStore(pair(1, 0));
    expect(await store.acquireLease('dead-instance', 150)).toBe(true);
    const provider = createRefreshingToken({ store, channelSecret: 'SECRET', transport: line.transport, leaseMs: 150, pollMs: 10 });
    const started = Date.now();
    expect(await provider.getToken()).toBe('ACCESS-2');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(line.state.reissues).toHaveLength(1);
  });

  it('a lease that is never given up and no new pair: the waiting instance gives up after 3 × leaseMs with a LineError', async () => {
    const line = fakeLine();
    const inner = createMemoryTokenStore(pair(1));
    const store: TokenStore = { ...inner, acquireLease: async () => false };
    const provider = createRefreshingToken({ store, channelSecret: 'SECRET', transport: line.transport, leaseMs: 40, pollMs: 10 });
    await provider.getToken();
    provider.invalidate?.('ACCESS-1');
    await expect(provider.getToken()).rejects.toThrow(
      new LineError('createRefreshingToken: another instance held the reissue lease for 120 ms without storing a new token; is it stuck, or is leaseMs too short?'),
    );
    expect(line.state.reissues).toEqual([]);
  });

  it('an empty store is filled once with the pair passed in; an instance without one reads it; none at all is an error', async () => {
    const line = fakeLine();
    const store = createMemoryTokenStore();
    const empty = createRefreshingToken({ store, channelSecret: 'SECRET', transport: line.transport });
    await expect(empty.getToken()).rejects.toThrow(new LineError('createRefreshingToken: the token store is empty; pass accessToken and refreshToken once to fill it.'));
    const first = createRefreshingToken({ store, accessToken: 'ACCESS-1', refreshToken: 'REFRESH-1', expiresAt: 1_800_000_000_000, channelSecret: 'SECRET', transport: line.transport });
    const stale = createRefreshingToken({ store, accessToken: 'OLD', refreshToken: 'OLD-R', channelSecret: 'SECRET', transport: line.transport });
    expect(await first.getToken()).toBe('ACCESS-1');
    expect(await stale.getToken()).toBe('ACCESS-1'); // the stored pair wins over a stale seed
    expect(await empty.getToken()).toBe('ACCESS-1');
    expect(await store.read()).toEqual(pair(1, 1_800_000_000_000));
  });

  it('a failing store: a LineError naming the step, its cause redacted of the tokens', async () => {
    const line = fakeLine();
    const store: TokenStore = {
      ...createMemoryTokenStore(pair(1)),
      read: async () => {
        throw new Error('redis: WRONGTYPE value {"accessToken":"ACCESS-1","refreshToken":"REFRESH-1"}');
      },
    };
    const provider = createRefreshingToken({ store, accessToken: 'ACCESS-1', refreshToken: 'REFRESH-1', channelSecret: 'SECRET', transport: line.transport });
    const error = (await provider.getToken().then(() => undefined, (e: unknown) => e)) as LineError;
    expect(error.message).toBe('createRefreshingToken: TokenStore.read() failed; the token could not be read or rotated (see cause).');
    expect((error.cause as Error).message).toBe('redis: WRONGTYPE value {"accessToken":"[redacted]","refreshToken":"[redacted]"}');
  });

  it('checks its options: a store needs all four methods; onRefresh is optional with a store only; a seed is both or neither', () => {
    const base = { channelSecret: 'SECRET' };
    expect(() => createRefreshingToken({ ...base, store: { read: async () => undefined } as unknown as TokenStore })).toThrow(
      'createRefreshingToken: store must be a TokenStore with read, compareAndSet, acquireLease and releaseLease.',
    );
    expect(() => createRefreshingToken({ ...base, store: createMemoryTokenStore(), accessToken: 'A' })).toThrow(
      'createRefreshingToken: refreshToken must be a non-empty string (with a store: pass both or neither).',
    );
    expect(() => createRefreshingToken({ ...base, accessToken: 'A', refreshToken: 'R' })).toThrow(/onRefresh is required/);
    expect(() => createRefreshingToken({ ...base, store: createMemoryTokenStore(pair(1)) })).not.toThrow();
    expect(() => createRefreshingToken({ ...base, store: createMemoryTokenStore(), leaseMs: 0 })).toThrow('createRefreshingToken: leaseMs must be a positive number, got 0.');
  });
});

describe('createMemoryTokenStore', () => {
  it('compare-and-set and an expiring, holder-checked lease', async () => {
    const store = createMemoryTokenStore();
    expect(await store.read()).toBeUndefined();
    expect(await store.compareAndSet('ACCESS-0', pair(1))).toBe(false);
    expect(await store.compareAndSet(undefined, pair(1))).toBe(true);
    expect(await store.compareAndSet(undefined, pair(9))).toBe(false);
    expect(await store.compareAndSet('ACCESS-1', pair(2, 5))).toBe(true);
    const read = await store.read();
    expect(read).toEqual(pair(2, 5));
    read!.accessToken = 'changed by the caller';
    expect((await store.read())!.accessToken).toBe('ACCESS-2'); // a copy is handed out
    expect(await store.acquireLease('a', 50)).toBe(true);
    expect(await store.acquireLease('b', 50)).toBe(false);
    await store.releaseLease('b'); // not b's lease: nothing happens
    expect(await store.acquireLease('b', 50)).toBe(false);
    await store.releaseLease('a');
    expect(await store.acquireLease('b', 20)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await store.acquireLease('a', 50)).toBe(true); // b's lease expired
  });
});
