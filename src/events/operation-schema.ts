import * as v from 'valibot';
import { OpType } from '../protocol/op-types.js';
import { guardSchema, numberSchema } from './guard-schema.js';
import type { Operation } from './line-event.js';

// The names of the known opTypes are the keys of OpType (addedAsFriend, blocked, invitedToGroup, addedToRoom).
const OPERATION_NAMES = Object.keys(OpType) as (keyof typeof OpType)[];

/**
 * The `content` of an operation event (spec §2.3), decoded to an `Operation`: `revision` and `opType`
 * are numbers, `params` an array of strings or nulls whose first item (the MID of the user who did it)
 * must be a string. opType 4 → `addedAsFriend`, 8 → `blocked`, 5 → `invitedToGroup`, 7 → `addedToRoom`;
 * any other opType is kept with type `'unknown'`.
 */
export const OperationSchema: v.GenericSchema<unknown, Operation> = v.pipe(
  v.object({
    revision: numberSchema,
    opType: numberSchema,
    // params[0], the MID of the user who did it, must be a string; the others are strings or nulls.
    params: v.tupleWithRest(
      [guardSchema<string>((mid) => typeof mid === 'string', 'string (the MID of the user)')],
      guardSchema<string | null>((param) => param === null || typeof param === 'string', 'string'),
    ),
  }),
  v.transform((content): Operation => ({
    type: OPERATION_NAMES.find((name) => OpType[name] === content.opType) ?? 'unknown',
    opType: content.opType,
    revision: content.revision,
    mid: content.params[0],
    params: content.params,
  })),
);
