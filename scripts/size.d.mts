// Types of size.mjs, for the TypeScript tests that import it.

/** One measured bundle. */
export interface SizeRow {
  name: 'webhook' | 'client' | 'root';
  minifiedBytes: number;
  gzipBytes: number;
  budgetBytes: number;
  ok: boolean;
  /** Inputs that kept bytes in the bundle, biggest first (minified bytes). */
  inputs: { file: string; bytes: number }[];
  /** The minified bundle. */
  code: string;
}
/** The measured app entries: name → source. */
export declare const sizeEntries: Readonly<Record<'webhook' | 'client' | 'root', string>>;
/** Bundles, minifies and gzips each entry from dist/index.js. */
export declare function measureSizes(): Promise<SizeRow[]>;
