// Installs what the test projects need beyond node_modules (`npm run test:setup`, part of `npm test`):
// the pinned runtimes (Bun, Deno, workerd, Node 22, and Miniflare) into .runtimes/ for the runtimes project, and a
// Chromium for the browser project. Tests never install anything: they check and point here.
// Each step is idempotent: a second run finds everything in place and returns at once.
import { installRuntimes } from './install-runtimes.mjs';
import { installChromium } from './install-chromium.mjs';

await installRuntimes();
try {
  await installChromium();
} catch (error) {
  // Only the browser project needs it, and it fails with the same advice: the other projects can still run.
  console.warn(`[chromium] ${error.message}`);
}
