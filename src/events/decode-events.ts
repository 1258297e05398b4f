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
  // An array would pass valibot's object check (and then only say "result: missing"): name it instead.
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw envelopeError([`payload: expected object, got ${describeValue(payload)}`]);
  }
  const envelope = v.safeParse(LineEventEnvelopeSchema, payload);
  if (!envelope.success) throw envelopeError(formatIssues(envelope.issues, 'payload'));
  return envelope.output.result.map((item) => decodeEvent(item));
}

function envelopeError(issues: string[]): DecodeError {
  return new DecodeError(
    `The webhook body is not the {"result":[...]} envelope LINE sends (${issues.join('; ')}). Pass the JSON-parsed request body.`,
    issues,
  );
}
