import { OpType } from '../protocol/op-types.js';
import { buildOperation } from './build-event.js';
import { describeValue } from './describe-value.js';
import { expectedIssue, fieldIssue, isNumber } from './field-issues.js';
import type { Operation } from './line-event.js';

/**
 * Decodes the `content` of an operation event by hand, with exactly the result of `OperationSchema`:
 * the operation, or undefined after adding the issues (paths under `content`) to `issues`. For opType
 * 4 and 8 `params[0]` (the MID of the user) must be a string; for others `params` may be absent or null.
 *
 * @internal Used by `decodeEvent`; not part of the public API.
 */
export function decodeOperationContent(content: unknown, issues: string[]): Operation | undefined {
  const opType = (content as { opType?: unknown } | null | undefined)?.opType;
  if (!content || typeof content !== 'object') {
    issues.push(expectedIssue('content', 'object', content));
    return undefined;
  }
  const before = issues.length;
  const fields = content as Record<string, unknown>;
  if (!isNumber(fields.revision)) fieldIssue(fields, 'revision', 'number', 'content.revision', issues);
  if (!isNumber(fields.opType)) fieldIssue(fields, 'opType', 'number', 'content.opType', issues);
  const { params } = fields;
  if (opType === OpType.addedAsFriend || opType === OpType.blocked) {
    if (!('params' in fields)) issues.push('content.params: missing');
    else if (!Array.isArray(params)) issues.push(expectedIssue('content.params', 'array', params));
    else if (typeof params[0] !== 'string') issues.push(`content.params: expected [string (the MID of the user), ...], got [${describeValue(params[0])}, ...]`);
  } else if (params !== null && params !== undefined && !Array.isArray(params)) {
    issues.push(expectedIssue('content.params', 'array', params));
  }
  return issues.length > before ? undefined : buildOperation(fields as { revision: number; opType: number; params?: unknown });
}
