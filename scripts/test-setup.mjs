// Installs what the test suite needs beyond node_modules (run by `npm test` before vitest):
// pinned runtimes (Bun, Deno, workerd, Node 22) into .runtimes/, and Debian's Chromium for the inbox page test.
// Each step is idempotent: a second run finds everything in place and returns at once.
import { installRuntimes } from './install-runtimes.mjs';
import { installChromium } from './install-chromium.mjs';

await installRuntimes();
await installChromium();
