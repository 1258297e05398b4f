// Size budget (`npm run size`, part of `npm test` after the build): bundles what a user ships, from the
// BUILT package (dist/index.js) with valibot included, minified ESM for a neutral platform (a Worker,
// a browser, Deno), gzips it and fails when a figure is over `sizeBudget` in package.json (gzip bytes).
//   webhook: an app that imports only createWebhookHandler (the receive path);
//   client:  an app that sends text with createClient (the send path);
//   root:    everything the root entry exports.
// `node scripts/size.mjs --json` prints the figures as JSON instead of a table; `--analyze` adds the
// biggest inputs of each bundle (minified bytes before gzip); `--src` measures src/ instead of dist/.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
// `--src` bundles src/index.ts instead (same code, per-file figures for --analyze; no build needed).
const fromSource = process.argv.includes('--src');
const dist = fileURLToPath(new URL(fromSource ? '../src/index.ts' : '../dist/index.js', import.meta.url));

/** The bundles measured: name → the source of an app entry that uses the package. */
export const sizeEntries = {
  webhook: `export { createWebhookHandler } from ${JSON.stringify(dist)};`,
  client: `export { createClient, text } from ${JSON.stringify(dist)};`,
  root: `export * from ${JSON.stringify(dist)};`,
};

/**
 * Bundles, minifies and gzips each entry.
 * @returns one row per entry: minified and gzip bytes, the budget, whether it fits, the biggest
 *   inputs and the minified code itself.
 */
export async function measureSizes() {
  if (!existsSync(dist)) throw new Error(`size: ${dist} is missing; run \`npm run build\` first.`);
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const budget = manifest.sizeBudget ?? {};
  const rows = [];
  for (const [name, contents] of Object.entries(sizeEntries)) {
    const result = await build({
      stdin: { contents, resolveDir: root, sourcefile: `size-${name}.js`, loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
      legalComments: 'none',
      metafile: true,
    }).catch((error) => {
      throw new Error(`size: cannot bundle the ${name} entry from dist/index.js: ${error.message}`);
    });
    const code = result.outputFiles[0].contents;
    const gzipBytes = gzipSync(code, { level: 9 }).byteLength;
    const limit = budget[name];
    if (typeof limit !== 'number') throw new Error(`size: package.json sizeBudget.${name} (gzip bytes) is missing.`);
    const inputs = Object.entries(Object.values(result.metafile.outputs)[0].inputs)
      .map(([file, info]) => ({ file, bytes: info.bytesInOutput }))
      .filter((input) => input.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes);
    rows.push({ name, minifiedBytes: code.byteLength, gzipBytes, budgetBytes: limit, ok: gzipBytes <= limit, inputs, code: new TextDecoder().decode(code) });
  }
  return rows;
}

const kB = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await measureSizes();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows.map(({ inputs, code, ...row }) => row)));
  } else {
    for (const row of rows) {
      console.log(
        `size ${row.name.padEnd(8)} minified ${String(row.minifiedBytes).padStart(7)} B (${kB(row.minifiedBytes)})  ` +
          `gzip ${String(row.gzipBytes).padStart(6)} B (${kB(row.gzipBytes)})  budget ${row.budgetBytes} B (${kB(row.budgetBytes)})  ` +
          `${row.ok ? 'ok' : 'OVER BUDGET'}`,
      );
      if (process.argv.includes('--analyze')) {
        for (const input of row.inputs.slice(0, 15)) console.log(`    ${String(input.bytes).padStart(7)} B  ${input.file}`);
      }
    }
  }
  const over = rows.filter((row) => !row.ok);
  if (over.length > 0) {
    console.error(
      `size: over budget: ${over.map((row) => `${row.name} ${row.gzipBytes} B gzip > ${row.budgetBytes} B`).join(', ')}. ` +
        'Make the code smaller, or raise sizeBudget in package.json with a reason in the CHANGELOG.',
    );
    process.exitCode = 1;
  }
}
