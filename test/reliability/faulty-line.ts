// A local LINE `POST /v1/events` that injects faults, for send-faults.test.ts, and keeps a log of what it
// did with every request: which recipients it delivered, and what it answered. The fault of each request
// comes from a seeded generator, so a run can be replayed (RELIABILITY_SEED).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server does with one request. */
export type Fault =
  /** Delivers, answers 200. */
  | 'none'
  /** 503 before processing: nothing delivered. */
  | '503'
  /** 429 with `Retry-After: 1` before processing: nothing delivered. */
  | '429'
  /** 500 before processing (the client cannot know it was before): nothing delivered. */
  | '500'
  /** Connection reset as soon as the request line and headers arrived: nothing delivered. */
  | 'reset-before-body'
  /** Body read and delivered, then the connection reset without an answer. */
  | 'reset-after-body'
  /** Delivered, answered 200 only after `slowMs` (longer than the client's timeout). */
  | 'slow'
  /** Delivered to all but up to three recipients, which LINE lists in `failed` (200). */
  | 'partial-failed'
  /** Delivered, 200 and half of the answer's body, then the connection reset. */
  | 'answer-cut';

const weights: [Fault, number][] = [
  ['none', 55],
  ['503', 8],
  ['429', 6],
  ['500', 6],
  ['reset-before-body', 5],
  ['reset-after-body', 5],
  ['slow', 3],
  ['partial-failed', 6],
  ['answer-cut', 6],
];

/** One request as the server saw it. */
export interface LogEntry {
  fault: Fault;
  /** The MIDs of the request (empty when reset before the body). */
  recipients: string[];
  /** The MIDs it delivered. */
  delivered: string[];
  /** The `messageId` it answered with (`none`, `partial-failed`, `slow`, `answer-cut`). */
  messageId?: string;
}

/** The faulty LINE: its URL, its log, and how many times each MID was delivered. */
export interface FaultyLine {
  url: string;
  log: LogEntry[];
  deliveries: Map<string, number>;
  /** Requests that carried another token than the one expected. */
  badTokens: number;
  close(): Promise<void>;
}

/** A seeded generator of numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const lineError = (status: number, text: string) => JSON.stringify({ statusCode: String(status), statusMessage: text });

/** Starts the faulty LINE on 127.0.0.1. */
export async function startFaultyLine(options: { channelToken: string; seed: number; slowMs: number }): Promise<FaultyLine> {
  const random = seededRandom(options.seed);
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  const pick = (): Fault => {
    let roll = random() * total;
    for (const [fault, weight] of weights) if ((roll -= weight) < 0) return fault;
    return 'none';
  };
  const line: FaultyLine = { url: '', log: [], deliveries: new Map(), badTokens: 0, close: async () => {} };
  const timers = new Set<NodeJS.Timeout>();
  const deliver = (entry: LogEntry, mids: string[]) => {
    for (const mid of mids) line.deliveries.set(mid, (line.deliveries.get(mid) ?? 0) + 1);
    entry.delivered = mids;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const fault = req.url === '/v1/events' && req.method === 'POST' ? pick() : 'none';
    const entry: LogEntry = { fault, recipients: [], delivered: [] };
    line.log.push(entry);
    if (req.headers['x-line-channeltoken'] !== options.channelToken) line.badTokens++;
    if (fault === 'reset-before-body') return req.socket.resetAndDestroy();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { to } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string[] };
      entry.recipients = to;
      const answer = (status: number, body: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(body);
      };
      const messageId = (entry.messageId = `m${line.log.length}`);
      const accepted = (failed: string[] = []) => JSON.stringify({ failed, messageId, timestamp: Date.now(), version: 1 });
      switch (fault) {
        case '503':
        case '500':
          delete entry.messageId;
          return answer(Number(fault), lineError(Number(fault), 'Simulated failure'));
        case '429':
          delete entry.messageId;
          return answer(429, lineError(429, 'Too many requests'), { 'retry-after': '1' });
        case 'reset-after-body':
          delete entry.messageId;
          deliver(entry, to);
          return req.socket.resetAndDestroy();
        case 'slow': {
          deliver(entry, to);
          const timer = setTimeout(() => {
            timers.delete(timer);
            if (!res.destroyed) answer(200, accepted());
          }, options.slowMs);
          timers.add(timer);
          return;
        }
        case 'partial-failed': {
          const refused = to.filter(() => random() < 0.2).slice(0, 3);
          deliver(entry, to.filter((mid) => !refused.includes(mid)));
          return answer(200, accepted(refused));
        }
        case 'answer-cut': {
          deliver(entry, to);
          const body = accepted();
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
          res.write(body.slice(0, body.length >> 1), () => req.socket.resetAndDestroy());
          return;
        }
        default:
          deliver(entry, to);
          return answer(200, accepted());
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  line.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  line.close = () =>
    new Promise((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return line;
}
