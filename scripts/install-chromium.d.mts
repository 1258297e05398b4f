/** Where the inbox page test expects the browser: `/usr/bin/chromium`. */
export declare const chromiumPath: string;
/** Flags for a headless run in a container; add a fresh `--user-data-dir` per run. */
export declare const chromiumFlags: readonly string[];
/** Installs Debian's Chromium with apt-get when `/usr/bin/chromium` is missing; throws a clear Error when impossible. */
export declare function installChromium(): Promise<void>;
