// Types of reliability-report.mjs, for the TypeScript test that imports it.

/** The figures one reliability test wrote to `.reports/reliability/<name>.json` (test/reliability/reliability-report.ts). Figures that do not apply to a test are left out. */
export interface FigureFile {
  /** The test's name: its file name without `.test.ts`. */
  name: string;
  /** One line: what the test does. */
  title: string;
  /** Requests, sends or scenarios run (see `unit`). */
  casesRun: number;
  /** What a case is: `requests`, `recipients`, `sends`, `scenarios`. */
  unit: string;
  /** Faults injected: hostile requests of a fuzz test, spoiled answers of a faulty server. */
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
  /** Largest growth of the resident set size while a large body was refused, in bytes. */
  rssGrowthBytes?: number;
  /** Other figures worth a line in docs/reliability.md. */
  details?: Record<string, number | string>;
  /** RELIABILITY_SCALE of the run. */
  scale: number;
  /** The seed of its generators (RELIABILITY_SEED replays it). */
  seed: number;
  /** How long the test took, in ms. */
  durationMs: number;
}
/** Where the generated section starts and ends in docs/reliability.md. */
export declare const markers: readonly [string, string];
/** The machine the run happened on, in one line. */
export declare function describeMachine(): string;
/** The generated section of docs/reliability.md. */
export declare function renderReport(run: { figures: FigureFile[]; machine: string; date: string; wallMs: number; passed: number; failed: number }): string;
/** `markdown` with the generated section replaced (added at the end when missing). */
export declare function replaceSection(markdown: string, section: string): string;
/** The figure files of .reports/reliability/ (or `directory`). */
export declare function readFigures(directory?: string): FigureFile[];
