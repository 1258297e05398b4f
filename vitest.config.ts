import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The test projects (`npm run test:<name>`; `npm test` runs them all at once). Only `unit` runs
 * without a build; `runtimes` and `browser` need `npm run test:setup` (runtimes in .runtimes/, a Chromium).
 */
const projects = {
  /** The library's functions in this process, from src/; type tests of the public types. Seconds. */
  unit: ['test/unit/**/*.test.ts'],
  /** Servers, processes, the CLI, the emulator, the built and packed package, the benchmarks' smoke runs. */
  integration: ['test/integration/**/*.test.ts', 'test/reliability/**/*.test.ts', 'test/bench/**/*.test.ts'],
  /** The built package in Bun, Deno, workerd and Node 22 (test/runtimes/processes.ts starts them). */
  runtimes: ['test/runtimes/**/*.test.ts'],
  /** The emulator's inbox page in a headless Chromium. */
  browser: ['test/browser/**/*.test.ts'],
  /** Every snippet and command of the README and docs/ (docs/README.md says how). */
  docs: ['test/docs/**/*.test.ts'],
};

export default defineConfig({
  // Tests run on Node, so src gets the module Node users get under the `node` condition (package.json `imports`).
  resolve: { alias: { '#hmac': fileURLToPath(new URL('./src/signature/hmac-node.ts', import.meta.url)) } },
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: '.reports/vitest.json' },
    testTimeout: 20_000,
    hookTimeout: 120_000,
    // One file per core (at least 2): most files wait on child processes and sockets, and vitest's
    // default (cores - 1) would run one file at a time on a 2-core machine.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: Object.entries(projects).map(([name, include]) => ({
      extends: true,
      test: {
        name,
        include,
        ...(name === 'unit' && { typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' } }),
      },
    })),
  },
});
