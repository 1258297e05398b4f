// ESM entry of the runtime smoke test for Node 20, Node 22, Bun and Deno: imports the built ESM
// package and prints one line `SMOKE_RESULT <json>` (see smoke.mjs) and one `RUNTIME_VERSION <json>`
// (the runtime's own version numbers). Run from the repository root.
import * as lib from '../../dist/index.js';
import { runSmoke } from './smoke.mjs';

// Which runtime really ran this (test/runtimes/runtimes.test.ts checks it against the leg's name).
const versions = globalThis.process?.versions;
console.log(`RUNTIME_VERSION ${JSON.stringify({ node: versions?.node ?? null, bun: globalThis.Bun?.version ?? null, deno: globalThis.Deno?.version?.deno ?? null })}`);
// Which #hmac module this runtime picks (package.json `imports`; the `node` condition on Node, Bun, Deno).
console.log(`HMAC_MODULE ${import.meta.resolve('#hmac').split('/').pop()}`);
const results = await runSmoke(lib);
console.log(`SMOKE_RESULT ${JSON.stringify(results)}`);
