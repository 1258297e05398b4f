/** Bundles a Worker module as wrangler does and writes a workerd config running it (see workerd-bundle.mjs). */
export function bundleForWorkerd(entry: string): Promise<{ dir: string; config: string; inputs: string[] }>;
/** The esbuild options of a Worker bundle as wrangler makes it (see workerd-bundle.mjs). */
export const workerBuildOptions: import('esbuild').BuildOptions;
