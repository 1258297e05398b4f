import type { BaseIssue } from 'valibot';
import { describeValue } from './describe-value.js';

/**
 * Turns valibot issues into short lines that name the failing path, e.g.
 * `content.text: expected string, got 42`, `content.location.latitude: missing` or
 * `toChannel: expected number | string, got null`. Array indices print as `params[0]`.
 *
 * @param issues The issues of a failed `safeParse`.
 * @param root The name used when the issue is about the value itself (empty path). Default `event`.
 * @internal Used by the event decoders; not part of the public API.
 */
export function formatIssues(issues: readonly BaseIssue<unknown>[], root = 'event'): string[] {
  return issues.map((issue) => formatIssue(issue, root));
}

function formatIssue(issue: BaseIssue<unknown>, root: string): string {
  let path = '';
  for (const { key } of issue.path ?? []) path += typeof key === 'number' ? `[${key}]` : path === '' ? String(key) : `.${String(key)}`;
  path ||= root;
  // valibot reports a required key that is absent as a "key" issue on the parent object.
  if (issue.path?.[issue.path.length - 1]?.origin === 'key' && issue.kind === 'schema') return `${path}: missing`;
  // `guardSchema` (a valibot `custom`) and checks carry their own message, written by us.
  if (issue.kind !== 'schema' || issue.type === 'custom') return `${path}: ${issue.message}`;
  // The built-in schemas left (object, tupleWithRest) expect "Object" or "Array".
  return `${path}: expected ${String(issue.expected).toLowerCase()}, got ${describeValue(issue.input)}`;
}
