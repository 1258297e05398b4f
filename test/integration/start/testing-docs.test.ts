// docs/testing.md promises snippets that run as written: run each ```ts block against the built package
// (npm test builds before vitest) and compare its output with the `// …` result comments next to it.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
// Inside the package (not under node_modules), so `import 'line-business-connect/testing'` resolves by self-reference.
const outDir = join(root, '.reports', 'docs-snippets');
const markdown = readFileSync(join(root, 'docs', 'testing.md'), 'utf8');
const snippets = [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

function runNode(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Collapses whitespace so a pretty-printed console.log matches a one-line comment. */
const squash = (text: string) => text.replace(/\s+/g, '').replace(/,([}\]])/g, '$1');

describe('docs/testing.md snippets', () => {
  it('has the four snippets', () => {
    expect(snippets).toHaveLength(4);
  });

  it.each(snippets.map((code, index) => [index, code] as const))('snippet %i runs and prints what its comments say', async (index, code) => {
    mkdirSync(outDir, { recursive: true });
    const { code: js } = await transform(code, { loader: 'ts', format: 'esm', target: 'node20' });
    const file = join(outDir, `testing-${index}.mjs`);
    writeFileSync(file, js);
    const result = await runNode(file);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Every `console.log(...); // result` comment (with its continuation lines) must appear in the output, in order.
    const expected = [...code.matchAll(/console\.log\([^\n]*\);(?: \/\/ ([^\n]*))?((?:\n\/\/ [^\n]*)*)/g)]
      .map((match) => `${match[1] ?? ''}${(match[2] ?? '').replace(/\n\/\/ /g, ' ')}`)
      .filter((text) => text.trim() !== '');
    let output = squash(result.stdout);
    for (const text of expected) {
      const at = output.indexOf(squash(text));
      expect(at, `output should contain ${text}`).toBeGreaterThanOrEqual(0);
      output = output.slice(at + squash(text).length);
    }
  }, 30_000);
});
