// ESM entry of the runtime smoke test for Node 20, Node 22, Bun and Deno: imports the built ESM
// package and prints one line `SMOKE_RESULT <json>` (see smoke.mjs). Run from the repository root.
import * as lib from '../../dist/index.js';
import { runSmoke } from './smoke.mjs';

const results = await runSmoke(lib);
console.log(`SMOKE_RESULT ${JSON.stringify(results)}`);
