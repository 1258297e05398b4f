import * as v from 'valibot';
import { OpType } from '../protocol/op-types.js';
import { buildOperation } from './build-event.js';
import { describeValue } from './describe-value.js';
import { arraySchema, numberSchema } from './guard-schema.js';
import type { Operation } from './line-event.js';

// opType 4 and 8 (spec §2.3): params[0], the MID of the user who did it, is required (a block must
// name whom to forget); the other items are not checked. One `v.custom`, not `v.tupleWithRest`,
// which would cost the webhook bundle ~100 B gzip.
const ConfirmedOperationSchema = v.pipe(
  v.object({
    revision: numberSchema,
    opType: numberSchema,
    params: v.custom<[string, ...unknown[]]>(
      (params) => Array.isArray(params) && typeof params[0] === 'string',
      ({ input }) =>
        Array.isArray(input)
          ? `expected [string (the MID of the user), ...], got [${describeValue(input[0])}, ...]`
          : `expected array, got ${describeValue(input)}`,
    ),
  }),
  v.transform((content) => buildOperation(content)),
);

// opType 5, 7 ("params content unconfirmed") and unknown opTypes: params may be absent (→ `[]`),
// and `mid` is `''` when params[0] is not a string or a number.
const UnconfirmedOperationSchema = v.pipe(
  v.object({ revision: numberSchema, opType: numberSchema, params: v.nullish(arraySchema) }),
  v.transform((content) => buildOperation(content)),
);

/**
 * The `content` of an operation event (spec §2.3), decoded to an `Operation`: `revision` and `opType`
 * are numbers, `params` an array. Items are kept as strings or nulls (a number → its decimal string,
 * any other non-string → `null`); they never fail the event. For opType 4 and 8, `params[0]` (the MID
 * of the user who did it) must be a string (issue: `content.params: expected [string (the MID of the
 * user), ...], got [null, ...]`); for any other opType (5 and 7 have unconfirmed params)
 * `params` may be absent (→ `[]`) and `mid` is `''` when `params[0]` is not a string or number.
 * opType 4 → `addedAsFriend`, 8 → `blocked`, 5 → `invitedToGroup`, 7 → `addedToRoom`;
 * any other opType is kept with type `'unknown'`.
 */
export const OperationSchema: v.GenericSchema<unknown, Operation> = v.lazy((input: unknown): v.GenericSchema<unknown, Operation> => {
  const opType = (input as { opType?: unknown } | null)?.opType;
  return opType === OpType.addedAsFriend || opType === OpType.blocked ? ConfirmedOperationSchema : UnconfirmedOperationSchema;
});
