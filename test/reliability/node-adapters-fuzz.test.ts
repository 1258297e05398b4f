// Reliability (issue 11): the fuzz of webhook-fuzz.test.ts at the Node adapters, over real sockets:
// createNodeMiddleware on a Node `http` server and createFastifyHandler on Fastify (set up as its doc
// says), each ≥ 10,000 generated requests. Requests go in batches over keep-alive connections; bodies are
// sent whole (Content-Length), chunked, or cut off by destroying the socket mid-body; a share of them are
// raw bytes on a socket, with what Node's client refuses to send (request targets with user info,
// `Host` headers with user info or odd ports, lower-case methods). The same properties: no escaped
// exception, no 5xx, the oracle's answer, callbacks only for a genuine delivery and then with every item,
// prototypes untouched, no secret in any error or log line.
import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFastifyHandler, createNodeMiddleware } from '../../src/node/index.js';
import { createFuzzRecorder, describeCase } from './fuzz-recorder.js';
import { scaled, seed, writeFigures } from './reliability-report.js';
import { createLeakScanner } from './secret-scan.js';
import {
  caseHeader,
  expectedAnswer,
  fuzzCap,
  intactItemArb,
  prototypeSnapshot,
  sign,
  webhookCaseArb,
  webhookSecrets,
  type Expected,
  type WebhookCase,
} from './webhook-cases.js';

const startedAt = Date.now();
const runsPerAdapter = scaled(10_000);
const batchSize = 40;
const scanner = createLeakScanner();
const escaped: unknown[] = [];
const onEscaped = (error: unknown) => escaped.push(error);
const encoder = new TextEncoder();
const figures: Record<string, number | string> = {};
let faults = 0;

/** A request that Node's own client could not send: written as raw bytes on a socket. */
interface RawCase {
  family: 'raw';
  method: string;
  target: string;
  host: string | undefined;
  case: WebhookCase;
}
type NodeCase = WebhookCase | RawCase;
const isRaw = (c: NodeCase): c is RawCase => 'target' in c;
/** The generated case inside a raw one, or the case itself. */
const innerCase = (c: NodeCase): WebhookCase => (isRaw(c) ? c.case : c);

const rawArb: fc.Arbitrary<RawCase> = fc
  .record({
    items: fc.array(intactItemArb, { minLength: 1, maxLength: 4 }),
    secret: fc.constantFrom(...webhookSecrets),
    method: fc.constantFrom('POST', 'POST', 'POST', 'post', 'PoSt', 'GET', 'TRACE'),
    target: fc.constantFrom('/callback', '/callback?x=1', '/callback#frag', 'http://a:b@bot.example.com/callback', 'http://bot.example.com/callback', '//evil.example.com/callback', '*', '/callback/../callback', '/call%62ack'),
    host: fc.constantFrom<string | undefined>('bot.example.com', 'u@h', 'a:b@bot.example.com', 'bot.example.com:99999', '[::1]:80', '%zz', 'evil.example.com/x?y', '', undefined),
  })
  .map(({ items, secret, method, target, host }) => {
    const body = encoder.encode(`{"result":[${items.map((item) => item.json).join(',')}]}`);
    const headers: [string, string][] = [['Content-Type', 'application/json; charset=UTF-8'], ['X-LINE-ChannelSignature', sign(body, secret)]];
    return { family: 'raw', method, target, host, case: { family: 'raw', method, headers, body, sending: { kind: 'whole' }, declareLength: true, items, respondFirst: false } };
  });
const nodeCaseArb: fc.Arbitrary<NodeCase> = fc.oneof({ weight: 19, arbitrary: webhookCaseArb }, { weight: 1, arbitrary: rawArb });

/** What one request got: the client's view and the server's (what the adapter decided, and what went on the wire). */
interface Outcome {
  /** Status the client read, or `error` when its socket failed (a request it cut off). */
  client: number | 'error';
  /** Status written to the Node response, or `none` when nothing was written. */
  wire: number | 'none';
  /** Status our handler decided, when it ran. */
  handler: number | undefined;
}

/** What a request may get from a server under test. */
interface Allowed {
  /** The request reaches the server's listener (Node's parser refuses a missing Host or a lower-case method). */
  reaches: boolean;
  /** Statuses the framework (or Node) may answer itself, without running the handler. */
  framework: (number | 'none')[];
  /** The handler's answer when it runs (absent: it must not run). */
  handler?: Expected;
  /** The handler must run. */
  mustRun: boolean;
}

/** A server under test, with per-case records of what the adapter and the wire did. */
interface Target {
  name: 'createNodeMiddleware' | 'createFastifyHandler';
  port: number;
  recorder: ReturnType<typeof createFuzzRecorder>;
  /** Resolves once the server finished with case `id` (its response closed, or the adapter settled). */
  finished(id: string): Promise<{ wire: number | 'none'; handler: number | undefined }>;
  /** What the server may answer to `c`. */
  allowed(c: NodeCase): Allowed;
  close(): Promise<void>;
}

/** Node's HTTP parser answers 400 itself, before any listener, to a lower-case method or a missing Host. */
const refusedByNode = (c: NodeCase) => isRaw(c) && (!/^[A-Z]+$/.test(c.method) || c.host === undefined);

/** Per-case settlement: the server side reports `wire` and `handler`, the test awaits them. */
function settlements() {
  const records = new Map<string, { wire?: number | 'none'; handler?: number; resolve?: () => void }>();
  const of = (id: string) => {
    let record = records.get(id);
    if (!record) records.set(id, (record = {}));
    return record;
  };
  return {
    wire(id: string, status: number | 'none') {
      const record = of(id);
      record.wire = status;
      record.resolve?.();
    },
    handler(id: string, status: number) {
      of(id).handler = status;
    },
    async finished(id: string) {
      const record = of(id);
      if (record.wire === undefined) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`the server never finished case ${id}`)), 10_000);
          record.resolve = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      records.delete(id);
      return { wire: record.wire!, handler: record.handler };
    },
    forget: (id: string) => records.delete(id),
  };
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const caseId = (req: IncomingMessage) => String(req.headers[caseHeader] ?? '');

/** The answer of the oracle for the request as the Node adapter receives it (Node's client upper-cases methods). */
function nodeExpected(c: NodeCase): Expected {
  const inner = innerCase(c);
  return expectedAnswer(c.method.toUpperCase(), inner.headers, inner.body, inner.sending, inner.declareLength);
}

async function startMiddleware(): Promise<Target> {
  const recorder = createFuzzRecorder(scanner, 'createNodeMiddleware');
  const middleware = createNodeMiddleware(recorder.options);
  const settle = settlements();
  // Node's own HTTP parser answers what it cannot parse (400) before any listener: those never reach us.
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void middleware(req, res).then(() => {
      settle.handler(caseId(req), res.statusCode);
      settle.wire(caseId(req), res.headersSent ? res.statusCode : 'none');
    }, onEscaped);
  });
  server.keepAliveTimeout = 30_000;
  const port = await listen(server);
  return {
    name: 'createNodeMiddleware',
    port,
    recorder,
    finished: settle.finished,
    allowed(c) {
      if (refusedByNode(c)) return { reaches: false, framework: [400], mustRun: false };
      return { reaches: true, framework: [], handler: nodeExpected(c), mustRun: true };
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function startFastify(): Promise<Target> {
  const recorder = createFuzzRecorder(scanner, 'createFastifyHandler');
  const handler = createFastifyHandler(recorder.options);
  const settle = settlements();
  const app: FastifyInstance = Fastify({ bodyLimit: fuzzCap });
  // The setup docs/runtimes.md gives: a buffer parser for JSON in the webhook's scope.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post('/callback', async (request, reply) => {
      const sent = await handler(request, reply);
      settle.handler(caseId(request.raw), reply.statusCode);
      return sent;
    });
  });
  app.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    res.once('close', () => settle.wire(caseId(req), res.headersSent ? res.statusCode : 'none'));
  });
  app.server.keepAliveTimeout = 30_000;
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    name: 'createFastifyHandler',
    port: (app.server.address() as AddressInfo).port,
    recorder,
    finished: settle.finished,
    allowed(c) {
      if (refusedByNode(c)) return { reaches: false, framework: [400], mustRun: false };
      const inner = innerCase(c);
      const framework = (...statuses: (number | 'none')[]): Allowed => ({ reaches: true, framework: statuses, mustRun: false });
      // What Fastify answers before the handler: unknown route or method 404 (its 404 route parses the body
      // with the default parsers first: 400, 413, 415), no parser for the type 415, body limit 413, a body
      // that broke off 400 (or nothing, the socket being gone).
      if (c.method.toUpperCase() !== 'POST') return framework(404, 400, 413, 415, 'none');
      const contentType = inner.headers.find(([name]: [string, string]) => name.toLowerCase() === 'content-type')?.[1];
      const media = contentType?.split(';')[0]!.trim().toLowerCase();
      let bytes = inner.body;
      // Fastify picks a parser whenever there is a body or a Content-Type (even an empty one).
      if (contentType !== undefined || inner.body.length > 0 || !inner.declareLength) {
        if (media !== 'application/json' && media !== 'text/plain') return framework(415);
        if (inner.declareLength && inner.body.length > fuzzCap) return framework(413);
        if (inner.sending.kind === 'abort') return framework(400, 'none');
        if (inner.body.length > fuzzCap) return framework(413);
        // Fastify's text parser hands over a string: the bytes survive only if they were UTF-8.
        if (media === 'text/plain') bytes = encoder.encode(Buffer.from(inner.body).toString('utf8'));
      }
      const handler = expectedAnswer('POST', inner.headers, bytes, { kind: 'whole' }, false);
      // Raw request targets and Host values: Fastify's router may refuse them (400, 404); if it routes them, the handler decides.
      if (isRaw(c) && !(c.target === '/callback' && c.host === 'bot.example.com')) return { reaches: true, framework: [400, 404], handler, mustRun: false };
      return { reaches: true, framework: [], handler, mustRun: true };
    },
    close: () => app.close(),
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** Sends a generated case with Node's client (keep-alive); resolves with the status, or `error` after a cut-off. */
function sendCase(port: number, c: WebhookCase, id: string): Promise<number | 'error'> {
  return new Promise((resolve) => {
    const headers = ['Host', `127.0.0.1:${port}`, ...c.headers.flat(), caseHeader, id];
    if (c.declareLength) headers.push('Content-Length', String(c.body.length));
    const req = httpRequest({ host: '127.0.0.1', port, path: '/callback', method: c.method, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve('error'));
    });
    req.on('error', () => resolve('error'));
    const { sending, body } = c;
    if (sending.kind === 'abort') {
      req.write(body.subarray(0, sending.after), () => setTimeout(() => req.destroy(), 5));
      return;
    }
    if (sending.kind === 'chunks') {
      let offset = 0;
      for (let turn = 0; offset < body.length; turn++) {
        const size = sending.sizes[turn % sending.sizes.length]!;
        req.write(body.subarray(offset, offset + size));
        offset += size;
      }
    } else if (body.length > 0) req.write(body);
    req.end();
  });
}

/** Sends a raw case on its own socket (`Connection: close`); resolves with the status line's code. */
function sendRaw(port: number, raw: RawCase, id: string): Promise<number | 'error'> {
  const head = [`${raw.method} ${raw.target} HTTP/1.1`];
  if (raw.host !== undefined) head.push(`Host: ${raw.host}`);
  for (const [name, value] of raw.case.headers) head.push(`${name}: ${value}`);
  head.push(`${caseHeader}: ${id}`, `Content-Length: ${raw.case.body.length}`, 'Connection: close', '', '');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      resolve(status === undefined ? 'error' : Number(status));
    });
    socket.end(Buffer.concat([Buffer.from(head.join('\r\n'), 'latin1'), raw.case.body]));
  });
}

/** The problem with one request's outcome, or undefined. */
function judge(target: Target, c: NodeCase, id: string, outcome: Outcome): string | undefined {
  const inner = innerCase(c);
  const allowed = target.allowed(c);
  if (typeof outcome.wire === 'number' && outcome.wire >= 500) return `answered ${outcome.wire}`;
  if (typeof outcome.client === 'number' && outcome.client >= 500) return `the client read ${outcome.client}`;
  if (outcome.client !== 'error' && outcome.wire !== 'none' && outcome.client !== outcome.wire) return `the client read ${outcome.client}, the server wrote ${outcome.wire}`;
  if (outcome.handler === undefined) {
    if (allowed.mustRun) return `the handler did not run (wire ${outcome.wire}); expected ${allowed.handler?.status}`;
    if (!allowed.framework.includes(outcome.wire)) return `the framework answered ${outcome.wire}, expected one of ${allowed.framework.join(', ')}`;
    // Nothing of a request the handler never saw may reach user code.
    return target.recorder.check(id, inner, outcome.wire === 'none' ? 0 : outcome.wire, { status: outcome.wire === 'none' ? 0 : outcome.wire });
  }
  if (allowed.handler === undefined) return `the handler ran (${outcome.handler}) where the framework should have answered ${allowed.framework.join(' or ')}`;
  if (outcome.wire !== 'none' && outcome.wire !== outcome.handler) return `the handler decided ${outcome.handler}, the wire got ${outcome.wire}`;
  return target.recorder.check(id, inner, outcome.handler, allowed.handler);
}

async function fuzz(target: Target): Promise<void> {
  const prototypes = prototypeSnapshot();
  let next = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(nodeCaseArb, { minLength: batchSize, maxLength: batchSize }), async (batch) => {
      const ids = batch.map(() => `${target.name}-${next++}`);
      const outcomes = await Promise.all(
        batch.map(async (c, i) => {
          const id = ids[i]!;
          const client = await (isRaw(c) ? sendRaw(target.port, c, id) : sendCase(target.port, c, id));
          // Requests Node's parser refused never reach the server's listener: nothing to wait for.
          const server = target.allowed(c).reaches ? await target.finished(id) : { wire: client === 'error' ? ('none' as const) : client, handler: undefined };
          return { client, ...server } satisfies Outcome;
        }),
      );
      batch.forEach((c, i) => {
        if (c.family !== 'intact') faults++;
        const problem = judge(target, c, ids[i]!, outcomes[i]!);
        if (problem) throw new Error(`${target.name}: ${problem}\n${isRaw(c) ? `${c.method} ${c.target} Host=${c.host} ` : ''}${describeCase(innerCase(c))}`);
      });
      if (prototypeSnapshot() !== prototypes) throw new Error('a built-in prototype changed');
    }),
    { numRuns: Math.ceil(runsPerAdapter / batchSize), seed },
  );
  const { tally } = target.recorder;
  for (const [key, value] of Object.entries({ requests: tally.cases, 'events delivered': tally.eventsDelivered, 'intact items delivered': tally.intactItemsDelivered })) {
    figures[`${target.name}: ${key}`] = value;
  }
  for (const [status, count] of Object.entries(tally.byStatus)) figures[`${target.name}: answered ${status}`] = count;
  expect(tally.cases).toBe(Math.ceil(runsPerAdapter / batchSize) * batchSize);
  expect(tally.serverErrors).toBe(0);
  expect(tally.forgedEventsDelivered).toBe(0);
  expect(target.recorder.unexpected).toEqual([]);
  expect(target.recorder.leftOver()).toEqual([]);
  expect(prototypeSnapshot()).toBe(prototypes);
}

const targets: Target[] = [];
beforeAll(() => {
  process.on('unhandledRejection', onEscaped);
  process.on('uncaughtException', onEscaped);
});
afterAll(async () => {
  process.off('unhandledRejection', onEscaped);
  process.off('uncaughtException', onEscaped);
  agent.destroy();
  await Promise.all(targets.map((target) => target.close()));
});

describe(`${runsPerAdapter} generated requests per Node adapter over real sockets`, () => {
  it('createNodeMiddleware on a Node http server: no escaped exception, no 5xx, no forged event, every item delivered', async () => {
    const target = await startMiddleware();
    targets.push(target);
    await fuzz(target);
  }, 300_000);

  it('createFastifyHandler on Fastify: the same', async () => {
    const target = await startFastify();
    targets.push(target);
    await fuzz(target);
  }, 300_000);

  it('no secret in any error or log line of either adapter; report written', () => {
    const leaks = scanner.scan();
    const total = targets.reduce((sum, target) => sum + target.recorder.tally.cases, 0);
    writeFigures(
      'node-adapters-fuzz',
      {
        title: 'Fuzz: generated requests at createNodeMiddleware (Node http) and createFastifyHandler (Fastify), over keep-alive sockets',
        casesRun: total,
        unit: 'requests',
        faultsInjected: faults,
        leaksFound: leaks.length,
        itemsScanned: scanner.collected,
        details: { ...figures, 'forged events delivered': targets.reduce((sum, t) => sum + t.recorder.tally.forgedEventsDelivered, 0), 'escaped exceptions': escaped.length },
      },
      startedAt,
    );
    expect(targets.map((target) => target.recorder.tally.cases)).toEqual([runsPerAdapter, runsPerAdapter].map((n) => Math.ceil(n / batchSize) * batchSize));
    expect(escaped).toEqual([]);
    expect(leaks).toEqual([]);
  });
});
