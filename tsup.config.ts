import { defineConfig } from 'tsup';

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

export default defineConfig({
  entry: { ...entries, ...binEntries, ...hmacEntries },
  format: ['esm', 'cjs'],
  // Types only for what users import; the #hmac modules are internal.
  dts: { entry: { ...entries, ...binEntries } },
  clean: true,
  sourcemap: false,
  target: 'es2022',
  platform: 'neutral',
  splitting: true,
  treeshake: true,
  // valibot is bundled, tree-shaken: loading its whole 200 kB module cost 25–70 ms of cold start (CHANGELOG).
  external: ['undici', 'msw', /^node:/, '#hmac'],
  noExternal: ['valibot'],
  // Keep `node:` specifiers: Deno and Workers (nodejs_compat) only resolve built-ins with the prefix.
  removeNodeProtocol: false,
});
