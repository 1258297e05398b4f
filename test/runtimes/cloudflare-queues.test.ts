// line-business-connect/cloudflare inside workerd: Miniflare's local Queues, Durable Object and KV, the
// BUILT package bundled as wrangler does (cloudflare-bot-worker.mjs), and the fake LINE as a Worker
// (cloudflare-line-worker.mjs) as the bot's only LINE. Three scenarios, run in this order on one
// Miniflare (the last one rotates the token the Durable Object holds):
// 1. 100,000 recipients enqueued (the queue refuses one sendBatch half-way: enqueued again with the same
//    id) and consumed while LINE answers 503, 429, 500 and 422 at random and 3% of the acks are lost:
//    every recipient delivered exactly once or reported failed, never both, and no chunk accepted twice;
// 2. an ingest burst of 20 deliveries of 100 events, the queue refusing 10% of the enqueues (answered
//    5xx, so delivered again, as LINE does), 4 deliveries repeated, the callbacks throwing at random (20%):
//    every event handled exactly once;
// 3. a broadcast to 30,000 across 3 token providers sharing the ChannelTokenObject while the token
//    expires twice: 0 failed sends and exactly 1 reissue per rotation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/index.js';
import { addedAsFriendEvent, textEvent } from '../../src/testing/index.js';
import { midOf } from './cloudflare-mids.mjs';
import { bundleWorker, startMiniflare, type MiniflareInstance, type WorkerFetcher } from './cloudflare-miniflare.js';
import { requireRuntimes, root } from './processes.js';

const channelSecret = 'cloudflare-test-secret';
let dir: string;
let mf: MiniflareInstance;
let line: WorkerFetcher;

interface LineStats {
  counts: Record<string, number>;
  sends: { accepted: number; refused: Record<string, number> };
  reissues: number;
  channelToken: string;
}
interface Failure {
  kind: string;
  chunkId: string;
  recipients: string[];
  error: { name: string; message: string; status?: number; statusCode?: string };
  maybeDelivered: boolean;
  attempts: number;
}
interface BotStats {
  handled: Record<string, number>;
  callbackThrows: number;
  enqueueRefusals: number;
  failures: Failure[];
  lostAcks: number;
}

async function json<T>(response: Promise<Response>): Promise<T> {
  const answer = await response;
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${answer.status}: ${text}`);
  return JSON.parse(text) as T;
}
const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const bot = <T>(path: string, body?: unknown) => json<T>(mf.dispatchFetch(`http://bot.test${path}`, body === undefined ? {} : post(body)));
const control = <T>(path: string, body?: unknown) => json<T>(line.fetch(`http://control${path}`, body === undefined ? {} : post(body)));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done` holds, then until two reads 300 ms apart are equal (nothing late arrives). */
async function settle<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, summary: (value: T) => unknown): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`not done after ${timeoutMs} ms: ${JSON.stringify(summary(value))}`);
    await sleep(100);
    value = await read();
  }
  for (;;) {
    await sleep(300);
    const again = await read();
    if (JSON.stringify(again) === JSON.stringify(value)) return again;
    if (Date.now() > deadline) throw new Error('still changing');
    value = again;
  }
}

/** A line's and a bot's stats without the per-recipient counts. */
const summarise = (line?: LineStats, bot?: BotStats) => ({
  line: line && { delivered: delivered(line), sends: line.sends, reissues: line.reissues },
  bot: bot && { handled: Object.keys(bot.handled).length, throws: bot.callbackThrows, refusals: bot.enqueueRefusals, reported: reported(bot), lostAcks: bot.lostAcks, failures: bot.failures.slice(0, 3).map(({ recipients, ...failure }) => ({ ...failure, recipients: recipients.length })) },
});
const delivered = (stats: LineStats) => Object.values(stats.counts).reduce((sum, count) => sum + count, 0);
const reported = (stats: BotStats) => stats.failures.reduce((sum, failure) => sum + failure.recipients.length, 0);

beforeAll(async () => {
  requireRuntimes();
  dir = mkdtempSync(join(tmpdir(), 'lbc-cloudflare-'));
  const [botScript, lineScript] = await Promise.all([
    bundleWorker(join(root, 'test/runtimes/cloudflare-bot-worker.mjs'), join(dir, 'bot.mjs')),
    bundleWorker(join(root, 'test/runtimes/cloudflare-line-worker.mjs'), join(dir, 'line.mjs')),
  ]);
  const consumer = { maxBatchTimeout: 0.05, maxRetries: 10, retryDelay: 0 };
  mf = await startMiniflare({
    workers: [
      {
        name: 'bot',
        modules: true,
        scriptPath: botScript,
        modulesRoot: dir,
        compatibilityDate: '2025-09-01',
        // Every fetch of the bot (its LINE client's) goes to the fake LINE.
        outboundService: 'line',
        bindings: { LINE_CHANNEL_SECRET: channelSecret, LINE_CHANNEL_TOKEN: 'token-0', LINE_REFRESH_TOKEN: 'refresh-0' },
        queueProducers: { EVENTS: { queueName: 'line-events' }, BROADCAST: { queueName: 'line-broadcast' }, FAILED: { queueName: 'line-broadcast-failed' } },
        queueConsumers: {
          'line-events': { ...consumer, maxBatchSize: 100 },
          'line-broadcast': { ...consumer, maxBatchSize: 30 },
          'line-broadcast-failed': { ...consumer, maxBatchSize: 100 },
        },
        durableObjects: { LINE_TOKEN: 'ChannelTokenObject' },
        kvNamespaces: ['DEDUPE'],
      },
      { name: 'line', modules: true, scriptPath: lineScript, modulesRoot: dir, compatibilityDate: '2025-09-01' },
    ],
  });
  line = await mf.getWorker('line');
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('line-business-connect/cloudflare on Miniflare (workerd, local Queues, Durable Object, KV)', () => {
  it('broadcasts to 100,000 with injected failures and lost acks: each recipient delivered exactly once or reported failed', async () => {
    await control('/setup', {
      users: 100_000,
      channelSecret,
      seed: 11,
      failures: [
        { status: 503, retryAfterSeconds: 0, probability: 0.06 },
        { status: 429, probability: 0.03 },
        { status: 500, probability: 0.01 },
        { status: 422, statusCode: '422', statusMessage: 'invalid users', probability: 0.005 },
      ],
    });
    await bot('/__test/settings', { lostAcks: 0.03, seed: 5 });
    const started = Date.now();
    const enqueued = await bot<{ id: string; recipients: number; chunks: number; firstAttemptSent: number }>('/__test/broadcast', {
      count: 100_000,
      id: 'campaign-1',
      failEnqueueAfter: 3,
    });
    // 150 MIDs of 33 characters fit a request of a short text: ⌈100000 / 150⌉ chunks.
    expect(enqueued).toMatchObject({ id: 'campaign-1', recipients: 100_000, chunks: 667 });
    // Three sendBatch calls went through before the refused one; they were enqueued again (same ids).
    expect(enqueued.firstAttemptSent).toBeGreaterThan(60);
    expect(enqueued.firstAttemptSent % 1).toBe(0);

    const total = () => Promise.all([control<LineStats>('/stats'), bot<BotStats>('/__test/stats')]);
    const [lineStats, botStats] = await settle(total, ([l, b]) => delivered(l) + reported(b) >= 100_000, 90_000, ([l, b]) => summarise(l, b));
    const elapsed = Date.now() - started;

    // Exactly once: no recipient got the message twice, and none is both delivered and reported.
    const counts = Object.entries(lineStats.counts);
    expect(counts.filter(([, count]) => count !== 1)).toEqual([]);
    const failed = botStats.failures.flatMap((failure) => failure.recipients);
    expect(new Set(failed).size).toBe(failed.length);
    expect(failed.filter((mid) => lineStats.counts[mid] !== undefined)).toEqual([]);
    // Every recipient accounted for.
    expect(counts.length + failed.length).toBe(100_000);
    const all = new Set([...counts.map(([mid]) => mid), ...failed]);
    expect(all.size).toBe(100_000);
    expect([midOf(0), midOf(99_999)].every((mid) => all.has(mid))).toBe(true);

    // Failures were injected and retried; reports say why, whole chunks at a time.
    expect(lineStats.sends.refused['503']).toBeGreaterThan(10);
    expect(lineStats.sends.refused['429']).toBeGreaterThan(5);
    expect(botStats.lostAcks).toBeGreaterThan(5);
    for (const failure of botStats.failures) {
      expect(failure.kind).toBe('line-business-connect/broadcast-failure');
      expect(failure.chunkId).toMatch(/^campaign-1:\d+$/);
      expect(failure.recipients.length).toBeLessThanOrEqual(150);
      if (failure.error.status === 500) expect(failure.maybeDelivered).toBe(true);
      else if (failure.error.status === 422) expect([failure.maybeDelivered, failure.error.statusCode]).toEqual([false, '422']);
      else expect([failure.error.status, failure.attempts, failure.maybeDelivered]).toEqual([expect.toBeOneOf([429, 503]), 4, false]);
    }
    expect(botStats.failures.some((failure) => failure.error.status === 500)).toBe(true);
    // No chunk was accepted twice: LINE accepted one request per delivered chunk.
    const deliveredChunks = 667 - new Set(botStats.failures.map((failure) => failure.chunkId)).size;
    expect(lineStats.sends.accepted).toBe(deliveredChunks);
    console.log(
      `100,000 recipients: ${counts.length} delivered once, ${failed.length} reported failed in ${botStats.failures.length} report(s); ` +
        `LINE accepted ${lineStats.sends.accepted} requests, refused ${JSON.stringify(lineStats.sends.refused)}; ${botStats.lostAcks} acks lost; ${elapsed} ms`,
    );
  }, 120_000);

  it('ingests a burst of 2,000 events with refused enqueues, repeated deliveries and throwing callbacks: each handled exactly once', async () => {
    await bot('/__test/settings', { enqueueFailure: 0.1, throwProbability: 0.2, lostAcks: 0, seed: 3 });
    const bodies = Array.from({ length: 20 }, (_, batch) =>
      JSON.stringify({
        result: Array.from({ length: 100 }, (_, index) => {
          const n = batch * 100 + index;
          return n % 10 === 9
            ? addedAsFriendEvent({ mid: midOf(n), revision: 50_000 + n, id: `op-${n}` })
            : textEvent({ from: midOf(n), text: `hello ${n}`, id: `ev-${n}`, messageId: String(7_000_000 + n) });
        }),
      }),
    );
    let answers5xx = 0;
    const deliver = async (body: string) => {
      const headers = { 'content-type': 'application/json; charset=UTF-8', 'x-line-channelsignature': await signBody(body, channelSecret) };
      // LINE delivers again until it gets a 2xx.
      for (let attempt = 1; ; attempt++) {
        const response = await mf.dispatchFetch('http://bot.test/callback', { method: 'POST', headers, body });
        const text = await response.text();
        if (response.status === 200) return expect(text).toBe('');
        expect([response.status, text]).toEqual([500, '{"error":"processing_failed","message":"Processing of at least one event failed."}']);
        answers5xx++;
        if (attempt === 20) throw new Error('never accepted');
      }
    };
    const forged = await mf.dispatchFetch('http://bot.test/callback', { method: 'POST', headers: { 'x-line-channelsignature': 'AAAA' }, body: bodies[0] });
    expect(forged.status).toBe(401);
    await Promise.all(bodies.map(deliver));
    // LINE repeats some deliveries that were accepted (at least once).
    await Promise.all([0, 7, 13, 19].map((index) => deliver(bodies[index]!)));

    const stats = await settle(() => bot<BotStats>('/__test/stats'), (value) => Object.keys(value.handled).length >= 2_000, 60_000, (value) => summarise(undefined, value));
    const handled = Object.entries(stats.handled);
    expect(handled.length).toBe(2_000);
    expect(handled.filter(([, count]) => count !== 1)).toEqual([]);
    expect(stats.handled[String(7_000_000)]).toBe(1);
    expect(stats.handled[`${midOf(1_999)}:${50_000 + 1_999}`]).toBe(1);
    expect(answers5xx).toBeGreaterThan(0);
    expect(stats.enqueueRefusals).toBe(answers5xx);
    expect(stats.callbackThrows).toBeGreaterThan(50);
  }, 90_000);

  it('rotates the token twice during a broadcast across 3 providers sharing the Durable Object: 0 failed sends, 1 reissue per rotation', async () => {
    await control('/setup', { users: 30_000, channelSecret, seed: 2, expireAfterSends: [40, 120] });
    await bot('/__test/settings', { enqueueFailure: 0, throwProbability: 0, lostAcks: 0, seed: 9 });
    const failuresBefore = (await bot<BotStats>('/__test/stats')).failures.length;
    const enqueued = await bot<{ chunks: number }>('/__test/broadcast', { count: 30_000, id: 'campaign-rotate' });
    expect(enqueued.chunks).toBe(200);
    const both = () => Promise.all([control<LineStats>('/stats'), bot<BotStats>('/__test/stats')]);
    const [lineStats] = await settle(both, ([l, b]) => delivered(l) + reported(b) >= 30_000, 60_000, ([l, b]) => summarise(l, b));
    const botStats = await bot<BotStats>('/__test/stats');
    expect(botStats.failures.slice(failuresBefore)).toEqual([]);
    expect(Object.values(lineStats.counts).filter((count) => count !== 1)).toEqual([]);
    expect(Object.keys(lineStats.counts).length).toBe(30_000);
    // Each expiry made LINE answer 401 to the requests in flight; one provider reissued, the others read its pair.
    expect(lineStats.sends.refused['401']).toBeGreaterThan(0);
    expect(lineStats.reissues).toBe(2);
    expect(lineStats.sends.accepted).toBe(200);
    expect(lineStats.channelToken).not.toBe('token-0');
  }, 90_000);
});
