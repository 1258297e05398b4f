import * as v from 'valibot';
import { OpType } from '../protocol/op-types.js';
import { describeValue } from './describe-value.js';
import type { Operation } from './line-event.js';

const OPERATION_NAMES = new Map<number, Operation['type']>([
  [OpType.addedAsFriend, 'addedAsFriend'],
  [OpType.blocked, 'blocked'],
  [OpType.invitedToGroup, 'invitedToGroup'],
  [OpType.addedToRoom, 'addedToRoom'],
]);

/**
 * The `content` of an operation event (spec §2.3), decoded to an `Operation`: `revision` and `opType`
 * are numbers, `params` an array of strings or nulls whose first item (the MID of the user who did it)
 * must be a string. opType 4 → `addedAsFriend`, 8 → `blocked`, 5 → `invitedToGroup`, 7 → `addedToRoom`;
 * any other opType is kept with type `'unknown'`.
 */
export const OperationSchema: v.GenericSchema<unknown, Operation> = v.pipe(
  v.object({
    revision: v.number(),
    opType: v.number(),
    params: v.array(v.nullable(v.string())),
  }),
  v.forward(
    v.check(
      (content) => typeof content.params[0] === 'string',
      (issue) => `expected string (the MID of the user), got ${describeValue((issue.input as { params: unknown[] }).params[0])}`,
    ),
    ['params', 0],
  ),
  v.transform((content): Operation => ({
    type: OPERATION_NAMES.get(content.opType) ?? 'unknown',
    opType: content.opType,
    revision: content.revision,
    // Checked above: params[0] is a string.
    mid: content.params[0] as string,
    params: content.params,
  })),
);
