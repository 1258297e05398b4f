import { defineConfig } from 'tsup';

/** Every public entry point; `test/unit/package/package-exports.test.ts` checks this list against package.json `exports`. */
export const entries = {
  index: 'src/index.ts',
  node: 'src/node/index.ts',
  testing: 'src/testing/index.ts',
  emulator: 'src/emulator/index.ts',
  'aws-lambda': 'src/aws-lambda/index.ts',
};

/** Bin entry points, built with the rest but not in `exports`: `line-bc` → `dist/cli.js` (package.json `bin`). */
export const binEntries = {
  cli: 'src/cli/line-bc.ts',
};

export default defineConfig({
  entry: { ...entries, ...binEntries },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'es2022',
  platform: 'neutral',
  splitting: true,
  treeshake: true,
  external: ['undici', 'msw', 'valibot', /^node:/],
  // Keep `node:` specifiers: Deno and Workers (nodejs_compat) only resolve built-ins with the prefix.
  removeNodeProtocol: false,
});
