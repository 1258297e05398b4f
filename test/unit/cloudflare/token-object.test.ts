// ChannelTokenObject behind createDurableTokenStore (the TokenStore every isolate shares), run in Node with
// a Map as its storage and a namespace stand-in that calls its fetch; and createKvDedupeStore. The same
// object runs in workerd under Miniflare in test/runtimes/cloudflare-queues.test.ts.
import { describe, expect, it } from 'vitest';
import { ChannelTokenObject, createDurableTokenStore, createKvDedupeStore, type DurableObjectStorageLike } from '../../../src/cloudflare/index.js';
import { createFakeLine } from '../../../src/emulator/index.js';
import { createClient, createRefreshingToken, LineError, text } from '../../../src/index.js';

function mapStorage(): DurableObjectStorageLike & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async <T>(key: string) => structuredClone(data.get(key)) as T | undefined,
    put: async (key, value) => void data.set(key, structuredClone(value)),
    delete: async (key) => data.delete(key),
  };
}

/**
 * A namespace whose stub hands requests to `object` one at a time: what workerd's input gate does for a
 * Durable Object while it awaits its storage (no other event reaches it), which a Map cannot do.
 */
function namespaceOf(object: ChannelTokenObject) {
  const names: string[] = [];
  let gate: Promise<unknown> = Promise.resolve();
  return {
    names,
    idFromName: (name: string) => (names.push(name), `id:${name}`),
    get: (_id: string) => ({
      fetch: (request: Request) => {
        const answer = gate.then(() => object.fetch(request));
        gate = answer.catch(() => {});
        return answer;
      },
    }),
  };
}

const pair = { accessToken: 'A1', refreshToken: 'R1', expiresAt: 1_000 };

describe('ChannelTokenObject through createDurableTokenStore', () => {
  it('is a TokenStore: read, compare-and-set, lease', async () => {
    const storage = mapStorage();
    const namespace = namespaceOf(new ChannelTokenObject({ storage }));
    const store = createDurableTokenStore(namespace);
    expect(await store.read()).toBeUndefined();
    expect(await store.compareAndSet('A0', pair)).toBe(false);
    expect(await store.compareAndSet(undefined, pair)).toBe(true);
    expect(await store.compareAndSet(undefined, { accessToken: 'X', refreshToken: 'Y' })).toBe(false);
    expect(await store.read()).toEqual(pair);
    expect(await store.compareAndSet('A1', { accessToken: 'A2', refreshToken: 'R2' })).toBe(true);
    expect(await store.read()).toEqual({ accessToken: 'A2', refreshToken: 'R2' });

    expect(await store.acquireLease('one', 60_000)).toBe(true);
    expect(await store.acquireLease('two', 60_000)).toBe(false);
    expect(await store.acquireLease('one', 60_000)).toBe(true);
    await store.releaseLease('two');
    expect(await store.acquireLease('two', 60_000)).toBe(false);
    await store.releaseLease('one');
    expect(await store.acquireLease('two', 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // An expired lease is free.
    expect(await store.acquireLease('three', 60_000)).toBe(true);
    expect(namespace.names.every((name) => name === 'line-channel-token')).toBe(true);
    expect([...storage.data.keys()].sort()).toEqual(['lease', 'pair']);
  });

  it('answers 400 to a malformed operation and 404 to an unknown one; the store turns them into LineErrors', async () => {
    const object = new ChannelTokenObject({ storage: mapStorage() });
    const post = (path: string, body: string) => object.fetch(new Request(`https://x${path}`, { method: 'POST', body }));
    expect([(await post('/compare-and-set', '{"expectedAccessToken":null,"next":{"accessToken":""}}')).status, (await post('/nope', '{}')).status, (await post('/read', 'not json')).status]).toEqual([
      400, 404, 400,
    ]);
    expect((await object.fetch(new Request('https://x/read'))).status).toBe(405);
    const store = createDurableTokenStore(namespaceOf(object), { name: 'channel-2' });
    await expect(store.compareAndSet(undefined, { accessToken: '', refreshToken: 'R' })).rejects.toThrow(
      new LineError('ChannelTokenObject answered 400 to /compare-and-set: {"error":"Bad request: next must be { accessToken, refreshToken, expiresAt? } with non-empty strings."}'),
    );
    expect(() => createDurableTokenStore({} as never)).toThrow(LineError);
  });

  it('lets three providers share one token: one reissue when it expires, every send succeeds', async () => {
    let offset = 0;
    const fake = createFakeLine({ users: [{ displayName: 'Sally' }], now: () => Date.now() + offset });
    const store = createDurableTokenStore(namespaceOf(new ChannelTokenObject({ storage: mapStorage() })));
    const clients = [1, 2, 3].map(() =>
      createClient({
        channelToken: createRefreshingToken({ store, accessToken: fake.channelToken, refreshToken: fake.refreshToken, channelSecret: fake.channelSecret, fetch: fake.fetch, pollMs: 5 }),
        fetch: fake.fetch,
        logger: { debug() {}, info() {}, warn() {}, error() {} },
      }),
    );
    const sally = fake.user('Sally').mid;
    await Promise.all(clients.map((client) => client.send(sally, text('before'))));
    // The token expires: LINE answers 401 to every provider; one reissues, the others read its pair.
    offset += 86_400_001;
    const results = await Promise.all(clients.map((client) => client.send(sally, text('after'))));
    expect(results.map((result) => result.ok)).toEqual([true, true, true]);
    const reissues = fake.requests().filter((request) => request.path === '/v1/oauth/accessToken' && request.status === 200);
    expect(reissues).toHaveLength(1);
    expect((await store.read())!.accessToken).toBe(fake.channelToken);
    expect(fake.conversation(sally)!.entries.filter((entry) => entry.from === 'bot')).toHaveLength(6);
  });
});

describe('createKvDedupeStore', () => {
  it('keeps keys under a prefix for 14 days by default', async () => {
    const puts: unknown[] = [];
    const data = new Map<string, string>();
    const kv = { get: async (key: string) => data.get(key) ?? null, put: async (key: string, value: string, options?: unknown) => void (puts.push([key, value, options]), data.set(key, value)) };
    const store = createKvDedupeStore(kv);
    expect(await store.has('b:0')).toBe(false);
    await store.add('b:0');
    expect(await store.has('b:0')).toBe(true);
    expect(puts).toEqual([['line-dedupe:b:0', '1', { expirationTtl: 1_209_600 }]]);
    await createKvDedupeStore(kv, { prefix: 'x/', ttlSeconds: 60 }).add('k');
    expect(puts[1]).toEqual(['x/k', '1', { expirationTtl: 60 }]);
    expect(() => createKvDedupeStore(kv, { ttlSeconds: 59 })).toThrow("createKvDedupeStore: ttlSeconds must be an integer >= 60 (KV's minimum), got 59.");
  });
});
