/** A Chromium executable that answered `--version`. */
export interface FoundChromium {
  /** The executable. */
  path: string;
  /** What `--version` printed. */
  version: string;
}
/** Flags for a headless run in a container; add a fresh `--user-data-dir` per run. */
export declare const chromiumFlags: readonly string[];
/** What to do when no Chromium can be found (the browser project's failure message). */
export declare const howToGetChromium: string;
/** CHROMIUM_PATH if set (throws when it does not run), else the first Chromium or Chrome on PATH that runs; undefined when none. */
export declare function findChromium(): FoundChromium | undefined;
/** findChromium(), or Debian's package installed with apt-get as root; throws `howToGetChromium` when none can be had. */
export declare function installChromium(): Promise<FoundChromium>;
