// workerd entry of the fake LINE runtime test (bundled with dist by esbuild, run by `workerd test`):
// logs `FAKE_LINE_RESULT <json>` (see fake-line-smoke.mjs) and throws when a check failed.
import * as emulator from '../../dist/emulator.js';
import * as lib from '../../dist/index.js';
import { runFakeLineSmoke } from './fake-line-smoke.mjs';

export default {
  async test() {
    const results = await runFakeLineSmoke(lib, emulator);
    console.log(`FAKE_LINE_RESULT ${JSON.stringify(results)}`);
    const failed = results.filter((result) => !result.ok).map((result) => result.name);
    if (failed.length > 0) throw new Error(`fake LINE checks failed on workerd: ${failed.join(', ')}`);
  },
};
