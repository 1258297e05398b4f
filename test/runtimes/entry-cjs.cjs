// CommonJS entry of the runtime smoke test (Node 20, Bun): `require`s the built CJS package and
// prints one line `SMOKE_RESULT <json>` (see smoke.mjs) and one `RUNTIME_VERSION <json>` (the runtime's
// own version numbers). smoke.mjs is ESM, hence the dynamic import.
const lib = require('../../dist/index.cjs');

// Which runtime really ran this (test/runtimes/runtimes.test.ts checks it against the leg's name).
const versions = globalThis.process?.versions;
console.log(`RUNTIME_VERSION ${JSON.stringify({ node: versions?.node ?? null, bun: globalThis.Bun?.version ?? null, deno: globalThis.Deno?.version?.deno ?? null })}`);

// Which #hmac module this runtime picks (package.json `imports`; the `node` condition on Node and Bun).
console.log(`HMAC_MODULE ${require.resolve('#hmac').split(/[\\/]/).pop()}`);

import('./smoke.mjs')
  .then(({ runSmoke }) => runSmoke(lib))
  .then((results) => {
    console.log(`SMOKE_RESULT ${JSON.stringify(results)}`);
  })
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
