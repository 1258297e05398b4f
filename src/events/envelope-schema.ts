import * as v from 'valibot';
import { arraySchema } from './guard-schema.js';

/** The webhook body LINE POSTs, with its events not yet decoded. */
export interface LineEventEnvelope {
  /** The raw events; each is decoded on its own (an odd one never fails the batch). */
  result: unknown[];
}

/**
 * The webhook body LINE POSTs (spec §2): `{"result":[event, …]}`, up to 100 events under load but any
 * length is accepted. Items are left as `unknown`: each is decoded on its own by `decodeEvent`.
 * Extra keys next to `result` are ignored.
 */
export const LineEventEnvelopeSchema: v.GenericSchema<unknown, LineEventEnvelope> = v.object({
  // Any array: its items are checked one by one later (a guard, not `v.array(v.unknown())`, which
  // would copy the batch for nothing).
  result: arraySchema,
});
