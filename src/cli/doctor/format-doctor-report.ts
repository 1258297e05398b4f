import type { DoctorReport } from './doctor-check.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The report as text for a terminal: one line per check (`PASS`, `WARN`, `FAIL`, `SKIP`, its id and
 * reason; media checks name their URL), a `fix:` line under each check that has one and did not pass,
 * and a summary.
 */
export function formatDoctorReport(report: DoctorReport): string {
  const lines = [`line-bc doctor ${report.url}`, ''];
  for (const check of report.checks) {
    const about = check.id === 'media' ? `${check.target}: ` : '';
    lines.push(`${check.status.toUpperCase()}  ${check.id.padEnd(18)} ${about}${check.reason}`);
    if (check.fix !== undefined && check.status !== 'pass') lines.push(`${' '.repeat(26)}fix: ${check.fix}`);
  }
  const { pass, warn, fail, skip } = report.counts;
  const verdict =
    fail > 0
      ? 'Fix the failures above before you point LINE at this endpoint.'
      : warn > 0
        ? 'No failures; read the warnings.'
        : 'All checks passed.';
  lines.push('', `${plural(fail, 'failure')}, ${plural(warn, 'warning')}, ${pass} passed, ${skip} skipped. ${verdict}`);
  return lines.join('\n');
}
