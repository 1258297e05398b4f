// Cold start (issue 10): importing line-business-connect/node must not load undici (~170 ms of start-up on a
// loaded machine) unless the undici transport or the keep-alive fetch is created. Each case runs in a fresh
// Node process on the BUILT package (ESM and CJS entries) and reads Node's module cache.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs `body` after importing the node entry (ESM or CJS) in a fresh process; returns what it printed. */
function run(kind: 'esm' | 'cjs', body: string): string[] {
  const script =
    kind === 'esm'
      ? `import { createRequire } from 'node:module';
         const node = await import(${JSON.stringify(`${root}dist/node.js`)});
         const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('/node_modules/undici/'));
         ${body}`
      : `const node = require(${JSON.stringify(`${root}dist/node.cjs`)});
         const loaded = () => Object.keys(require.cache).some((file) => file.includes('/node_modules/undici/'));
         (async () => { ${body} })();`;
  const result = spawnSync(process.execPath, kind === 'esm' ? ['--input-type=module', '-e', script] : ['-e', script], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim().split('\n');
}

describe.each(['esm', 'cjs'] as const)('line-business-connect/node (%s)', (kind) => {
  it('an app that only receives webhooks never loads undici', () => {
    expect(existsSync(`${root}dist/node.js`), 'run `npm run build` first').toBe(true);
    const lines = run(
      kind,
      `console.log('after import', loaded());
       const middleware = node.createNodeMiddleware({ channelSecret: 'secret', onMessage() {} });
       console.log('after createNodeMiddleware', typeof middleware, loaded());`,
    );
    expect(lines).toEqual(['after import false', 'after createNodeMiddleware function false']);
  });

  it('createUndiciTransport and createKeepAliveFetch load it', () => {
    const lines = run(
      kind,
      `const transport = node.createUndiciTransport();
       await transport.close();
       console.log('after createUndiciTransport', loaded());`,
    );
    expect(lines).toEqual(['after createUndiciTransport true']);
    const fetchLines = run(
      kind,
      `const fetch = node.createKeepAliveFetch();
       await fetch.close();
       console.log('after createKeepAliveFetch', loaded());`,
    );
    expect(fetchLines).toEqual(['after createKeepAliveFetch true']);
  });
});
