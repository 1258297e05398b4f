// Runs every ```ts block of the client docs as written (the import of 'line-business-connect' is
// pointed at src/) and checks what it prints against the `// output` comments that follow each
// console.log: a doc that drifts from the code fails here.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbc-doc-snippets-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The code blocks of a markdown file. */
function snippets(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

/** Expected stdout: the comment after each console.log line, and comment lines right below it. */
function expectedOutput(code: string): string {
  const out: string[] = [];
  let inOutput = false;
  for (const line of code.split('\n')) {
    const trimmed = line.trim();
    if (line.includes('console.log(')) {
      const comment = /;\s*\/\/ (.*)$/.exec(line);
      if (comment) out.push(comment[1] ?? '');
      inOutput = true;
    } else if (inOutput && trimmed.startsWith('// ')) {
      out.push(trimmed.slice(3));
    } else {
      inOutput = false;
    }
  }
  return out.join('\n');
}

for (const doc of ['sending.md', 'errors.md', 'tokens.md']) {
  describe(`docs/${doc}`, async () => {
    const markdown = await readFile(join(root, 'docs', doc), 'utf8');
    snippets(markdown).forEach((code, index) => {
      it(`snippet ${index + 1} runs and prints what the doc says`, async () => {
        const file = join(dir, `${doc}-${index}.mjs`);
        const bundled = await build({
          stdin: { contents: code, loader: 'ts', resolveDir: root, sourcefile: `${doc}#${index + 1}.ts` },
          bundle: true,
          format: 'esm',
          platform: 'node',
          target: 'node20',
          write: false,
          alias: { 'line-business-connect': join(root, 'src/index.ts') },
          logLevel: 'silent',
        });
        await writeFile(file, bundled.outputFiles[0]!.text);
        const { stdout } = await run(process.execPath, [file], { timeout: 15_000 });
        expect(stdout.trim()).toBe(expectedOutput(code));
      });
    });
  });
}
