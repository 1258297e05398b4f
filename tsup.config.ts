import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/** Every public entry point; `test/unit/package/package-exports.test.ts` checks this list against package.json `exports`. */
export const entries = {
  index: 'src/index.ts',
  protocol: 'src/protocol/index.ts',
  node: 'src/node/index.ts',
  testing: 'src/testing/index.ts',
  emulator: 'src/emulator/index.ts',
  'aws-lambda': 'src/aws-lambda/index.ts',
  cloudflare: 'src/cloudflare/index.ts',
};

/**
 * The two modules behind the `#hmac` import (package.json `imports`): `node:crypto` under the `node`
 * condition (Node, Bun, Deno), Web Crypto elsewhere. Built as files of their own so the runtime picks one.
 */
export const hmacEntries = {
  'hmac-node': 'src/signature/hmac-node.ts',
  'hmac-web': 'src/signature/hmac-web.ts',
};

/** Bin entry points, built with the rest but not in `exports`: `line-bc` → `dist/cli.js` (package.json `bin`). */
export const binEntries = {
  cli: 'src/cli/line-bc.ts',
};

const { index: rootEntry, ...otherEntries } = entries;
const errorsModule = resolve('src/errors.ts');

const shared: Options = {
  format: ['esm', 'cjs'],
  sourcemap: false,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  // valibot is bundled, tree-shaken: loading its whole 200 kB module cost 25–70 ms of cold start (CHANGELOG).
  external: ['undici', 'msw', /^node:/, '#hmac'],
  noExternal: ['valibot'],
  // Keep `node:` specifiers: Deno and Workers (nodejs_compat) only resolve built-ins with the prefix.
  removeNodeProtocol: false,
  // `npm run build` empties dist/ first: the two builds below run at once, and neither may clean the other's files.
  clean: false,
};

export default defineConfig([
  // The root entry is one file: split into 9 (its chunks shared with the other entries) it cost 12–15 ms
  // more cold start in Node's ES module loader (docs/benchmarks.md).
  { ...shared, entry: { index: rootEntry }, splitting: false, dts: false },
  {
    ...shared,
    entry: { ...otherEntries, ...binEntries, ...hmacEntries },
    splitting: true,
    // Types only for what users import (the root's too); the #hmac modules are internal.
    dts: { entry: { ...entries, ...binEntries } },
    esbuildPlugins: [
      {
        // The other entries take the error classes from the root file, so that `instanceof LineError`
        // holds for an error from any entry; the rest of what they share with the root is copied.
        name: 'errors-from-root',
        setup(build) {
          // tsup builds the CJS files as split ESM first, then converts them: the output extension tells which.
          const root = build.initialOptions.outExtension?.['.js'] === '.cjs' ? './index.cjs' : './index.js';
          build.onResolve({ filter: /\/errors(\.js)?$/ }, (args) =>
            resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')) === errorsModule ? { path: root, external: true } : undefined,
          );
        },
      },
    ],
  },
]);
