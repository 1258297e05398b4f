// Types of reliability-report.mjs, for the TypeScript test that imports it.

/** The figures one reliability test wrote (see test/reliability/reliability-report.ts). */
export interface FigureFile {
  name: string;
  title: string;
  casesRun: number;
  unit: string;
  faultsInjected?: number;
  recipientsLost?: number;
  duplicated?: number;
  possibleDuplicates?: number;
  leaksFound: number;
  itemsScanned: number;
  maxBytesPastCap?: number;
  rssGrowthBytes?: number;
  details?: Record<string, number | string>;
  scale: number;
  seed: number;
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
