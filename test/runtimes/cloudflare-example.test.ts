// examples/cloudflare-queues (worker.mjs with its wrangler.toml) in workerd under Miniflare, with the
// bindings its wrangler.toml declares (queues, consumers with their settings, the Durable Object, KV) and
// the fake LINE Worker as its LINE: a signed delivery is answered through the events queue, a broadcast
// reaches every recipient through the broadcast queue, a forged delivery and a wrong admin token are refused.
// 'line-business-connect' resolves to the BUILT package: run `npm run build` first.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/index.js';
import { addedAsFriendEvent, textEvent } from '../../src/testing/index.js';
import { midOf } from './cloudflare-mids.mjs';
import { bundleWorker, startMiniflare, type MiniflareInstance, type WorkerFetcher } from './cloudflare-miniflare.js';
import { requireRuntimes, root } from './processes.js';

type Toml = Record<string, unknown>;

/** The part of TOML wrangler.toml uses: `key = "text" | number | ["text", …]`, `[[a.b]]` tables, comments. */
function parseToml(text: string): Toml {
  const document: Toml = {};
  let table = document;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$|^#.*$/, '').trim();
    if (line === '') continue;
    const header = /^\[\[([\w.]+)\]\]$/.exec(line);
    if (header) {
      const path = header[1]!.split('.');
      let parent = document;
      for (const key of path.slice(0, -1)) parent = (parent[key] ??= {}) as Toml;
      const list = (parent[path.at(-1)!] ??= []) as Toml[];
      list.push((table = {}));
      continue;
    }
    const pair = /^(\w+)\s*=\s*(.+)$/.exec(line);
    if (!pair) throw new Error(`wrangler.toml: cannot read ${JSON.stringify(raw)}`);
    table[pair[1]!] = JSON.parse(pair[2]!);
  }
  return document;
}

const channelSecret = 'example-secret';
const adminToken = 'example-admin-token';
const exampleDir = join(root, 'examples/cloudflare-queues');
const wrangler = parseToml(readFileSync(join(exampleDir, 'wrangler.toml'), 'utf8')) as {
  compatibility_date: string;
  queues: { producers: { binding: string; queue: string }[]; consumers: { queue: string; max_batch_size?: number; max_retries?: number; dead_letter_queue?: string }[] };
  durable_objects: { bindings: { name: string; class_name: string }[] };
  migrations: { new_sqlite_classes: string[] }[];
  kv_namespaces: { binding: string }[];
};
let dir: string;
let mf: MiniflareInstance;
let line: WorkerFetcher;

const counts = async () => ((await (await line.fetch('http://control/stats')).json()) as { counts: Record<string, number> }).counts;
async function waitForCounts(expected: Record<string, number>): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const now = await counts();
    if (Object.entries(expected).every(([mid, count]) => now[mid] === count)) return;
    if (Date.now() > deadline) throw new Error(`LINE got ${JSON.stringify(now)}, expected ${JSON.stringify(expected)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  requireRuntimes();
  dir = mkdtempSync(join(tmpdir(), 'lbc-cloudflare-example-'));
  const [worker, lineScript] = await Promise.all([
    bundleWorker(join(exampleDir, 'worker.mjs'), join(dir, 'worker.mjs')),
    bundleWorker(join(root, 'test/runtimes/cloudflare-line-worker.mjs'), join(dir, 'line.mjs')),
  ]);
  mf = await startMiniflare({
    workers: [
      {
        name: 'example',
        modules: true,
        scriptPath: worker,
        modulesRoot: dir,
        compatibilityDate: wrangler.compatibility_date,
        outboundService: 'line',
        bindings: { LINE_CHANNEL_SECRET: channelSecret, LINE_CHANNEL_TOKEN: 'token-0', LINE_REFRESH_TOKEN: 'refresh-0', ADMIN_TOKEN: adminToken },
        queueProducers: Object.fromEntries(wrangler.queues.producers.map((producer) => [producer.binding, { queueName: producer.queue }])),
        // The example's consumer settings, with batches cut at 50 ms instead of seconds.
        queueConsumers: Object.fromEntries(
          wrangler.queues.consumers.map((consumer) => [
            consumer.queue,
            { maxBatchSize: consumer.max_batch_size, maxRetries: consumer.max_retries, deadLetterQueue: consumer.dead_letter_queue, maxBatchTimeout: 0.05 },
          ]),
        ),
        durableObjects: Object.fromEntries(wrangler.durable_objects.bindings.map((binding) => [binding.name, binding.class_name])),
        kvNamespaces: wrangler.kv_namespaces.map((namespace) => namespace.binding),
      },
      { name: 'line', modules: true, scriptPath: lineScript, modulesRoot: dir, compatibilityDate: '2025-09-01' },
    ],
  });
  line = await mf.getWorker('line');
  await line.fetch('http://control/setup', { method: 'POST', body: JSON.stringify({ users: 5, channelSecret }) });
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('examples/cloudflare-queues', () => {
  it('declares what worker.mjs uses, with maxAttempts = max_retries + 1', () => {
    expect(wrangler.queues.producers.map((producer) => producer.binding).sort()).toEqual(['LINE_BROADCAST', 'LINE_BROADCAST_FAILED', 'LINE_EVENTS']);
    expect(wrangler.durable_objects.bindings).toEqual([{ name: 'LINE_TOKEN', class_name: 'ChannelTokenObject' }]);
    expect(wrangler.migrations[0]!.new_sqlite_classes).toEqual(['ChannelTokenObject']);
    const broadcast = wrangler.queues.consumers.find((consumer) => consumer.queue === 'line-broadcast')!;
    const source = readFileSync(join(exampleDir, 'worker.mjs'), 'utf8');
    expect(Number(/maxAttempts: (\d+)/.exec(source)?.[1])).toBe(broadcast.max_retries! + 1);
    expect(broadcast.dead_letter_queue).toBe('line-broadcast-failed');
  });

  it('answers a signed delivery 200 and replies through the events queue; refuses a forged one', async () => {
    const body = JSON.stringify({ result: [textEvent({ from: midOf(0), text: 'hi' }), addedAsFriendEvent({ mid: midOf(1) })] });
    const headers = { 'content-type': 'application/json; charset=UTF-8', 'x-line-channelsignature': await signBody(body, channelSecret) };
    const response = await mf.dispatchFetch('http://bot.example/callback', { method: 'POST', headers, body });
    expect([response.status, await response.text()]).toEqual([200, '']);
    const forged = await mf.dispatchFetch('http://bot.example/callback', { method: 'POST', headers: { ...headers, 'x-line-channelsignature': 'AAAA' }, body });
    expect(forged.status).toBe(401);
    // The reply to the text and the greeting to the follower, sent by the events consumer.
    await waitForCounts({ [midOf(0)]: 1, [midOf(1)]: 1 });
  }, 30_000);

  it('broadcasts to every recipient through the broadcast queue; refuses a wrong admin token and a bad MID', async () => {
    const to = [0, 1, 2, 3, 4].map(midOf);
    const request = (token: string, payload: unknown) =>
      mf.dispatchFetch('http://bot.example/broadcast', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(payload) });
    expect((await request('example-admin-tokem', { to, text: 'x' })).status).toBe(401);
    const bad = await request(adminToken, { to: [''], text: 'Spring sale' });
    expect([bad.status, await bad.text()]).toEqual([400, '{"error":"Invalid to[0]: a MID must be a non-empty string, got an empty string."}']);
    const accepted = await request(adminToken, { to, text: 'Spring sale' });
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toMatchObject({ recipients: 5, chunks: 1 });
    await waitForCounts({ [midOf(0)]: 2, [midOf(1)]: 2, [midOf(2)]: 1, [midOf(3)]: 1, [midOf(4)]: 1 });
  }, 30_000);
});
