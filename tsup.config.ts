import { defineConfig } from 'tsup';

/** Every public entry point; `test/unit/package-exports.test.ts` checks this list against package.json `exports`. */
export const entries = {
  index: 'src/index.ts',
};

export default defineConfig({
  entry: entries,
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'es2022',
  platform: 'neutral',
  splitting: true,
  treeshake: true,
  external: ['undici', 'msw', 'valibot'],
});
