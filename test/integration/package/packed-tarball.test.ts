// What someone who only has node_modules gets: the tarball `npm pack` makes (the one `npm publish`
// uploads) holds the README, the guides and the examples, and every relative link in them, and every
// pointer to a guide in the package's own messages, resolves inside the tarball.
// Needs the built package (dist/): run `npm run build` first.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);
let dir: string;
/** The unpacked package: what `node_modules/line-business-connect/` holds after an install. */
let pkg: string;

/** Every file under `base`, as paths relative to it with `/` separators. */
function filesUnder(base: string): string[] {
  return readdirSync(base, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(base, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` before this test.');
  dir = mkdtempSync(join(tmpdir(), 'lbc-pack-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  await run('tar', ['-xzf', join(dir, filename), '-C', dir]);
  pkg = join(dir, 'package');
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors a Markdown file has (its headings, numbered like GitHub does for repeats). */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** The relative link targets of a Markdown file, outside code blocks and code spans. */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

describe('the packed tarball', () => {
  it('holds the README, the changelog, the licence, every guide in docs/ and every example, but not the generated API reference', () => {
    const files = filesUnder(pkg);
    for (const file of ['README.md', 'CHANGELOG.md', 'LICENSE', 'package.json', 'dist/index.js', 'dist/cli.js']) expect(files, file).toContain(file);
    const guides = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md'));
    expect(guides.length).toBeGreaterThan(10);
    expect(files.filter((file) => file.startsWith('docs/'))).toEqual(guides.map((name) => `docs/${name}`).sort());
    const examples = filesUnder(join(root, 'examples')).map((file) => `examples/${file}`);
    expect(files.filter((file) => file.startsWith('examples/'))).toEqual(examples);
  });

  it('resolves every relative link of every Markdown file inside the package, anchors included', () => {
    const markdownFiles = filesUnder(pkg).filter((file) => file.endsWith('.md'));
    expect(markdownFiles.length).toBeGreaterThan(15);
    const broken: string[] = [];
    let checked = 0;
    for (const file of markdownFiles) {
      for (const link of relativeLinks(readFileSync(join(pkg, file), 'utf8'))) {
        checked += 1;
        const [path = '', anchor] = link.split('#');
        const target = path === '' ? join(pkg, file) : resolve(dirname(join(pkg, file)), decodeURIComponent(path));
        if (!target.startsWith(pkg + '/') || !existsSync(target)) {
          broken.push(`${file}: ${link} (no such file in the package)`);
        } else if (anchor !== undefined && statSync(target).isFile() && target.endsWith('.md') && !anchorsOf(readFileSync(target, 'utf8')).has(anchor)) {
          broken.push(`${file}: ${link} (no heading with that anchor)`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('points its messages at guides that are in the package, by their path under node_modules', async () => {
    const pointers = new Set<string>();
    for (const file of filesUnder(join(pkg, 'dist')).filter((name) => /\.(c?js)$/.test(name))) {
      for (const match of readFileSync(join(pkg, 'dist', file), 'utf8').matchAll(/node_modules\/line-business-connect\/([\w./-]+\.md)/g)) pointers.add(match[1]!);
    }
    // The 401 hint of ApiError and the emulator's 404s.
    expect([...pointers].sort()).toEqual(['docs/emulator.md', 'docs/tokens.md']);
    for (const pointer of pointers) expect(existsSync(join(pkg, pointer)), pointer).toBe(true);

    const { ApiError } = (await import(join(pkg, 'dist', 'index.js'))) as typeof import('../../../src/index.js');
    const error = new ApiError({ status: 401, endpoint: 'POST /v1/events', statusCode: '401', statusMessage: 'Authentication failed' });
    expect(error.message).toBe('POST /v1/events failed with 401 (LINE statusCode 401: Authentication failed). The channel access token is invalid or expired: reissue it (see node_modules/line-business-connect/docs/tokens.md).');
  });
});
