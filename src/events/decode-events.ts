import * as v from 'valibot';
import { DecodeError } from '../errors.js';
import { decodeEvent } from './decode-event.js';
import { describeValue } from './describe-value.js';
import { LineEventEnvelopeSchema } from './envelope-schema.js';
import { formatIssues } from './format-issues.js';
import type { LineEvent } from './line-event.js';

/**
 * Decodes a parsed webhook body `{"result":[…]}` (spec §2) into typed events, one per item, in order.
 *
 * Throws {@link DecodeError} (with `issues`) only when the payload itself is not that envelope. A single
 * odd item never throws: it becomes an `UnknownEvent` whose `issues` say which path failed (see `decodeEvent`).
 * Extra keys are ignored everywhere, since real traffic carries fields the spec does not list.
 *
 * @param payload The JSON-parsed request body (verify the signature over the raw bytes first).
 */
export function decodeEvents(payload: unknown): LineEvent[] {
  // An array passes valibot's object check (and then only says "result: missing"): name it instead.
  if (Array.isArray(payload)) throw envelopeError([`payload: expected object, got array`]);
  const envelope = v.safeParse(LineEventEnvelopeSchema, payload);
  if (!envelope.success) {
    const issues = payload === null || typeof payload !== 'object' ? [`payload: expected object, got ${describeValue(payload)}`] : formatIssues(envelope.issues, 'payload');
    throw envelopeError(issues);
  }
  const items = envelope.output.result;
  const events = new Array<LineEvent>(items.length);
  for (let i = 0; i < items.length; i++) events[i] = decodeEvent(items[i]);
  return events;
}

function envelopeError(issues: string[]): DecodeError {
  return new DecodeError(
    `The webhook body is not the {"result":[...]} envelope LINE sends (${issues.join('; ')}). Pass the JSON-parsed request body.`,
    issues,
  );
}
