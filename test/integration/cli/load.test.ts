// `line-bc load` as a user runs it: the BUILT CLI (dist/cli.js, `npm test` builds first) as a process,
// against the example echo bot in its own process (replies through the REST side `load` serves) and
// against bots in this process that refuse every 3rd batch, answer slowly, redirect, or are not there.
// Each run is small (tens to hundreds of events) so the file takes seconds.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatLoadReport, type LoadReport } from '../../../src/cli/load/load-report.js';
import type { LineEvent } from '../../../src/events/line-event.js';
import { createNodeMiddleware } from '../../../src/node/create-node-middleware.js';
import { cliPath, runCli, runCliJson } from '../../helpers/run-cli.js';
import { close } from '../node/helpers.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const channelSecret = 'load-test-secret';

const servers: Server[] = [];
const children: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
  await Promise.all(servers.splice(0).map(close));
});

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Serves `listener` on 127.0.0.1; resolves to its `/callback` URL. */
async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
}

/**
 * A real bot (the library's Node middleware: it answers 401 to a bad signature) in front of which
 * `answer` may take over a request: refuse it, delay it. Records what it received and what it answered.
 */
function bot(answer: (request: number, req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean> = () => false) {
  const received: LineEvent[][] = [];
  const arrivals: { at: number; events: number }[] = [];
  const answered: { status: number; events: number }[] = [];
  let requests = 0;
  const middleware = createNodeMiddleware({
    channelSecret,
    path: '/callback',
    onEvents: (events) => {
      received.push(events);
      arrivals.push({ at: performance.now(), events: events.length });
    },
  });
  const listener: RequestListener = (req, res) => {
    const request = ++requests;
    void (async () => {
      if (await answer(request, req, res)) return;
      const before = received.length;
      res.on('finish', () => answered.push({ status: res.statusCode, events: received.length > before ? received.at(-1)!.length : 0 }));
      await middleware(req, res);
    })();
  };
  return { listener, received, arrivals, answered, requests: () => requests };
}

/** Answers with `status` after reading the body (counting its events). */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, onEvents: (count: number) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    onEvents((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { result: unknown[] }).result.length);
    res.writeHead(status, { 'content-type': 'application/json' }).end('{"error":"simulated failure"}');
  });
}

/** Runs `node dist/cli.js load …`. */
const load = (args: string[], onStart?: (child: ChildProcess) => void) => runCli(['load', ...args], onStart);

/** Runs the load with `--json`; returns the exit code, the report and stderr. */
const loadJson = (url: string, ...args: string[]) => runCliJson<LoadReport>(['load', url, '--channel-secret', channelSecret, '--json', ...args]);

/** Starts examples/echo-bot/echo-bot.mjs with its REST base URL on `restPort`; resolves to its event endpoint URL. */
async function startEchoBot(restPort: number): Promise<string> {
  const child = spawn(process.execPath, ['examples/echo-bot/echo-bot.mjs'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LINE_CHANNEL_SECRET: channelSecret, LINE_CHANNEL_TOKEN: 'emulator-channel-token', LINE_API_BASE_URL: `http://127.0.0.1:${restPort}`, PORT: '0' },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const url = /event endpoint URL (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`the echo bot exited with ${code}: ${output}`)));
  });
}

const reportKeys = ['batches', 'elapsedSeconds', 'events', 'failures', 'latencyMs', 'ok', 'refusedBatches', 'replies', 'settings', 'statusCounts', 'stopped', 'throughput', 'url'];

describe('line-bc load against the example echo bot', () => {
  it('delivers every event, counts and times every reply, prints one JSON object, exits 0', async () => {
    const restPort = await freePort();
    const url = await startEchoBot(restPort);
    const { code, report, stderr } = await loadJson(url, '--count', '120', '--rate', '2000', '--users', '4', '--batch', '25', '--port', String(restPort));
    expect(code, stderr).toBe(0);
    expect(Object.keys(report).sort()).toEqual(reportKeys);
    expect(report).toMatchObject({
      url,
      ok: true,
      stopped: 'finished',
      settings: { ratePerSecond: 2000, durationSeconds: null, count: 120, users: 4, batch: 25, deliveriesInFlight: 8, timeoutMs: 10_000, mix: { text: 1 } },
      events: { sent: 120, delivered: 120, failed: 0, byKind: { text: 120 } },
      refusedBatches: [],
      failures: [],
    });
    const { batches, throughput, latencyMs, replies } = report;
    expect(batches).toEqual({ sent: batches.ok, ok: batches.ok, refused: 0, timeouts: 0, connectionErrors: 0, aborted: 0 });
    expect(batches.ok).toBeGreaterThanOrEqual(120 / 25);
    expect(report.statusCounts).toEqual({ 200: batches.ok });
    expect(Object.keys(throughput).sort()).toEqual(['acceptedEventsPerSecond', 'batchesPerSecond', 'eventsPerBatch', 'eventsPerSecond', 'heldBackSeconds', 'sentEventsPerSecond', 'targetEventsPerSecond', 'waitingCap']);
    expect(throughput).toMatchObject({ heldBackSeconds: 0, waitingCap: 25 * 8 * 4 < 1000 ? 1000 : 25 * 8 * 4 });
    expect(throughput.targetEventsPerSecond).toBe(2000);
    expect(throughput.eventsPerSecond).toBe(throughput.acceptedEventsPerSecond);
    expect(throughput.eventsPerSecond).toBeCloseTo(120 / report.elapsedSeconds, -1);
    expect(throughput.eventsPerBatch).toBeCloseTo(120 / batches.ok, 1);
    expect(latencyMs).toMatchObject({ count: batches.ok });
    expect(latencyMs!.p50).toBeGreaterThan(0);
    expect(latencyMs!.p50).toBeLessThanOrEqual(latencyMs!.p95);
    expect(latencyMs!.p95).toBeLessThanOrEqual(latencyMs!.p99);
    expect(latencyMs!.p99).toBeLessThanOrEqual(latencyMs!.max);
    // The echo bot replies to each text before answering its delivery: every reply arrived and matched.
    expect(replies).toMatchObject({ restBaseUrl: `http://127.0.0.1:${restPort}`, received: 120, matched: 120, unmatched: 0, eventsWithoutReply: 0, latencyMs: { count: 120 } });
    expect(replies.latencyMs!.max).toBeLessThanOrEqual(report.elapsedSeconds * 1000);
    // The banner on stderr says where to point the bot.
    expect(stderr).toContain(`REST base URL:  http://127.0.0.1:${restPort}`);
    expect(stderr).toContain('channel token:  emulator-channel-token');
  }, 30_000);

  it('sends every message kind of --mix in turn; the bot downloads the media and answers each', async () => {
    const restPort = await freePort();
    const url = await startEchoBot(restPort);
    const mix = 'text,image,video,audio,location,sticker,contact';
    const { code, report, stderr } = await loadJson(url, '--count', '21', '--rate', '500', '--users', '3', '--mix', mix, '--port', String(restPort), '--quiet');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(report.events).toEqual({ sent: 21, delivered: 21, failed: 0, byKind: { text: 3, image: 3, video: 3, audio: 3, location: 3, sticker: 3, contact: 3 } });
    expect(report.settings.mix).toEqual({ text: 1, image: 1, video: 1, audio: 1, location: 1, sticker: 1, contact: 1 });
    expect(report.replies).toMatchObject({ received: 21, matched: 21, eventsWithoutReply: 0 });
  }, 30_000);
});

describe('docs/operations.md', () => {
  it('shows a sample report that is what the CLI prints for its sample JSON', async () => {
    const markdown = await readFile(fileURLToPath(new URL('../../../docs/operations.md', import.meta.url)), 'utf8');
    const section = markdown.slice(markdown.indexOf('## `line-bc load`'));
    const text = /\n```\n(line-bc load [^\n]+\n[\s\S]*?)```/.exec(section)?.[1];
    const json = /\n```json\n([\s\S]*?)```/.exec(section)?.[1];
    if (text === undefined || json === undefined) throw new Error('docs/operations.md: no sample report, or no sample JSON, in the line-bc load section');
    const report = JSON.parse(json) as LoadReport;
    expect(Object.keys(report).sort()).toEqual(reportKeys);
    expect(`${formatLoadReport(report)}\n`).toBe(text);
  });
});

describe('line-bc load against a bot that fails', () => {
  it('counts exactly the batches the bot refused (every 3rd answers 500) and exits 1', async () => {
    let refusedEvents = 0;
    const target = bot((request, req, res) => {
      if (request % 3 !== 0) return false;
      refuse(req, res, 500, (count) => (refusedEvents += count));
      return true;
    });
    const url = await serve(target.listener);
    const { code, report } = await loadJson(url, '--count', '300', '--rate', '3000', '--batch', '10', '--users', '7', '--reply-wait-ms', '0');
    expect(code).toBe(1);
    const requests = target.requests();
    const refused = Math.floor(requests / 3);
    expect(report.ok).toBe(false);
    expect(report.batches).toEqual({ sent: requests, ok: requests - refused, refused, timeouts: 0, connectionErrors: 0, aborted: 0 });
    expect(report.statusCounts).toEqual({ 200: requests - refused, 500: refused });
    // The accepted batches passed the bot's signature check, and every event reached it once.
    expect(target.answered.every((answer) => answer.status === 200)).toBe(true);
    const accepted = target.received.flat();
    expect(report.events).toEqual({ sent: 300, delivered: accepted.length, failed: refusedEvents, byKind: { text: 300 } });
    expect(accepted.length + refusedEvents).toBe(300);
    expect(new Set(accepted.map((event) => event.id)).size).toBe(accepted.length);
    expect(report.refusedBatches).toHaveLength(Math.min(10, refused));
    expect(report.refusedBatches[0]).toMatchObject({ id: 'd3', status: 500, responseBody: '{"error":"simulated failure"}' });
    expect(report.failures).toEqual([{ kind: 'refused', error: 'The bot answered HTTP 500.', count: refused }]);
    // The bot sends no replies; the refused batches reached it too, so every event still waits for one.
    expect(report.replies).toMatchObject({ received: 0, matched: 0, eventsWithoutReply: 300, latencyMs: null });
  }, 30_000);

  it('prints the refused batches and the verdict as text: one event per batch, exactly 10 of 30 refused', async () => {
    const url = await serve(
      bot((request, req, res) => {
        if (request % 3 !== 0) return false;
        refuse(req, res, 503, () => {});
        return true;
      }).listener,
    );
    const run = await load([url, '--channel-secret', channelSecret, '--count', '30', '--batch', '1', '--rate', '1000', '--users', '2', '--reply-wait-ms', '0']);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`line-bc load ${url}`);
    expect(lines[1]).toMatch(/^30 events from 2 users in 30 batches over \d+\.\d+ s \(asked: 1000 events\/s, 30 events\)$/);
    expect(lines).toContain('statuses    200 × 20, 503 × 10');
    expect(lines).toContain('failures    10 refused (non-2xx), 0 timeouts, 0 connection errors');
    expect(lines.filter((line) => / d\d+: HTTP 503, 1 event, [\d.]+ ms: \{"error":"simulated failure"\}$/.test(line))).toHaveLength(10);
    expect(lines).toContain('errors      10 × The bot answered HTTP 503.');
    expect(lines.at(-1)).toBe('FAIL: the bot failed 10 of 30 batches (10 of 30 events).');
    expect(run.stderr).toContain(`line-bc load → ${url}`);
  }, 30_000);

  it('counts a delivery the bot does not answer within --timeout-ms as a timeout', async () => {
    const slow = bot(async (request) => {
      if (request === 2) await new Promise((resolve) => setTimeout(resolve, 3_000));
      return false;
    });
    const url = await serve(slow.listener);
    // A time limit far above a loaded machine's answer time, far below the slow answer.
    const { code, report } = await loadJson(url, '--count', '6', '--batch', '1', '--rate', '100', '--timeout-ms', '1500', '--reply-wait-ms', '0');
    expect(code).toBe(1);
    expect(report.batches).toEqual({ sent: 6, ok: 5, refused: 0, timeouts: 1, connectionErrors: 0, aborted: 0 });
    expect(report.events).toMatchObject({ sent: 6, delivered: 5, failed: 1 });
    expect(report.statusCounts).toEqual({ 200: 5 });
    expect(report.failures).toEqual([{ kind: 'timeout', error: 'The bot did not answer: timed out after 1500 ms.', count: 1 }]);
    expect(report.latencyMs!.max).toBeGreaterThanOrEqual(1500);
  }, 30_000);

  it('reports connection errors when nothing listens, and stops early once 20 deliveries in a row failed to connect', async () => {
    const url = `http://127.0.0.1:${await freePort()}/callback`;
    const few = await loadJson(url, '--count', '5', '--batch', '1', '--rate', '100', '--reply-wait-ms', '0');
    expect(few.code).toBe(1);
    expect(few.report).toMatchObject({ ok: false, stopped: 'finished', events: { sent: 5, delivered: 0, failed: 5 }, statusCounts: {}, latencyMs: { count: 5 } });
    expect(few.report.batches).toEqual({ sent: 5, ok: 0, refused: 0, timeouts: 0, connectionErrors: 5, aborted: 0 });
    // Events that never reached the bot owe no reply.
    expect(few.report.replies).toMatchObject({ received: 0, eventsWithoutReply: 0 });
    expect(few.report.failures).toHaveLength(1);
    expect(few.report.failures[0]).toMatchObject({ kind: 'connection', count: 5 });
    expect(few.report.failures[0]!.error).toMatch(/^Could not reach the bot: fetch failed.*ECONNREFUSED/);

    const many = await load([url, '--channel-secret', channelSecret, '--count', '5000', '--batch', '1', '--rate', '500', '--reply-wait-ms', '0']);
    expect(many.code).toBe(1);
    expect(many.stdout).toContain('Stopped early: the first deliveries all failed to connect. Is the bot running at that URL?');
    const sent = Number(/^(\d+) events from/m.exec(many.stdout)?.[1]);
    expect(sent).toBeGreaterThanOrEqual(20);
    expect(sent).toBeLessThan(500);
  }, 30_000);

  it('contacts only the URL given: a redirect is a refused batch, never followed', async () => {
    let elsewhere = 0;
    const other = await serve((_req, res) => {
      elsewhere++;
      res.end('{}');
    });
    const url = await serve((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(307, { location: other }).end());
    });
    const { code, report } = await loadJson(url, '--count', '3', '--batch', '1', '--rate', '100', '--reply-wait-ms', '0');
    expect(code).toBe(1);
    expect(report.batches).toMatchObject({ sent: 3, refused: 3 });
    expect(report.statusCounts).toEqual({ 307: 3 });
    expect(elsewhere).toBe(0);
  }, 30_000);
});

describe('line-bc load against a bot slower than the target', () => {
  it('holds the users back once 1000 events wait for delivery, and reports for how long and at what rate they sent', async () => {
    const slow = bot(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return false;
    });
    const url = await serve(slow.listener);
    const run = await load([url, '--channel-secret', channelSecret, '--duration', '0.8', '--rate', '8000', '--deliveries-in-flight', '1', '--reply-wait-ms', '0', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as LoadReport;
    // At most 1000 waiting plus what the bot took in 0.8 s (at most 16 batches of up to 100): far below 6400.
    expect(report.events.sent).toBeLessThan(2_700);
    expect(report.events.delivered).toBe(report.events.sent);
    expect(report.throughput.waitingCap).toBe(1000);
    // Held back at all (how long depends on how fast a loaded machine fills the 1000).
    expect(report.throughput.heldBackSeconds).toBeGreaterThan(0);
    expect(report.throughput.sentEventsPerSecond).toBeLessThan(4_000);
    expect(report.ok).toBe(true);
  }, 30_000);
});

describe('line-bc load: duration, progress, Ctrl-C', () => {
  it('runs for --duration at the --rate, printing a plain progress line each second on a pipe', async () => {
    const target = bot();
    const url = await serve(target.listener);
    const run = await load([url, '--channel-secret', channelSecret, '--duration', '1.5', '--rate', '200', '--json', '--reply-wait-ms', '0']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as LoadReport;
    expect(report.settings).toMatchObject({ durationSeconds: 1.5, count: null, ratePerSecond: 200 });
    // Paced, not bursted: about 1.5 s × 200 events/s (a loaded machine falls behind, never ahead: a wide margin below).
    expect(report.events.sent).toBeGreaterThan(90);
    expect(report.events.sent).toBeLessThanOrEqual(301);
    expect(report.events.delivered).toBe(report.events.sent);
    expect(target.received.flat()).toHaveLength(report.events.sent);
    expect(report.elapsedSeconds).toBeGreaterThanOrEqual(1.4);
    // No burst: at most about twice the rate's share in any half second (a burst would bring everything at once).
    const times = target.arrivals.flatMap(({ at, events }) => Array<number>(events).fill(at));
    const busiest = Math.max(...times.map((start) => times.filter((time) => time >= start && time < start + 500).length));
    expect(busiest).toBeLessThanOrEqual(200);
    expect(run.stderr).toMatch(/^load 1\.\d s: \d+ events sent, \d+ accepted, \d+ batch(es)? \(0 failed\), \d+ events\/s$/m);
  }, 30_000);

  it('stops sending on Ctrl-C (SIGINT) and still reports what was done', async () => {
    const target = bot();
    const url = await serve(target.listener);
    const run = await load([url, '--channel-secret', channelSecret, '--duration', '60', '--rate', '100', '--json', '--reply-wait-ms', '0'], (child) => {
      // The banner is printed right before sending starts (and Ctrl-C is handled).
      child.stderr!.on('data', (chunk: string) => {
        if (chunk.includes('channel token:')) setTimeout(() => child.kill('SIGINT'), 300);
      });
    });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as LoadReport;
    expect(report.stopped).toBe('interrupted');
    expect(report.events.sent).toBeGreaterThan(0);
    expect(report.events.delivered).toBe(report.events.sent);
    expect(report.elapsedSeconds).toBeLessThan(30);
  }, 30_000);
});

describe('line-bc load: bad usage exits 2 naming the fix', () => {
  // Each message is checked in test/unit/cli/load-command.test.ts; here, that the process exits 2 with it.
  const cases: [string[], string][] = [
    [[], 'line-bc: give the event endpoint URL, e.g. line-bc load http://127.0.0.1:3000/callback --channel-secret "$LINE_CHANNEL_SECRET"'],
    [['http://127.0.0.1:1/callback'], "line-bc: give the bot's channel secret with --channel-secret: the deliveries are signed with it."],
    [['http://127.0.0.1:1/callback', '--channel-secret', 's', '--duration', '5', '--count', '10'], 'line-bc: give --duration or --count, not both: a run lasts a time or sends a number of events.'],
    [['http://127.0.0.1:1/callback', '--channel-secret', 's', '--batch', '101'], 'line-bc: --batch must be an integer from 1 to 100, got "101".'],
    [['http://127.0.0.1:1/callback', '--channel-secret', 's', '--rps', '5'], "line-bc: Unknown option '--rps'."],
  ];

  it('for a missing URL or secret, --duration with --count, a value out of bounds, an unknown flag', async () => {
    const runs = await Promise.all(cases.map(([args]) => load(args)));
    for (const [i, run] of runs.entries()) {
      const [args, message] = cases[i]!;
      expect({ args, code: run.code, stdout: run.stdout, first: run.stderr.split('\n')[0]!.slice(0, message.length) }).toEqual({ args, code: 2, stdout: '', first: message });
      expect(run.stderr).toContain('Usage: line-bc load <event-endpoint-url> --channel-secret <s> [options]');
    }
  }, 30_000);

  it('exits 1 naming the fix when the --port for the REST side is taken, before sending anything', async () => {
    let requests = 0;
    const url = await serve((_req, res) => {
      requests++;
      res.end();
    });
    const taken = Number(new URL(url).port);
    const run = await load([url, '--channel-secret', channelSecret, '--count', '1', '--port', String(taken)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^line-bc: cannot listen: listen EADDRINUSE: address already in use 127\.0\.0\.1:\d+\. Pick another --port or --host\.\n$/);
    expect(requests).toBe(0);
  });
});
