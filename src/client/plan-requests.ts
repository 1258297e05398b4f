import { MessageValidationError } from '../errors.js';
import { createRequestSizer, fitsBytes, type ChunkLimits } from './chunk-recipients.js';
import { createMidDeduper } from './create-mid-deduper.js';

/** What `send` takes as recipients: one MID, an array, or any iterable or async iterable of MIDs. */
export type Recipients = string | readonly string[] | Iterable<string> | AsyncIterable<string>;

/** Why a plan stopped before the end of its source. */
export interface PlanStop {
  /** Reads after "because", e.g. `the recipient source threw`. */
  why: string;
  cause: unknown;
}

/**
 * The requests of one send, planned as they are asked for: at most one partly filled request is held,
 * so a source of any length is sent in bounded memory. `requests.next()` may be called by several
 * workers at once (an async generator queues the calls).
 */
export interface RequestPlan {
  /** The recipients of each request, in order. */
  requests: AsyncGenerator<string[], void, undefined>;
  /** True for an in-memory list (read whole before the first request); false for a streamed source. */
  inMemory: boolean;
  /** MIDs read from the source so far (after de-duplication for an array). */
  read: number;
  /** Set when a bad MID or a throwing source ended the plan early; the MIDs before it are still planned. */
  stopped: PlanStop | undefined;
  /** MIDs read into a request that was not handed out because `requests.return()` closed the plan. */
  unsent: string[];
}

/**
 * Plans the requests of a send from `to`. A MID or an array is checked whole first, so a bad MID or
 * one too long to fit a request throws {@link MessageValidationError} before any request; an array is
 * de-duplicated (first occurrence wins, {@link createMidDeduper}) as its requests are planned. Any
 * other iterable or async iterable (a `Set`, a generator, a database cursor) is streamed: read only as
 * requests are needed and not de-duplicated (remembering every MID of a million-row cursor would defeat
 * bounded memory); a bad MID in it ends the plan there (`stopped`), after the MIDs before it.
 */
export function planRequests(to: Recipients, limits: ChunkLimits): RequestPlan {
  const list = typeof to === 'string' ? [to] : Array.isArray(to) ? (to as readonly unknown[]) : undefined;
  const plan: RequestPlan = { requests: undefined!, inMemory: list !== undefined, read: 0, stopped: undefined, unsent: [] };
  if (list !== undefined) {
    // Checked whole before any request. A MID's JSON is at most 6 bytes per UTF-16 unit (\uXXXX) plus
    // its quotes: only a MID long enough to possibly not fit is measured exactly.
    const roomBytes = limits.maxBodyBytes - limits.baseBytes - 2;
    list.forEach((mid, index) => {
      checkMid(mid, 'to', index);
      if (mid.length * 6 >= roomBytes) fitsBytes(mid, limits);
    });
    if (list.length === 0) throw new MessageValidationError('to', 'no recipient: pass at least one MID.');
    plan.requests = listRequests(list as readonly string[], limits, plan);
    return plan;
  }
  const source = to as Partial<AsyncIterable<unknown> & Iterable<unknown>> | null;
  if (source === null || typeof source !== 'object' || (typeof source[Symbol.asyncIterator] !== 'function' && typeof source[Symbol.iterator] !== 'function')) {
    throw new MessageValidationError('to', 'pass a MID, an array of MIDs, or an iterable or async iterable of MIDs (e.g. a database cursor).');
  }
  plan.requests = streamRequests(source as AsyncIterable<unknown> | Iterable<unknown>, limits, plan);
  return plan;
}

// Repeats are found in one pass first (a few ms for 100,000 MIDs); sizing is lazy, so it overlaps with
// the first requests. A request is a slice of the list; only after a repeat does it become a copy.
async function* listRequests(mids: readonly string[], limits: ChunkLimits, plan: RequestPlan): AsyncGenerator<string[], void, undefined> {
  const isFirst = createMidDeduper(mids);
  let repeats: Uint8Array | undefined;
  for (let index = 0; index < mids.length; index++) {
    if (!isFirst(index)) (repeats ??= new Uint8Array(mids.length))[index] = 1;
  }
  const sizer = createRequestSizer(limits);
  let index = 0;
  while (index < mids.length) {
    const start = index;
    let copy: string[] | undefined;
    let count = 0;
    sizer.reset();
    for (; index < mids.length; index++) {
      const mid = mids[index]!;
      if (repeats?.[index]) {
        copy ??= mids.slice(start, index);
        continue;
      }
      if (!sizer.add(mid)) break;
      count++;
      copy?.push(mid);
    }
    plan.read += count;
    if (count > 0) yield copy ?? mids.slice(start, index);
  }
}

async function* streamRequests(source: AsyncIterable<unknown> | Iterable<unknown>, limits: ChunkLimits, plan: RequestPlan): AsyncGenerator<string[], void, undefined> {
  const sizer = createRequestSizer(limits);
  let current: string[] = [];
  try {
    // Leaving this loop early (a bad MID, or the plan closed after an abort) closes the source too,
    // so a database cursor releases its connection.
    for await (const mid of source) {
      let fits: boolean;
      try {
        checkMid(mid, 'to', plan.read);
        fits = sizer.add(mid);
      } catch (error) {
        plan.stopped = { why: `recipient #${plan.read} of the source is not a MID that can be sent`, cause: error };
        break;
      }
      plan.read++;
      if (fits) {
        current.push(mid);
        continue;
      }
      // `mid` opens the next request before the full one is handed out: if the plan is closed while
      // that one is out, `mid` is reported as read but not sent.
      const full = current;
      current = [mid];
      sizer.reset();
      sizer.add(mid);
      yield full;
    }
  } catch (error) {
    plan.stopped = { why: 'the recipient source threw', cause: error };
  } finally {
    plan.unsent = current;
  }
  if (plan.read === 0 && !plan.stopped) plan.stopped = { why: 'the recipient source was empty', cause: new MessageValidationError('to', 'no recipient: the source gave no MID.') };
  plan.unsent = [];
  if (current.length > 0) yield current;
}

/** Throws {@link MessageValidationError} (field `<list>[<index>]`) unless `mid` is a non-empty string. */
export function checkMid(mid: unknown, list: string, index: number): asserts mid is string {
  if (typeof mid !== 'string' || mid.trim() === '') {
    throw new MessageValidationError(`${list}[${index}]`, `a MID must be a non-empty string, got ${mid === '' ? 'an empty string' : typeof mid}.`);
  }
}
