// Shared by the reliability tests: how many cases to run, and where each test writes its figures.
// `npm run reliability` (scripts/reliability-report.mjs) turns the figure files into docs/reliability.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

/** What one reliability test measured. Figures that do not apply to a test are left out. */
export interface ReliabilityFigures {
  /** One line: what the test does. */
  title: string;
  /** Requests, sends or scenarios run (see `unit`). */
  casesRun: number;
  /** What a case is: `requests`, `recipients`, `sends`, `scenarios`. */
  unit: string;
  /** Faults injected by the test's servers (HTTP errors, resets, slow answers, aborted streams). */
  faultsInjected?: number;
  /** Recipients neither delivered nor reported failed, or reported sent but not delivered. */
  recipientsLost?: number;
  /** Recipients the server saw more than once. */
  duplicated?: number;
  /** Recipients the client reported as possible duplicates (`possibleDuplicates`). */
  possibleDuplicates?: number;
  /** Token, refresh token or secret found in an error or log line, in any form. */
  leaksFound: number;
  /** Errors and log lines scanned for secrets. */
  itemsScanned: number;
  /** Largest number of bytes read past the body cap. */
  maxBytesPastCap?: number;
  /** Largest growth of the resident set size while a 100 MB body was refused, in bytes. */
  rssGrowthBytes?: number;
  /** Other figures worth a line in docs/reliability.md. */
  details?: Record<string, number | string>;
}

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
