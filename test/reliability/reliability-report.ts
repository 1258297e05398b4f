// Shared by the reliability tests: how many cases to run, and where each test writes its figures.
// `npm run reliability` (scripts/reliability-report.mjs) turns the figure files into docs/reliability.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FigureFile } from '../../scripts/reliability-report.mjs';

/**
 * Multiplies every case count of the suite: `RELIABILITY_SCALE=10 npm run reliability` runs ten times as
 * many fuzz cases, recipients and sends. Default 1, the counts `npm test` runs (issue 11's minimums).
 */
export const scale = readScale(process.env.RELIABILITY_SCALE);

/** `count` times {@link scale}, rounded up. */
export function scaled(count: number): number {
  return Math.ceil(count * scale);
}

/** The seed of the fast-check runs and fault schedules: `RELIABILITY_SEED` to replay one, else a fresh one. */
export const seed = process.env.RELIABILITY_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.RELIABILITY_SEED);

/** What one reliability test measured (the file it writes, less what {@link writeFigures} adds). */
export type ReliabilityFigures = Omit<FigureFile, 'name' | 'scale' | 'seed' | 'durationMs'>;

const directory = fileURLToPath(new URL('../../.reports/reliability/', import.meta.url));

/** Writes `.reports/reliability/<name>.json` (with the seed, the scale and the time it took). */
export function writeFigures(name: string, figures: ReliabilityFigures, startedAt: number): void {
  mkdirSync(directory, { recursive: true });
  const record = { name, ...figures, scale, seed, durationMs: Date.now() - startedAt, finishedAt: new Date().toISOString() };
  writeFileSync(`${directory}${name}.json`, `${JSON.stringify(record, null, 2)}\n`);
}

function readScale(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const parsed = Number(value);
  if (!(parsed > 0)) throw new Error(`RELIABILITY_SCALE must be a number > 0, got ${JSON.stringify(value)}.`);
  return parsed;
}
