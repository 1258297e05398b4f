// Reliability (issue 11): ≥ 10,000 generated requests at createWebhookHandler, the fetch-style handler of
// Workers, Deno, Bun and every Web framework. Random bytes, genuine batches with odd items, bytes changed
// after signing, wrong and missing signatures, header variants, methods, oversize and broken-off bodies,
// deep nesting, `__proto__` keys, invalid UTF-8 (webhook-cases.ts). For every request: the handler
// resolves (never throws), never answers 5xx, answers exactly what the oracle says, runs user callbacks
// only for a genuine delivery and then with every item decoded (intact items as built), and leaves the
// built-in prototypes alone. Every error and log line it produced is scanned for the secrets.
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { createWebhookHandler } from '../../src/index.js';
import { createFuzzRecorder, describeCase } from './fuzz-recorder.js';
import { scaled, seed, writeFigures } from './reliability-report.js';
import { createLeakScanner } from './secret-scan.js';
import { caseHeader, expectedAnswer, prototypeSnapshot, webhookCaseArb, webMethod, type WebhookCase } from './webhook-cases.js';

const startedAt = Date.now();
const runs = scaled(10_000);
const scanner = createLeakScanner();
const recorder = createFuzzRecorder(scanner, 'createWebhookHandler');
const auto = createWebhookHandler(recorder.options);
const first = createWebhookHandler({ ...recorder.options, respond: 'first' });
const escaped: unknown[] = [];
const onEscaped = (error: unknown) => escaped.push(error);
process.on('unhandledRejection', onEscaped);
process.on('uncaughtException', onEscaped);
let bodyBytesPulled = 0;

afterAll(() => {
  process.off('unhandledRejection', onEscaped);
  process.off('uncaughtException', onEscaped);
});

/** The body as a stream: in the given chunk sizes, or failing after `after` bytes as a runtime reports a client that hung up. */
function bodyStream(c: WebhookCase): ReadableStream<Uint8Array> {
  let offset = 0;
  let turn = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const end = c.sending.kind === 'abort' ? c.sending.after : c.body.length;
      if (offset >= end) {
        if (c.sending.kind === 'abort') controller.error(new TypeError('terminated'));
        else controller.close();
        return;
      }
      const size = c.sending.kind === 'chunks' ? c.sending.sizes[turn++ % c.sending.sizes.length]! : end - offset;
      const chunk = c.body.slice(offset, Math.min(end, offset + size));
      offset += chunk.length;
      bodyBytesPulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

function toRequest(c: WebhookCase, id: string): Request {
  const headers = new Headers();
  for (const [name, value] of c.headers) headers.append(name, value);
  headers.set(caseHeader, id);
  if (c.declareLength) headers.set('content-length', String(c.body.length));
  const method = webMethod(c.method);
  const init: RequestInit & { duplex?: 'half' } = { method: c.method, headers };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = c.sending.kind === 'whole' ? (c.body as Uint8Array<ArrayBuffer>) : bodyStream(c);
    init.duplex = 'half';
  }
  return new Request('https://bot.example.com/callback', init);
}

it(`${runs} generated requests at createWebhookHandler: no escaped exception, no 5xx, no forged event, every item of a genuine batch delivered, prototypes untouched`, async () => {
  const prototypes = prototypeSnapshot();
  let next = 0;
  await fc.assert(
    fc.asyncProperty(webhookCaseArb, async (c) => {
      const id = String(next++);
      const waiting: Promise<unknown>[] = [];
      const response = c.respondFirst ? await first(toRequest(c, id), { waitUntil: (work) => waiting.push(work) }) : await auto(toRequest(c, id));
      await Promise.all(waiting);
      const problem = recorder.check(id, c, response.status, expectedAnswer(webMethod(c.method), c.headers, c.body, c.sending, c.declareLength));
      const body = await response.text();
      if (response.status === 200 && body !== '') throw new Error(`200 with body ${body}`);
      if (problem) throw new Error(`${problem}\n${describeCase(c)}`);
      if (prototypeSnapshot() !== prototypes || ({} as { polluted?: unknown }).polluted !== undefined) throw new Error(`a built-in prototype changed\n${describeCase(c)}`);
    }),
    { numRuns: runs, seed },
  );

  const leaks = scanner.scan();
  const tally = recorder.tally;
  writeFigures(
    'webhook-fuzz',
    {
      title: 'Fuzz: generated requests at createWebhookHandler (Web Request in, Response out)',
      casesRun: tally.cases,
      unit: 'requests',
      faultsInjected: tally.cases - (tally.byFamily.intact ?? 0),
      leaksFound: leaks.length,
      itemsScanned: scanner.collected,
      details: {
        ...Object.fromEntries(Object.entries(tally.byFamily).map(([family, count]) => [`family ${family}`, count])),
        ...Object.fromEntries(Object.entries(tally.byStatus).map(([status, count]) => [`answered ${status}`, count])),
        'events delivered': tally.eventsDelivered,
        'intact items delivered': tally.intactItemsDelivered,
        'forged events delivered': tally.forgedEventsDelivered,
        '5xx answers': tally.serverErrors,
        'escaped exceptions': escaped.length,
        'body bytes streamed': bodyBytesPulled,
      },
    },
    startedAt,
  );
  expect(tally.cases).toBe(runs);
  expect(tally.serverErrors).toBe(0);
  expect(tally.forgedEventsDelivered).toBe(0);
  expect(escaped).toEqual([]);
  expect(recorder.unexpected).toEqual([]);
  expect(recorder.leftOver()).toEqual([]);
  expect(leaks).toEqual([]);
  expect(prototypeSnapshot()).toBe(prototypes);
}, 300_000);
