import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests run on Node, so src gets the module Node users get under the `node` condition (package.json `imports`).
  resolve: { alias: { '#hmac': fileURLToPath(new URL('./src/signature/hmac-node.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    reporters: ['default', 'json'],
    outputFile: { json: '.reports/vitest.json' },
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
