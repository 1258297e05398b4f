// Every fenced block of the README, docs/*.md and examples/**/README.md is proven here, as written.
// The convention (also in docs/README.md, "How the docs are tested"):
//
// - ```ts / ```js blocks RUN on Node: each is bundled with esbuild (its own imports only; packages stay
//   external, so `line-business-connect`, `/node` and `/testing` resolve to the BUILT dist/ through
//   package.json `exports`, and `npm:line-business-connect` to the same) and run by
//   test/docs/snippet-harness.mjs, where the only LINE is a local fake (businessConnectHandlers), servers
//   are forced onto 127.0.0.1 and a free port, and Deno.serve/Bun.serve are shims. Run `npm run build` first.
// - OUTPUT CHECKS: a comment after a `console.log(...)` call (same line, and `//` lines right below it) is
//   what that call must print; a top-level expression statement followed by `//` lines right below it
//   that start with `→`, `throws ` or a JSON value must evaluate to that JSON (`JSON.stringify(value)`;
//   the `→ ` is ignored) or, when it throws, to `throws Name (field "f"): "message"`. Other comments are
//   prose. Compared ignoring whitespace; `…` matches any text.
//   Each checked call must print exactly once, in source order; other console output is free.
// - ENTRY POINTS the snippet leaves behind are EXERCISED with a signed delivery (follow, text, block) and
//   a forged one: `export default { fetch }` (Workers, Hono: called with env and a ctx with waitUntil),
//   `export POST` (Next.js), Deno.serve/Bun.serve handlers, servers still listening (`app.listen(3000)`),
//   and top-level `handler`/`app` bindings. The signed one must get a 2xx, the forged one a 401 (or a
//   SignatureError thrown to the framework).
//   A block that serves something (export default, POST, .serve, .listen(<port>)) must have one.
// - Blocks are also TYPE-CHECKED against dist/*.d.ts, with minimal Deno/Bun declarations: ```ts with the
//   repo's strict tsconfig, ```js with checkJs, not strict. The run must exit 0 with an empty stderr.
// - DIRECTIVES: HTML comments right above a block (invisible on GitHub):
//     <!-- doc-test before
//     const reply = 'Thanks!'; // stands for the reader's own code the snippet assumes
//     -->
//   `before` code is put in front of the block, `after` code behind it (it may print and carry output
//   comments), `covered-by <test file>` hands the block to another test (the file must exist).
// - ```sh blocks: every command must be listed in `shellCommands` below with how it is proven; the cheap
//   ones run here. Blocks without a language (or text/json/md) are not code: e.g. expected CLI output,
//   which a shell test may compare.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build, type Plugin } from 'esbuild';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const outDir = join(root, '.reports', 'doc-snippets');
const harness = join(root, 'test', 'docs', 'snippet-harness.mjs');

// ---------------------------------------------------------------------------------------------
// Markdown → blocks

interface Block {
  doc: string; // path relative to the repo root
  index: number; // 1-based among the doc's fenced blocks
  line: number; // line of the opening fence
  lang: string;
  code: string;
  before: string;
  after: string;
  coveredBy?: string;
}

const codeLangs = new Set(['ts', 'typescript', 'js', 'javascript', 'mjs']);
const shellLangs = new Set(['sh', 'bash', 'shell', 'console']);
const textLangs = new Set(['', 'text', 'txt', 'json', 'md', 'markdown']);

function parseBlocks(doc: string, markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let pending: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const open = /^(\s*)```(\S*)\s*$/.exec(line);
    if (line.trim().startsWith('<!-- doc-test')) {
      const body: string[] = [line.trim().replace(/^<!--\s*/, '')];
      while (!(lines[i] ?? '').includes('-->') && i < lines.length) body.push(lines[++i] ?? '');
      pending.push(body.join('\n').replace(/\s*-->\s*$/, ''));
    } else if (open) {
      const indent = open[1] ?? '';
      const code: string[] = [];
      const start = i;
      while (++i < lines.length && !/^\s*```\s*$/.test(lines[i] ?? '')) code.push((lines[i] ?? '').replace(new RegExp(`^ {0,${indent.length}}`), ''));
      const block: Block = { doc, index: blocks.length + 1, line: start + 1, lang: open[2] ?? '', code: `${code.join('\n')}\n`, before: '', after: '' };
      for (const directive of pending) {
        const [head = '', ...rest] = directive.split('\n');
        const [, kind = '', arg = ''] = /^doc-test\s+(\S+)\s*(.*)$/.exec(head.trim()) ?? [];
        if (kind === 'before') block.before += `${rest.join('\n')}\n`;
        else if (kind === 'after') block.after += `${rest.join('\n')}\n`;
        else if (kind === 'covered-by') block.coveredBy = arg.trim();
        else throw new Error(`${doc}:${start + 1}: unknown directive "${head}" (before, after, covered-by)`);
      }
      pending = [];
      blocks.push(block);
    } else if (line.trim() !== '') {
      pending = [];
    }
  }
  return blocks;
}

async function markdownFiles(): Promise<string[]> {
  const docs = (await readdir(join(root, 'docs'))).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`);
  const examples = (await readdir(join(root, 'examples'), { recursive: true }))
    .filter((name) => name.endsWith('README.md'))
    .map((name) => `examples/${name}`);
  return ['README.md', ...docs.sort(), ...examples.sort()];
}

const docs = await markdownFiles();
const allBlocks = (await Promise.all(docs.map(async (doc) => parseBlocks(doc, await readFile(join(root, doc), 'utf8'))))).flat();
const codeBlocks = allBlocks.filter((block) => codeLangs.has(block.lang));
const slug = (block: Block) => `${block.doc.replace(/[/.]/g, '_')}-${block.index}`;
const label = (block: Block) => `${block.doc} block ${block.index} (line ${block.line}, ${block.lang})`;
const isTs = (block: Block) => block.lang === 'ts' || block.lang === 'typescript';

// ---------------------------------------------------------------------------------------------
// Output comments → expectations, and the code the harness runs

interface Instrumented {
  code: string;
  expected: string[];
  autoExports: string[];
}

/** The `//` comment lines that start right at `from` (after spaces and one newline at most per line). */
function commentLinesAfter(source: string, from: number, sameLine: boolean): string[] {
  const rest = source.slice(from);
  const out: string[] = [];
  const same = /^[ \t]*;?[ \t]*\/\/ ?([^\n]*)/.exec(rest);
  let offset = 0;
  if (sameLine && same) {
    out.push(same[1] ?? '');
    offset = same[0].length;
  } else {
    offset = /^[ \t]*;?[ \t]*/.exec(rest)?.[0].length ?? 0;
    if (rest[offset] !== '\n') return [];
  }
  const below = /^\n((?:[ \t]*\/\/[^\n]*(?:\n|$))+)/.exec(rest.slice(offset));
  if (below?.[1]) out.push(...below[1].split('\n').filter((l) => l.trim() !== '').map((l) => l.trim().replace(/^\/\/ ?/, '')));
  return out;
}

function instrument(source: string, fileName: string): Instrumented {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string; order: number; expected: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isExpressionStatement(node)) {
      const expression = node.expression;
      const callee = ts.isCallExpression(expression) ? expression.expression.getText(file) : '';
      if (callee === 'console.log') {
        const comments = commentLinesAfter(source, node.end, true);
        if (comments.length > 0) {
          const target = (expression as ts.CallExpression).expression;
          edits.push({ start: target.getStart(file), end: target.end, text: `__docLog(${edits.length})`, order: node.end, expected: comments.join('\n') });
        }
      } else if (node.parent === file) {
        const comments = commentLinesAfter(source, node.end, false);
        if (comments.length > 0 && looksLikeValue(comments[0]!)) {
          const id = edits.length;
          edits.push({
            start: node.getStart(file),
            end: node.end,
            text: `await __docShow(${id}, async () => (${expression.getText(file)}));`,
            order: node.end,
            expected: comments.join('\n').replace(/^→\s*/, ''),
          });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  // The ids were given in visit order, which is source order for these non-nested edits.
  let code = source;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) code = code.slice(0, edit.start) + edit.text + code.slice(edit.end);
  // Top-level `handler` / `app` bindings become visible to the harness, which exercises them.
  const autoExports: string[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement) || statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && ['handler', 'app'].includes(declaration.name.text)) autoExports.push(declaration.name.text);
    }
  }
  if (autoExports.length > 0) code += `\nexport { ${autoExports.map((name) => `${name} as __docExport_${name}`).join(', ')} };\n`;
  return { code, expected: edits.sort((a, b) => a.order - b.order).map((edit) => edit.expected), autoExports };
}

/** A value-display comment starts with `→`, `throws ` or a JSON value; anything else is prose. */
const looksLikeValue = (comment: string) => /^(→|throws |[{["\d-]|true\b|false\b|null\b|undefined\b)/.test(comment.trim());

const squash = (text: string) => text.replace(/\s+/g, '');
/** Whitespace-insensitive match where `…` in the expectation stands for any text. */
function matches(expected: string, actual: string): boolean {
  const pattern = squash(expected)
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`, 's').test(squash(actual));
}

// ---------------------------------------------------------------------------------------------
// Bundling and running

const npmSpecifiers: Plugin = {
  name: 'npm-specifiers',
  setup(esbuild) {
    // Deno's `npm:line-business-connect` is the same package as the bare name on Node.
    esbuild.onResolve({ filter: /^npm:/ }, (args) => ({ path: args.path.slice(4), external: true }));
  },
};

async function bundle(block: Block, code: string): Promise<string> {
  const file = join(outDir, `${slug(block)}.mjs`);
  const result = await build({
    // Relative imports resolve from the doc's folder, as a reader of that file would read them.
    stdin: { contents: code, loader: isTs(block) ? 'ts' : 'js', resolveDir: dirname(join(root, block.doc)), sourcefile: `${block.doc}#${block.index}` },
    bundle: true,
    packages: 'external',
    external: ['line-business-connect', 'line-business-connect/*'], // else esbuild bundles the self-reference
    plugins: [npmSpecifiers],
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  await writeFile(file, result.outputFiles[0]!.text);
  return file;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  records: Record<string, unknown>[];
}

function runNode(args: string[], env: Record<string, string> = {}, timeoutMs = 25_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env, NODE_NO_WARNINGS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

async function runSnippet(block: Block, file: string): Promise<RunResult> {
  const recordsFile = join(outDir, `${slug(block)}.records.jsonl`);
  await rm(recordsFile, { force: true });
  const secret = /channelSecret:\s*'([^']+)'/.exec(block.before + block.code)?.[1] ?? 'doc-test-channel-secret';
  const result = await runNode([harness, file], { DOC_RECORDS: recordsFile, DOC_CHANNEL_SECRET: secret });
  const records = existsSync(recordsFile)
    ? (await readFile(recordsFile, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    : [];
  return { ...result, records };
}

// ---------------------------------------------------------------------------------------------
// Type checking, once for all blocks, in a worker (test/docs/typecheck-snippets.mjs)

const ambient = `// Minimal declarations of the Deno and Bun APIs the docs use (the real ones are in those runtimes).
declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(handler: (request: Request) => Response | Promise<Response>): unknown;
  serve(options: { port?: number; hostname?: string }, handler: (request: Request) => Response | Promise<Response>): unknown;
};
declare const Bun: {
  env: Record<string, string | undefined>;
  serve(options: { port?: number; hostname?: string; fetch(request: Request): Response | Promise<Response> }): unknown;
};
`;

const typeErrors = new Map<string, string[]>();

async function typeCheck(): Promise<void> {
  const dir = join(outDir, 'types');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const files: string[] = [join(dir, 'ambient.d.ts')];
  await writeFile(files[0]!, ambient);
  for (const block of codeBlocks) {
    if (block.coveredBy) continue;
    const file = join(dir, `${slug(block)}.${isTs(block) ? 'ts' : 'mjs'}`);
    const source = `${block.before}${block.code}${block.after}`;
    // The copy lives elsewhere: point its relative imports at the files next to the doc.
    const absolute = source.replace(/(from\s+|import\()'(\.{1,2}\/[^']+)'/g, (_m, head: string, path: string) => `${head}'${join(dirname(join(root, block.doc)), path)}'`);
    await writeFile(file, absolute);
    files.push(file);
  }
  const worker = new Worker(join(root, 'test', 'docs', 'typecheck-snippets.mjs'), { workerData: { root, dir, files } });
  const errors = await new Promise<Record<string, string[]>>((done, fail) => {
    worker.once('message', done);
    worker.once('error', fail);
  });
  await worker.terminate();
  for (const [name, list] of Object.entries(errors)) typeErrors.set(name, list);
}

// ---------------------------------------------------------------------------------------------
// Shell commands of ```sh blocks: each one says how it is proven.

const shellCommands: Record<string, string> = {
  'npm install && npm test': 'not run here: it is the whole suite (CI runs `npm test`), and installs',
  'npm install line-business-connect': 'not run here (the registry): test/integration/package/packed-tarball.test.ts installs the packed tarball the same way and checks what it holds',
  'npx line-bc emulator --webhook http://127.0.0.1:8000/':
    'run below as `node dist/cli.js emulator …` (npx finds the same bin once installed); test/runtimes/readme-example.test.ts runs the README bot against the same emulator (startEmulator, free ports)',
  'LINE_CHANNEL_SECRET=emulator-channel-secret LINE_CHANNEL_TOKEN=emulator-channel-token LINE_API_BASE_URL=http://127.0.0.1:8765 deno serve --allow-env --allow-net bot.mjs':
    'test/runtimes/readme-example.test.ts runs the README block as bot.mjs with `deno serve --allow-env --allow-net` and these settings (the emulator on a free port), and under `bun` and workerd',
  'npm start': 'test/integration/start/start.test.ts runs `node scripts/start.mjs --once --no-build` and the Ctrl-C path',
  'npx line-bc emulator --webhook http://127.0.0.1:3000/callback': 'run below as `node dist/cli.js emulator …` (npx finds the same bin once installed)',
  'LINE_CHANNEL_SECRET=emulator-channel-secret LINE_CHANNEL_TOKEN=emulator-channel-token LINE_API_BASE_URL=http://127.0.0.1:8765 PORT=3000 node examples/echo-bot/echo-bot.mjs':
    'not run here: needs the emulator (or `line-bc load --port 8765`) of the neighbouring line; test/integration/start/start.test.ts and test/integration/cli/load.test.ts run the same bot against them',
  'npx line-bc doctor https://bot.example.com/callback':
    'flags checked below (`… --help` exits 0); the network is not used here: test/integration/cli/doctor.test.ts runs `node dist/cli.js doctor <url>` against local HTTPS servers',
  'npx line-bc doctor https://bot.example.com/callback --channel-secret "$LINE_CHANNEL_SECRET" --media https://bot.example.com/media/welcome.jpg':
    'flags checked below; test/integration/cli/doctor.test.ts runs the doctor with --channel-secret and --media against a local bot and media server',
  'npx line-bc doctor https://staging.bot.example.com/callback --ca ./staging-ca.pem --json':
    'flags checked below; test/integration/cli/doctor.test.ts runs every scenario with --ca <test root> --json',
  'npx line-bc load http://127.0.0.1:3000/callback --channel-secret emulator-channel-secret --port 8765 --rate 200 --duration 10':
    'flags checked below; test/integration/cli/load.test.ts runs `node dist/cli.js load` against the echo bot started as in the line above (free ports, a shorter run) and checks the sample report of docs/operations.md',
  'npx line-bc load https://staging.bot.example.com/callback --channel-secret "$LINE_CHANNEL_SECRET" --rate 500 --count 20000 --users 1000 --mix text:8,image:1,sticker:1 --json':
    'flags checked below (a staging server is not reachable here); test/integration/cli/load.test.ts runs --mix with every kind and --json',
  'npm run bench': 'not run here (minutes long): test/bench/bench-smoke.test.ts runs every bench/*.bench.mjs for seconds (`bench/run.mjs --quick`)',
  'npm run build && node --expose-gc bench/fanout.bench.mjs': 'not run here (minutes long): test/bench/bench-smoke.test.ts runs it for seconds with BENCH_QUICK=1',
  'npm run reliability': 'not run here (it is the suite test/reliability/ that npm test runs, plus the report): test/reliability/report-script.test.ts checks the report it writes',
  'RELIABILITY_SCALE=10 npm run reliability': 'not run here (ten times the suite); every test of test/reliability/ reads RELIABILITY_SCALE through reliability-report.ts',
};

function shellLines(block: Block): string[] {
  return block.code
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

// ---------------------------------------------------------------------------------------------

/** The `<runner> examples/<path>` commands of examples/README.md. */
async function exampleCommands(): Promise<{ runner: string; path: string }[]> {
  const markdown = await readFile(join(root, 'examples', 'README.md'), 'utf8');
  return [...markdown.matchAll(/`[^`]*?\b(node|bun|deno [a-z]+(?: --[a-z-]+)*) (examples\/[^\s`]+)`/g)].map((m) => ({
    runner: m[1]!.split(' ')[0]!,
    path: m[2]!,
  }));
}

/** Instruments, bundles and runs a block; the output checks are made by its test. */
async function prove(block: Block): Promise<{ expected: string[]; result: RunResult }> {
  const { code, expected } = instrument(`${block.before}${block.code}${block.after}`, `${slug(block)}.ts`);
  return { expected, result: await runSnippet(block, await bundle(block, code)) };
}

/** Runs `task` for each item, at most `limit` at a time; the promises are in item order. */
function pool<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R>[] {
  let chain = 0;
  const lanes: Promise<unknown>[] = Array.from({ length: limit }, () => Promise.resolve());
  return items.map((item) => {
    const lane = chain++ % limit;
    const run = lanes[lane]!.then(() => task(item));
    lanes[lane] = run.catch(() => {});
    return run;
  });
}

const runs = new Map<Block, Promise<{ expected: string[]; result: RunResult }>>();
let docsBuild: Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> | undefined;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'dist', 'testing.js'))) {
    throw new Error('dist/ is missing: run `npm run build` before the docs tests (npm test does).');
  }
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  // `npm run docs` (TypeDoc) is slow: it runs in the background while the snippets run.
  const started = Date.now();
  docsBuild = new Promise((done, fail) => {
    const child = spawn('npm', ['run', 'docs'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, ms: Date.now() - started }));
  });
  // Two snippet processes at a time, next to TypeDoc and the type check; each test awaits its own run.
  const runnable = codeBlocks.filter((block) => !block.coveredBy);
  pool(runnable, 2, prove).forEach((run, i) => {
    run.catch(() => {}); // reported by the block's own test
    runs.set(runnable[i]!, run);
  });
  await typeCheck();
}, 300_000); // the type check of every snippet is CPU-bound: the limit only catches a hang, on a loaded machine too

afterAll(async () => {
  await docsBuild;
});

describe('the runner itself', () => {
  it('reads output comments after console.log calls and value comments after top-level expressions, not prose', () => {
    const source = [
      'console.log(1); // 1',
      'console.log(2);',
      '// 2',
      '//   3',
      "text('a');",
      '// → {"a":1}',
      'app.post();',
      '// Mount other routes after this one.',
      'f(); // a trailing remark',
      'if (x) console.log(4); // 4',
      '',
    ].join('\n');
    const { code, expected } = instrument(source, 'self-test.ts');
    expect(expected).toEqual(['1', '2\n  3', '{"a":1}', '4']);
    expect(code).toContain('__docLog(0)(1);');
    expect(code).toContain("await __docShow(2, async () => (text('a')));");
    expect(code).toContain('app.post();');
  });

  it('compares ignoring whitespace, with … for any text', () => {
    expect(matches('{ "a": 1,\n  "b": … }', '{"a":1,"b":{"c":[2]}}')).toBe(true);
    expect(matches('true [ \'m-1\' ]', "true [ 'm-2' ]")).toBe(false);
    expect(matches('200', '2000')).toBe(false);
  });

  it('takes directives from the HTML comments right above a fence', () => {
    const markdown = ['<!-- doc-test before', 'const a = 1;', '-->', '<!-- doc-test covered-by x.test.ts -->', '  ```ts', '  a;', '  ```', 'text', '```sh', 'npm test', '```'].join('\n');
    const [ts, sh] = parseBlocks('x.md', markdown);
    expect(ts).toMatchObject({ index: 1, line: 5, lang: 'ts', code: 'a;\n', before: 'const a = 1;\n', coveredBy: 'x.test.ts' });
    expect(sh).toMatchObject({ index: 2, lang: 'sh', code: 'npm test\n', before: '' });
    expect(sh?.coveredBy).toBeUndefined();
  });
});

describe('every fenced block is proven', () => {
  it('each block has a known kind: code, shell or text', () => {
    const unknown = allBlocks.filter((b) => !codeLangs.has(b.lang) && !shellLangs.has(b.lang) && !textLangs.has(b.lang)).map(label);
    expect(unknown, 'decide how these blocks are proven (see the top of this file)').toEqual([]);
  });

  it('each shell command is listed with how it is proven', () => {
    const commands = allBlocks.filter((b) => shellLangs.has(b.lang)).flatMap((b) => shellLines(b).map((command) => ({ command, where: label(b) })));
    expect(commands.length).toBeGreaterThan(0);
    const unlisted = commands.filter(({ command }) => !(command in shellCommands));
    expect(unlisted, 'add these to `shellCommands` with how they are proven').toEqual([]);
  });

  it('every example command of examples/README.md names an existing file', async () => {
    const paths = (await exampleCommands()).map((command) => command.path);
    expect(paths.length).toBeGreaterThanOrEqual(6);
    expect(paths.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });

  // `LINE_CHANNEL_SECRET=… node examples/…`, as written: the module runs as the main script (its
  // `listen(PORT ?? 3000)` moved to 127.0.0.1 and a free port) and gets a signed and a forged delivery.
  // The Bun, Deno, Hono and Workers commands run in their runtimes in test/runtimes/.
  it('the `node examples/…` commands of examples/README.md serve a webhook that verifies signatures', async () => {
    const nodeCommands = (await exampleCommands()).filter((command) => command.runner === 'node');
    expect(nodeCommands.length).toBeGreaterThanOrEqual(3);
    const results = await Promise.all(
      nodeCommands.map(async ({ path }) => {
        const records = join(outDir, `example-${path.replace(/\W/g, '_')}.jsonl`);
        const run = await runNode([harness, join(root, path)], { DOC_RECORDS: records, DOC_AS_MAIN: '1' });
        const lines = existsSync(records) ? (await readFile(records, 'utf8')).split('\n').filter(Boolean) : [];
        const exercised = lines.map((line) => JSON.parse(line) as { kind: string; valid?: unknown; forged?: unknown }).filter((r) => r.kind === 'exercise');
        return { path, code: run.code, stderr: withoutForgedWarnings(run.stderr), exercised: exercised.map(({ valid, forged }) => ({ valid, forged })) };
      }),
    );
    expect(results).toEqual(
      nodeCommands.map(({ path }) => ({ path, code: 0, stderr: '', exercised: [{ valid: { status: 200 }, forged: { status: 401 } }] })),
    );
  });
});

/**
 * stderr without the warnings the library's default logger prints for the forged deliveries the
 * harness sends (one `webhook delivery rejected with 401` line each): anything else must stay empty.
 */
function withoutForgedWarnings(stderr: string): string {
  const forged =
    '[line-business-connect] webhook delivery rejected with 401: SignatureError: The X-LINE-ChannelSignature header does not match the body: check the channel secret, and verify the raw body bytes, not re-serialised JSON.';
  return stderr
    .split('\n')
    .filter((line) => line !== forged)
    .join('\n')
    .replace(/^\n+$/, '');
}

for (const block of codeBlocks) {
  const title = label(block);
  if (block.coveredBy) {
    it(`${title} is run by ${block.coveredBy}`, () => {
      const coveringFile = join(root, block.coveredBy!);
      expect(existsSync(coveringFile)).toBe(true);
      // The covering test must read this doc itself (by name), not merely exist.
      expect(readFileSync(coveringFile, 'utf8')).toContain(basename(block.doc));
    });
    continue;
  }
  it(`${title} type-checks, runs and prints what the doc says`, async () => {
    expect.soft(typeErrors.get(slug(block)) ?? [], `${title}: type errors`).toEqual([]);
    const { expected, result } = await runs.get(block)!;
    expect({ exitCode: result.code, stderr: withoutForgedWarnings(result.stderr) }, `${title}: stdout was\n${result.stdout}`).toEqual({ exitCode: 0, stderr: '' });

    const printed = result.records.filter((r) => r.kind === 'out').map((r) => String(r.text));
    const shown = printed.map((actual, i) => (expected[i] !== undefined && matches(expected[i], actual) ? expected[i] : actual));
    expect(shown, `${title}: output comments vs what was printed`).toEqual(expected);

    const exercised = result.records.filter((r) => r.kind === 'exercise');
    for (const entry of exercised) {
      const valid = entry.valid as { status?: number; threw?: string };
      const forged = entry.forged as { status?: number; threw?: string };
      expect({ entry: entry.name, valid: valid.status !== undefined && valid.status >= 200 && valid.status < 300 }, JSON.stringify(entry)).toEqual({
        entry: entry.name,
        valid: true,
      });
      // A forged delivery: 401, or a SignatureError thrown to the framework by a snippet that lets it handle errors.
      expect({ entry: entry.name, forgedRejected: forged.status === 401 || (forged.threw ?? '').startsWith('SignatureError:') }, JSON.stringify(entry)).toEqual({
        entry: entry.name,
        forgedRejected: true,
      });
    }
    if (/export default|export (async )?function POST|\.serve\(|\.listen\(\s*([1-9]|\{\s*port)/.test(block.code)) {
      expect(exercised.map((r) => r.name), `${title} serves something: the harness must find its entry point`).not.toEqual([]);
    }
  });
}

describe('shell commands', () => {
  // No timing assertion here: a loaded machine may take minutes; the time limit below only bounds a hang.
  it('`npm run docs` builds the API reference into docs/api/ (exit 0)', async () => {
    const result = await docsBuild!;
    expect({ code: result.code, stderr: result.stderr.split('\n').filter((l) => /error|warning/i.test(l)) }, result.stdout).toEqual({ code: 0, stderr: [] });
    expect(existsSync(join(root, 'docs', 'api', 'index.html'))).toBe(true);
  }, 300_000);

  it('`line-bc --help` and `line-bc emulator --help` exit 0 and print the usage', async () => {
    const top = await runNode([join(root, 'dist', 'cli.js'), '--help']);
    expect(top.code, top.stderr).toBe(0);
    expect(top.stdout).toContain('emulator');
    const emulator = await runNode([join(root, 'dist', 'cli.js'), 'emulator', '--help']);
    expect(emulator.code, emulator.stderr).toBe(0);
    // Every flag of the docs/emulator.md table is in the usage.
    const table = (await readFile(join(root, 'docs', 'emulator.md'), 'utf8')).match(/^\| `--[a-z-]+/gm) ?? [];
    expect(table.length).toBeGreaterThan(5);
    for (const flag of table.map((row) => row.slice(3))) expect(emulator.stdout, flag).toContain(flag);
  });

  it.each([
    ['doctor', 3, 6],
    ['load', 2, 16],
  ])('`line-bc %s`: the commands of docs/operations.md use only known flags, and --help lists every flag of its table', async (command, commandCount, flagCount) => {
    const markdown = await readFile(join(root, 'docs', 'operations.md'), 'utf8');
    const blocks = parseBlocks('docs/operations.md', markdown);
    const commands = blocks.filter((b) => shellLangs.has(b.lang)).flatMap(shellLines).filter((line) => line.startsWith(`npx line-bc ${command} `));
    expect(commands.length).toBe(commandCount);
    for (const line of commands) {
      // parseArgs rejects an unknown flag or a missing value before --help is honoured: exit 0 proves the flags.
      const run = await runNode([join(root, 'dist', 'cli.js'), ...line.split(' ').slice(2), '--help']);
      expect({ line, code: run.code, stderr: run.stderr }).toEqual({ line, code: 0, stderr: '' });
    }
    const help = await runNode([join(root, 'dist', 'cli.js'), command, '--help']);
    // The flags table of the command's own section (up to the next `## ` heading).
    const section = markdown.slice(markdown.indexOf(`## \`line-bc ${command}\``)).split(/\n## /)[0]!;
    const table = section.match(/^\| `--[a-z-]+/gm) ?? [];
    expect(table.length).toBe(flagCount);
    for (const flag of table.map((row) => row.slice(3))) expect(help.stdout, flag).toContain(flag);
  });

  it.each(['docs/emulator.md', 'README.md'])('`npx line-bc emulator --webhook …` of %s starts (printing the banner shown there) and stops with 0 on Ctrl-C', async (file) => {
    const markdown = await readFile(join(root, file), 'utf8');
    const blocks = parseBlocks(file, markdown);
    const command = blocks.findIndex((b) => shellLangs.has(b.lang) && b.code.includes('line-bc emulator --webhook'));
    expect(command, 'the emulator command').toBeGreaterThanOrEqual(0);
    // A block without a language right after the command is its output (docs/emulator.md shows it).
    const banner = blocks[command + 1]?.lang === '' ? blocks[command + 1] : undefined;
    const args = shellLines(blocks[command]!)[0]!.split(' ').slice(2); // after `npx line-bc`
    const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), ...args, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    const expectedLines = (banner?.code ?? '').split('\n').filter((l) => l.trim() !== '' && l.trim() !== '…');
    try {
      await new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no banner within 10 s; got:\n${stdout}`)), 10_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString('utf8');
          // The CLI installs its SIGINT handler right after printing "Press Ctrl-C to stop.".
          if (stdout.includes('Press Ctrl-C to stop.')) {
            clearTimeout(timer);
            setTimeout(done, 200);
          }
        });
      });
      const port = /127\.0\.0\.1:(\d+)/.exec(stdout)?.[1];
      const printed = stdout.split('\n').slice(0, expectedLines.length);
      expect(printed.map((l) => l.trimEnd())).toEqual(expectedLines.map((l) => l.trimEnd().replaceAll(':8765', `:${port}`)));
      expect(stdout, 'the banner names the webhook URL of the command').toContain(args[args.indexOf('--webhook') + 1]);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });
});
