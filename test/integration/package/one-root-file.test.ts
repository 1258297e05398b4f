// The root entry is built as one file (tsup.config.ts: 9 files cost 12–15 ms more cold start), and the
// other entries take the error classes from it instead of a copy, so `instanceof LineError` holds for an
// error from any entry, ESM and CJS alike. Needs `npm run build` first (npm test does it).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const dist = new URL('../../../dist/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, dist), 'utf8');
const require = createRequire(dist);

/** For each entry, a call that must throw a LineError made by that entry's own code. */
const throwsFrom: Record<string, (entry: Record<string, (options: unknown) => unknown>) => unknown> = {
  node: (entry) => entry.createNodeMiddleware!({ channelSecret: '' }),
  emulator: (entry) => entry.createFakeLine!({ webhookUrll: 'https://bot.example/callback' }),
  'aws-lambda': (entry) => entry.createLambdaHandler!({ channelSecret: '' }),
  cloudflare: (entry) => entry.createIngestHandler!({ channelSecret: 'secret', queue: {}, onMesage() {} }),
};

describe('the root entry in one file', () => {
  it('dist/index.js and dist/index.cjs import nothing but the #hmac module', () => {
    expect([...read('index.js').matchAll(/^(?:import|export)\b.*\bfrom\s*["']([^"']+)["']/gm)].map((match) => match[1])).toEqual(['#hmac']);
    expect([...read('index.cjs').matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((match) => match[1])).toEqual(['#hmac']);
  });

  it('defines the error classes in the root files only', () => {
    const defining = readdirSync(dist).filter((file) => /\.c?js$/.test(file) && /\bLineError = class\b|\bclass LineError\b/.test(read(file)));
    expect(defining.sort()).toEqual(['index.cjs', 'index.js']);
  });

  for (const [name, call] of Object.entries(throwsFrom)) {
    it(`an error from line-business-connect/${name} is an instance of the root's LineError (ESM and CJS)`, async () => {
      const esmRoot = (await import(new URL('index.js', dist).href)) as { LineError: new () => Error };
      const esmEntry = (await import(new URL(`${name}.js`, dist).href)) as Record<string, (options: unknown) => unknown>;
      const cjsRoot = require('./index.cjs') as { LineError: new () => Error };
      const cjsEntry = require(`./${name}.cjs`) as Record<string, (options: unknown) => unknown>;
      for (const [root, entry] of [[esmRoot, esmEntry], [cjsRoot, cjsEntry]] as const) {
        let thrown: unknown;
        try {
          call(entry);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `${name}: the call did not throw`).toBeInstanceOf(Error);
        expect(thrown).toBeInstanceOf(root.LineError);
      }
    });
  }
});
