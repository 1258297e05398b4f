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
  const path = formatPath(issue, root);
  const last = issue.path?.[issue.path.length - 1];
  // valibot reports a required key that is absent as a "key" issue on the parent object.
  if (last && last.origin === 'key' && issue.kind === 'schema') return `${path}: missing`;
  // Validation actions (checks) carry their own message, written by us.
  if (issue.kind !== 'schema') return `${path}: ${issue.message}`;
  return `${path}: expected ${formatExpected(issue.expected)}, got ${describeValue(issue.input)}`;
}

function formatPath(issue: BaseIssue<unknown>, root: string): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? root : out;
}

function formatExpected(expected: string | null): string {
  if (expected === null) return 'a valid value';
  if (expected === 'Object') return 'object';
  if (expected === 'Array') return 'array';
  // valibot wraps unions and picklists in parentheses: "(number | string)".
  if (expected.startsWith('(') && expected.endsWith(')')) return expected.slice(1, -1);
  return expected;
}
