// A seconds-long run of every benchmark (`node bench/run.mjs --quick`), so none can rot between `npm run bench`
// runs. It asserts that each benchmark ran and recorded finite figures, never how fast they were.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const benchDir = new URL('../../bench/', import.meta.url);
const reportDir = new URL('../../.reports/bench/', import.meta.url);

describe('npm run bench --quick', () => {
  it('runs every bench/*.bench.mjs and records a finite median and baseline for each row', () => {
    const run = spawnSync(process.execPath, [new URL('run.mjs', benchDir).pathname, '--quick'], { encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const files = readdirSync(benchDir).filter((file) => file.endsWith('.bench.mjs')).sort();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const report = JSON.parse(readFileSync(new URL(file.replace(/\.bench\.mjs$/, '.json'), reportDir), 'utf8')) as {
        quick: boolean;
        rows: { ours: number; baseline?: number; absoluteTarget?: number; unit: string; runtime: string }[];
      };
      expect(report.quick, file).toBe(true);
      expect(report.rows.length, file).toBeGreaterThan(0);
      for (const row of report.rows) {
        expect(Number.isFinite(row.ours), `${file}: ${JSON.stringify(row)}`).toBe(true);
        // A row has a baseline measured in the same run, or (judged on its own) an absolute target.
        if (row.baseline === undefined) expect(Number.isFinite(row.absoluteTarget), `${file}: ${JSON.stringify(row)}`).toBe(true);
        else expect(Number.isFinite(row.baseline) && row.baseline > 0 && row.ours > 0, `${file}: ${JSON.stringify(row)}`).toBe(true);
      }
    }
  }, 300_000);
});
