// CommonJS entry of the runtime smoke test (Node 20, Bun): `require`s the built CJS package and
// prints one line `SMOKE_RESULT <json>` (see smoke.mjs). smoke.mjs is ESM, hence the dynamic import.
const lib = require('../../dist/index.cjs');

import('./smoke.mjs')
  .then(({ runSmoke }) => runSmoke(lib))
  .then((results) => {
    console.log(`SMOKE_RESULT ${JSON.stringify(results)}`);
  })
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
