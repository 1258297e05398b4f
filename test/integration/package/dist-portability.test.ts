// The core entries (everything but the Node-only `node`, `testing` and `cli` entries) must run on any
// fetch runtime: the BUILT files, and every chunk they import (with the `#hmac` module a Worker or
// browser bundler picks), contain no `node:` import or require, no `Buffer`, no `process`, and import
// no package at all: valibot is bundled in, tree-shaken (architecture.md, entry points). The `node` condition alone picks
// `dist/hmac-node.js`, the one core file that imports `node:crypto`.
// The `emulator` entry too, except the two dynamic imports startEmulator makes when it starts a Node
// server (test/runtimes/fake-line.test.ts runs that entry on Deno and workerd).
// Needs `npm run build` first (npm test does it).
import { existsSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { entries } from '../../../tsup.config.js';
import { findPortabilityProblems, loadModuleGraph, relativePath, resolvePackageImport, stripComments } from '../../runtimes/module-graph.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const nodeOnly = /^(node|testing|cli)(\/|$)/;
const coreEntries = Object.keys(entries).filter((entry) => !nodeOnly.test(entry));
const builtFiles = coreEntries.flatMap((entry) => [`dist/${entry}.js`, `dist/${entry}.cjs`]);

it('checks every core entry, the Workers ones included', () => {
  expect(coreEntries).toEqual(expect.arrayContaining(['index', 'emulator', 'aws-lambda', 'cloudflare']));
});

describe('the portability scanner', () => {
  it('flags node: imports and requires, Node builtins, Buffer and process', () => {
    const bad = stripComments(`
      import { createHmac } from "node:crypto";
      const zlib = require("node:zlib");
      const fs = require('fs');
      const b = Buffer.from("x");
      const e = process.env.SECRET;
      const l = globalThis.process;
      export { createHmac, zlib, fs, b, e, l };
    `);
    const problems = findPortabilityProblems(bad);
    expect(problems.some((p) => p.startsWith('a `node:` import'))).toBe(true);
    expect(problems.some((p) => p.startsWith('a `node:` require'))).toBe(true);
    expect(problems).toContain('an import of the Node builtin "node:crypto"');
    expect(problems).toContain('an import of the Node builtin "fs"');
    expect(problems.filter((p) => p.startsWith('a `Buffer` use'))).toHaveLength(1);
    expect(problems.filter((p) => p.startsWith('a `process` use'))).toHaveLength(2);
  });

  it('ignores comments and look-alike names', () => {
    const fine = stripComments(`
      /** Answers first, then the Node process. keeps a Buffer. */
      // process.env is not read here
      async function processBatch(events) { return events.length; }
      const processed = { process: 1 };
      export { processBatch, processed };
    `);
    expect(findPortabilityProblems(fine)).toEqual([]);
  });
});

/** What startEmulator may import on Node, and only when called: `await import("node:http")` and `("node:os")`. */
const startEmulatorImports = /await import\("node:(http|os)"\)|Promise\.resolve\(\)\.then\(\(\) => __toESM\(require\("node:(http|os)"\)\)\)|an import of the Node builtin "node:(http|os)"/;

describe.each(builtFiles)('%s', (file) => {
  it('and every chunk it imports: no node:, Buffer or process; imports no package (valibot is bundled)', () => {
    const path = `${root}${file}`;
    if (!existsSync(path)) throw new Error(`${file} is missing: run \`npm run build\` first.`);
    const graph = loadModuleGraph(path);
    const problems = graph.modules.flatMap((module) =>
      findPortabilityProblems(module.code)
        .filter((problem) => !(file.startsWith('dist/emulator.') && startEmulatorImports.test(problem)))
        .map((problem) => `${relativePath(root, module.path)}: ${problem}`),
    );
    expect(problems).toEqual([]);
    expect(graph.bareSpecifiers.filter((specifier) => !(file.startsWith('dist/emulator.') && /^node:(http|os)$/.test(specifier)))).toEqual([]);
  });
});

it('the emulator entry imports node:http and node:os only dynamically, inside startEmulator', () => {
  for (const file of ['dist/emulator.js', 'dist/emulator.cjs']) {
    const graph = loadModuleGraph(`${root}${file}`);
    const code = graph.modules.map((module) => module.code).join('\n');
    expect(code).not.toMatch(/from\s*"node:|^import\s*"node:|require\("node:(?!http"|os")/m);
    expect(graph.bareSpecifiers.filter((specifier) => specifier.startsWith('node:')).sort()).toEqual(['node:http', 'node:os']);
  }
});

describe('the #hmac import (package.json `imports`)', () => {
  it('is the Web Crypto module for Worker and browser bundlers and by default, node:crypto only under `node`', () => {
    const from = `${root}dist/index.js`;
    expect(relativePath(root, resolvePackageImport('#hmac', from, ['workerd']))).toBe('dist/hmac-web.js');
    expect(relativePath(root, resolvePackageImport('#hmac', from, ['browser', 'node']))).toBe('dist/hmac-web.js');
    expect(relativePath(root, resolvePackageImport('#hmac', from, []))).toBe('dist/hmac-web.js');
    expect(relativePath(root, resolvePackageImport('#hmac', from, ['node']))).toBe('dist/hmac-node.js');
    expect(relativePath(root, resolvePackageImport('#hmac', `${root}dist/index.cjs`, ['node']))).toBe('dist/hmac-node.cjs');
    const nodeOnly = findPortabilityProblems(stripComments(readText('dist/hmac-node.js')));
    expect(nodeOnly.filter((problem) => !problem.includes('node:crypto'))).toEqual([]);
    expect(nodeOnly).toContain('an import of the Node builtin "node:crypto"');
  });

  it('leaves no node: import in a neutral-platform bundle of the root entry (what esbuild, wrangler or a browser build make)', async () => {
    for (const conditions of [[], ['workerd', 'worker', 'browser']]) {
      const result = await build({
        stdin: { contents: `export * from ${JSON.stringify(`${root}dist/index.js`)};`, resolveDir: root, loader: 'js' },
        bundle: true,
        format: 'esm',
        platform: 'neutral',
        conditions,
        write: false,
        logLevel: 'silent',
      });
      expect(findPortabilityProblems(stripComments(result.outputFiles[0]!.text))).toEqual([]);
    }
  });
});

function readText(file: string): string {
  return readFileSync(`${root}${file}`, 'utf8');
}
