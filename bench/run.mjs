// `npm run bench`: runs every `bench/*.bench.mjs` in its own process (on the built package), collects the
// rows each wrote to `.reports/bench/`, and rewrites the measured part of docs/benchmarks.md (between the
// `bench:begin`/`bench:end` markers) with the machine description. Prose outside the markers is kept.
// `--quick`: a seconds-long smoke run of every benchmark (part of `npm test`), docs left untouched.
// `--only <name>`: run one benchmark file (its name without `.bench.mjs`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import { format, ratioOf, targetMet, targetText } from './report.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
const benchDir = new URL('./', import.meta.url);
const reportDir = new URL('../.reports/bench/', import.meta.url);
const files = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.mjs'))
  .filter((file) => only === undefined || file === `${only}.bench.mjs`)
  .sort();
if (files.length === 0) {
  console.error(`bench: no benchmark file${only ? ` named ${only}.bench.mjs` : ''} in bench/.`);
  process.exit(2);
}
rmSync(reportDir, { recursive: true, force: true });

const machine = `${osType()} ${release()}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')} at start`;
console.log(`bench: ${machine}${quick ? ' (quick smoke run: figures mean nothing)' : ''}\n`);
let failed = false;
const reports = [];
for (const file of files) {
  console.log(`== ${file}`);
  const run = spawnSync(process.execPath, ['--expose-gc', new URL(file, benchDir).pathname], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_QUICK: quick ? '1' : '0' },
  });
  const reportPath = new URL(`${file.replace(/\.bench\.mjs$/, '')}.json`, reportDir);
  if (run.status !== 0 || !existsSync(reportPath)) {
    console.error(`bench: ${file} failed (exit ${String(run.status)}${existsSync(reportPath) ? '' : ', no report written'}).`);
    failed = true;
    continue;
  }
  reports.push(JSON.parse(readFileSync(reportPath, 'utf8')));
  console.log('');
}

if (!quick && !failed && only === undefined) writeDocs(reports);
process.exit(failed ? 1 : 0);

function writeDocs(list) {
  const docPath = new URL('../docs/benchmarks.md', import.meta.url);
  const begin = '<!-- bench:begin (written by npm run bench; edit the prose outside these markers) -->';
  const end = '<!-- bench:end -->';
  const lines = [begin, '', `Measured on ${machine}, ${new Date().toISOString().slice(0, 10)}.`, ''];
  for (const report of list) {
    lines.push(`### ${report.name}`, '', '| what | runtime | ours | baseline | ratio | target |', '|---|---|---|---|---|---|');
    for (const row of report.rows) {
      const met = targetMet(row);
      const target = met === undefined ? '' : `${targetText(row)}: ${met ? 'met' : '**missed**'}`;
      const baseline = row.baseline === undefined ? '' : `${row.baselineName}: ${format(row.baseline)} ${row.unit}`;
      const ratio = row.baseline === undefined ? '' : ratioOf(row).toFixed(2);
      lines.push(`| ${row.group}: ${row.name} | ${row.runtime} | ${format(row.ours)} ${row.unit} | ${baseline} | ${ratio} | ${target} |`);
    }
    for (const note of report.notes ?? []) lines.push('', note);
    lines.push('');
  }
  lines.push(end);
  const previous = existsSync(docPath) ? readFileSync(docPath, 'utf8') : `# Benchmarks\n\nRun \`npm run bench\` (it builds first). Every figure is a median; the ratio is ours ÷ a baseline measured in the same run.\n\n${begin}\n${end}\n`;
  const start = previous.indexOf(begin);
  const stop = previous.indexOf(end);
  const next = start >= 0 && stop > start ? previous.slice(0, start) + lines.join('\n') + previous.slice(stop + end.length) : `${previous.trimEnd()}\n\n${lines.join('\n')}\n`;
  writeFileSync(docPath, next);
  console.log('bench: wrote docs/benchmarks.md');
}
