// Helpers shared by the runtime matrix and the portability test: walk a built entry and every chunk it
// imports, and find what would break on a runtime that is not Node (Workers, Deno, browsers).
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { transformSync } from 'esbuild';

/** One built file reached from an entry. */
export interface BuiltModule {
  /** Absolute path. */
  path: string;
  /** The code with comments and whitespace removed (strings and identifiers untouched). */
  code: string;
  /** Its import specifiers, in order. */
  imports: string[];
}

/** An entry and what it pulls in. */
export interface ModuleGraph {
  /** The entry first, then every relative import reached from it (chunks), each once. */
  modules: BuiltModule[];
  /** Bare specifiers (packages, builtins) imported anywhere in the graph, sorted, each once. */
  bareSpecifiers: string[];
}

// `from "x"`, `import "x"`, `import("x")`, `require("x")`; good enough for esbuild/tsup output. Not a
// keyword inside a string or after a dot (`check(o,"from","x")` in minified code is no import).
const specifierPattern = /(?<![\w$."'])(?:from|import|require)\s*\(?\s*(["'])([^"'\n]+)\1/g;

/** Removes comments (a doc comment may say "process." or "Buffer" in prose) without touching code. */
export function stripComments(code: string): string {
  return transformSync(code, { loader: 'js', minifyWhitespace: true, legalComments: 'none' }).code;
}

/** Every module specifier the code imports or requires, in order of appearance. */
export function importSpecifiers(code: string): string[] {
  return [...code.matchAll(specifierPattern)].map((match) => match[2]!);
}

/** The export conditions of a Worker or browser bundler (what wrangler passes to esbuild), in order. */
export const webConditions = ['workerd', 'worker', 'browser'];

/**
 * The file a package-internal `#name` import of `fromPath` loads under `conditions` (package.json
 * `imports` of the nearest package.json; `import` or `require` is added by the file's own format).
 */
export function resolvePackageImport(specifier: string, fromPath: string, conditions: readonly string[]): string {
  let dir = dirname(fromPath);
  while (!existsSync(join(dir, 'package.json'))) {
    if (dirname(dir) === dir) throw new Error(`no package.json above ${fromPath}`);
    dir = dirname(dir);
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { imports?: Record<string, unknown> };
  const wanted = new Set([...conditions, fromPath.endsWith('.cjs') ? 'require' : 'import', 'default']);
  let target: unknown = manifest.imports?.[specifier];
  while (target !== null && typeof target === 'object') {
    const key = Object.keys(target).find((condition) => wanted.has(condition));
    target = key === undefined ? undefined : (target as Record<string, unknown>)[key];
  }
  if (typeof target !== 'string') throw new Error(`package.json imports has no file for ${specifier} under ${[...wanted].join(', ')}`);
  return resolve(dir, target);
}

/**
 * Reads `entryPath` and, transitively, every relative module it imports, and every `#name` module
 * (package.json `imports`) as resolved under `conditions` (default: a Worker/browser bundler's).
 */
export function loadModuleGraph(entryPath: string, conditions: readonly string[] = webConditions): ModuleGraph {
  const modules: BuiltModule[] = [];
  const bare = new Set<string>();
  const seen = new Set<string>();
  const queue = [entryPath];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const code = stripComments(readFileSync(path, 'utf8'));
    const imports = importSpecifiers(code);
    modules.push({ path, code, imports });
    for (const specifier of imports) {
      if (specifier.startsWith('./') || specifier.startsWith('../')) queue.push(join(dirname(path), specifier));
      else if (specifier.startsWith('#')) queue.push(resolvePackageImport(specifier, path, conditions));
      else bare.add(specifier);
    }
  }
  return { modules, bareSpecifiers: [...bare].sort() };
}

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Patterns that tie code to Node (architecture.md: the core has no `node:*`, no `Buffer`, no `process`). */
const forbidden: { what: string; pattern: RegExp }[] = [
  { what: 'a `node:` import', pattern: /\bfrom\s*["']node:|\bimport\s*\(?\s*["']node:/ },
  { what: 'a `node:` require', pattern: /\brequire\s*\(\s*["']node:/ },
  { what: 'a `Buffer` use', pattern: /\bBuffer\s*[.([]|\bnew\s+Buffer\b|\bglobalThis\.Buffer\b/ },
  { what: 'a `process` use', pattern: /(?<![.\w$])process\s*[.[]|\bglobalThis\.process\b/ },
];

/** What in `code` ties it to Node, as readable strings with a bit of context; empty when portable. */
export function findPortabilityProblems(code: string): string[] {
  const problems: string[] = [];
  for (const { what, pattern } of forbidden) {
    const global = new RegExp(pattern.source, 'g');
    for (const match of code.matchAll(global)) {
      const at = match.index ?? 0;
      problems.push(`${what}: …${code.slice(Math.max(0, at - 30), at + 40)}…`);
    }
  }
  for (const specifier of importSpecifiers(code)) {
    if (nodeBuiltins.has(specifier)) problems.push(`an import of the Node builtin "${specifier}"`);
  }
  return problems;
}

/** A path relative to `root`, with forward slashes (for messages and workerd module names). */
export function relativePath(root: string, path: string): string {
  return relative(root, path).split('\\').join('/');
}
