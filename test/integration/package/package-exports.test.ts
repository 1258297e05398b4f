// package.json is the published contract: its `exports` map must name exactly the tsup entries, with
// ESM + CJS + types for each, and the metadata npm shows must be complete (architecture.md, entry points).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { binEntries, entries } from '../../../tsup.config.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as Record<string, unknown> & {
  exports: Record<string, unknown>;
  files: string[];
  engines?: { node?: string };
  keywords?: string[];
  bin?: Record<string, string> | string;
};

/** The package subpath of a tsup entry: `index` → `.`, `node` or `node/index` → `./node`. */
function subpathOf(entry: string): string {
  const name = entry.replace(/(^|\/)index$/, '');
  return name === '' ? '.' : `./${name}`;
}

/** The `exports` value a tsup entry `name` must have (ESM .js/.d.ts, CJS .cjs/.d.cts, types first). */
function expectedExport(entry: string) {
  return {
    import: { types: `./dist/${entry}.d.ts`, default: `./dist/${entry}.js` },
    require: { types: `./dist/${entry}.d.cts`, default: `./dist/${entry}.cjs` },
  };
}

const entryNames = Object.keys(entries);
const exportedSubpaths = Object.keys(manifest.exports).filter((subpath) => subpath !== './package.json');

describe('package.json exports and tsup entries', () => {
  it('list the same subpaths', () => {
    // The public contract (architecture.md): exactly these subpaths, plus ./package.json.
    expect([...exportedSubpaths].sort()).toEqual(['.', './aws-lambda', './cloudflare', './emulator', './node', './protocol', './testing']);
    expect([...exportedSubpaths].sort()).toEqual(entryNames.map(subpathOf).sort());
  });

  it.each(entryNames)('entry %s: source exists and exports points at its ESM, CJS and type files', (entry) => {
    const source = (entries as Record<string, string>)[entry]!;
    expect(existsSync(`${root}${source}`)).toBe(true);
    const value = manifest.exports[subpathOf(entry)];
    expect(value).toEqual(expectedExport(entry));
    // `types` must come first in each condition block, or TypeScript may skip it.
    const conditions = value as Record<string, Record<string, string>>;
    expect(Object.keys(conditions.import!)[0]).toBe('types');
    expect(Object.keys(conditions.require!)[0]).toBe('types');
  });

  it('builds every bin from a tsup bin entry (ESM file) and nothing else', () => {
    const bins = typeof manifest.bin === 'string' ? { [String(manifest.name)]: manifest.bin } : (manifest.bin ?? {});
    expect(Object.values(bins).sort()).toEqual(Object.keys(binEntries).map((entry) => `./dist/${entry}.js`).sort());
    for (const source of Object.values(binEntries)) expect(existsSync(`${root}${source}`)).toBe(true);
  });

  it('keeps ./package.json exported and the root fields in line with the root entry', () => {
    expect(manifest.exports['./package.json']).toBe('./package.json');
    expect(manifest.main).toBe('./dist/index.cjs');
    expect(manifest.module).toBe('./dist/index.js');
    expect(manifest.types).toBe('./dist/index.d.cts');
  });
});

describe('package.json metadata', () => {
  it('is an MIT-licensed, side-effect-free ES module package with a LICENSE file', () => {
    expect(manifest.license).toBe('MIT');
    expect(manifest.type).toBe('module');
    expect(manifest.sideEffects).toBe(false);
    const license = readFileSync(`${root}LICENSE`, 'utf8');
    expect(license.startsWith('MIT License\n')).toBe(true);
    expect(license).toContain('Copyright (c) 2026 line-business-connect contributors');
  });

  it('declares engines, files and keywords, and no repository field', () => {
    expect(manifest.engines?.node).toMatch(/^>=20(\.\d+){0,2}$/);
    expect(manifest.files).toEqual(expect.arrayContaining(['dist', 'README.md', 'CHANGELOG.md', 'LICENSE']));
    expect(manifest.keywords).toEqual(expect.arrayContaining(['line', 'line-business-connect', 'webhook', 'cloudflare-workers', 'deno', 'bun']));
    expect(manifest).not.toHaveProperty('repository');
  });

  it('ships only built files from dist (no src, no tests)', () => {
    for (const file of manifest.files) expect(file).not.toMatch(/^(src|test|scripts)\b/);
  });
});
