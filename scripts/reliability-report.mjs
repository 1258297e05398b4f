// `npm run reliability`: runs the reliability suite (`vitest run test/reliability`, with RELIABILITY_SCALE
// and RELIABILITY_SEED passed on), then rewrites the generated section of docs/reliability.md from the
// figures each test wrote to .reports/reliability/<name>.json, with the machine and the date. The section
// is written only when every test passed. `--report-only` skips the run and writes the section again from
// the last run's figures (to work on this script).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const figuresDirectory = `${root}.reports/reliability/`;
const vitestReport = `${root}.reports/reliability-vitest.json`;
/** Wall time and counts of the last run, for `--report-only`. */
const runRecord = `${root}.reports/reliability-run.json`;
const documentPath = `${root}docs/reliability.md`;

/** Where the generated section starts and ends in docs/reliability.md. */
export const markers = ['<!-- reliability-report:start (written by `npm run reliability`; edit scripts/reliability-report.mjs instead) -->', '<!-- reliability-report:end -->'];

/** The order of the tests in the report; others follow by name. */
const order = ['webhook-fuzz', 'node-adapters-fuzz', 'send-faults', 'token-rotation', 'token-store-processes', 'body-cap', 'secrets'];

const number = (value) => value.toLocaleString('en-US');
const orDash = (value, format = number) => (value === undefined ? '–' : format(value));
const bytes = (value) => (value < 1024 ? `${value} B` : value < 2 ** 20 ? `${(value / 1024).toFixed(1)} KiB` : `${(value / 2 ** 20).toFixed(1)} MiB`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const cell = (text) => String(text).replaceAll('|', '\\|');

/** The machine the run happened on, in one line. */
export function describeMachine() {
  const cpus = os.cpus();
  const load = os.loadavg().map((value) => value.toFixed(1)).join(', ');
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}; load average ${load} when the run ended`;
}

/**
 * The generated section: the run (date, machine, scale, tests passed, wall time), one summary row per
 * test, then each test's own figures.
 * @param {{ figures: Record<string, any>[]; machine: string; date: string; wallMs: number; passed: number; failed: number }} run
 */
export function renderReport(run) {
  const figures = [...run.figures].sort((a, b) => {
    const rank = (name) => (order.includes(name) ? order.indexOf(name) : order.length);
    return rank(a.name) - rank(b.name) || a.name.localeCompare(b.name);
  });
  const scales = [...new Set(figures.map((f) => f.scale))].join(', ');
  const lines = [
    `Run of ${run.date} on ${run.machine}.`,
    '',
    `RELIABILITY_SCALE ${scales}; ${run.passed} tests passed, ${run.failed} failed, in ${seconds(run.wallMs)} of wall time.`,
    '',
    '| test | cases | faults injected | lost | duplicated (reported possible) | leaks (errors and log lines scanned) | read past the cap | RSS growth | time |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const f of figures) {
    const duplicated = f.duplicated === undefined ? '–' : `${number(f.duplicated)}${f.possibleDuplicates === undefined ? '' : ` (${number(f.possibleDuplicates)})`}`;
    lines.push(
      `| \`${f.name}\` | ${number(f.casesRun)} ${f.unit} | ${orDash(f.faultsInjected)} | ${orDash(f.recipientsLost)} | ${duplicated} | ${number(f.leaksFound)} (${number(f.itemsScanned)}) | ${orDash(f.maxBytesPastCap, bytes)} | ${orDash(f.rssGrowthBytes, bytes)} | ${seconds(f.durationMs)} |`,
    );
  }
  for (const f of figures) {
    lines.push('', `### \`${f.name}\`: ${f.title}`, '', `Seed ${f.seed}.`, '', '| figure | value |', '|---|---|');
    for (const [key, value] of Object.entries(f.details ?? {})) lines.push(`| ${cell(key)} | ${cell(typeof value === 'number' ? number(value) : value)} |`);
  }
  return lines.join('\n');
}

/** `markdown` with the text between the markers replaced by `section` (the markers are added at the end when missing). */
export function replaceSection(markdown, section) {
  const [start, end] = markers;
  const from = markdown.indexOf(start);
  const to = markdown.indexOf(end);
  if (from < 0 || to < from) return `${markdown.trimEnd()}\n\n${start}\n${section}\n${end}\n`;
  return `${markdown.slice(0, from + start.length)}\n${section}\n${markdown.slice(to)}`;
}

/** The figures the tests wrote. */
export function readFigures(directory = figuresDirectory) {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(`${directory}${file}`, 'utf8')));
}

function main() {
  let run;
  if (process.argv.includes('--report-only')) {
    if (!existsSync(runRecord)) throw new Error('reliability: no earlier run in .reports/; run `npm run reliability`.');
    run = JSON.parse(readFileSync(runRecord, 'utf8'));
  } else {
    // Figures of an earlier run must not mix with this one's.
    rmSync(figuresDirectory, { recursive: true, force: true });
    mkdirSync(figuresDirectory, { recursive: true });
    const startedAt = Date.now();
    const vitest = spawnSync(process.execPath, [`${root}node_modules/vitest/vitest.mjs`, 'run', 'test/reliability', `--outputFile.json=${vitestReport}`], { cwd: root, stdio: 'inherit', env: process.env });
    const report = existsSync(vitestReport) ? JSON.parse(readFileSync(vitestReport, 'utf8')) : {};
    run = { wallMs: Date.now() - startedAt, passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0 };
    if (vitest.status !== 0 || run.failed > 0 || run.passed === 0) {
      console.error(`reliability: the suite failed (${run.passed} passed, ${run.failed} failed); docs/reliability.md is left as it was.`);
      process.exit(vitest.status || 1);
    }
    writeFileSync(runRecord, JSON.stringify(run));
  }
  const figures = readFigures();
  if (figures.length === 0) {
    console.error('reliability: no figures in .reports/reliability/; run `npm run reliability`.');
    process.exit(1);
  }
  const date = new Date().toISOString().replace(/\.\d+Z$/, ' UTC').replace('T', ' ');
  const section = renderReport({ figures, machine: describeMachine(), date, ...run });
  const markdown = existsSync(documentPath) ? readFileSync(documentPath, 'utf8') : '# Reliability\n';
  writeFileSync(documentPath, replaceSection(markdown, section));
  console.log(`reliability: docs/reliability.md written from ${figures.length} figure files.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
