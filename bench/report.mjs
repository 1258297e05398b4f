// Shared helpers of the benchmark files: each `bench/*.bench.mjs` measures its paths against baselines taken
// in the same run, prints them, and records its rows with `writeReport` for `bench/run.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

/** True for the seconds-long smoke run (`node bench/run.mjs --quick`, part of `npm test`): tiny sizes, no timing claims. */
export const quick = process.env.BENCH_QUICK === '1';

/**
 * One measured figure against its baseline.
 * @typedef {object} BenchRow
 * @property {string} group       what is measured, e.g. "ingest, 100-event batch"
 * @property {string} runtime     e.g. "node 20.20.2", "bun 1.4.5"
 * @property {string} name        our path, e.g. "parseWebhook"
 * @property {number} ours        median of ours, in `unit`
 * @property {string} [baselineName] the baseline, e.g. "floor: read + node:crypto HMAC + compare + JSON.parse"
 * @property {number} [baseline]  median of the baseline, in `unit`; absent for a figure judged on its own
 * @property {string} unit        e.g. "µs", "ms", "recipients/s", "MB"
 * @property {'lower'|'higher'} better  which direction is better (of the ratio, or of `ours` without a baseline)
 * @property {number} [target]    the ratio the issue asks for (ours / baseline), when there is one
 * @property {number} [absoluteTarget] for a figure without a baseline: the value the issue asks for, in `unit`
 * @property {number} [ratio]     the median of per-round ratios, when ours and the baseline were timed in
 *                                pairs (steadier on a loaded machine than the ratio of the two medians); default ours / baseline
 */

/** The ratio of a row with a baseline: its paired ratio when it has one, else ours / baseline. */
export function ratioOf(row) {
  return row.ratio ?? row.ours / row.baseline;
}

/** Whether a row meets its target: `undefined` when it has none. */
export function targetMet(row) {
  const value = row.baseline === undefined ? row.ours : ratioOf(row);
  const target = row.baseline === undefined ? row.absoluteTarget : row.target;
  if (target === undefined) return undefined;
  return row.better === 'higher' ? value >= target : value <= target;
}

/** The target as text, e.g. `≤ 1.3` (a ratio) or `≥ 20,000 events/s`. */
export function targetText(row) {
  const target = row.baseline === undefined ? row.absoluteTarget : row.target;
  if (target === undefined) return '';
  return `${row.better === 'higher' ? '≥' : '≤'} ${row.baseline === undefined ? `${format(target)} ${row.unit}` : target}`;
}

/**
 * Writes the rows of one benchmark file to `.reports/bench/<file>.json` and prints them.
 * @param {string} file `import.meta.url` of the benchmark file
 * @param {BenchRow[]} rows
 * @param {string[]} [notes] lines to print under the table (e.g. what a baseline does)
 */
export function writeReport(file, rows, notes = []) {
  const name = basename(new URL(file).pathname).replace(/\.bench\.mjs$/, '');
  for (const row of rows) {
    const met = targetMet(row);
    const verdict = met === undefined ? '' : met ? `  (target ${targetText(row)}: met)` : `  (target ${targetText(row)}: MISSED)`;
    const against = row.baseline === undefined ? '' : `   ${row.baselineName}: ${format(row.baseline)} ${row.unit}   ratio ${ratioOf(row).toFixed(2)}`;
    console.log(`${row.group} [${row.runtime}]\n  ${row.name}: ${format(row.ours)} ${row.unit}${against}${verdict}`);
  }
  for (const note of notes) console.log(note);
  mkdirSync(new URL('../.reports/bench/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`../.reports/bench/${name}.json`, import.meta.url), `${JSON.stringify({ name, quick, rows, notes }, null, 2)}\n`);
}

/** A number with about three significant digits. */
export function format(value) {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}
