// Prints the plain "N passed, N failed" line CI reads, from vitest's JSON report, and exits non-zero
// when the run failed. A step of `npm test` that failed outside vitest (type check, build, packaging,
// size) counts as one failure; so does a run that left no report or executed no test at all.
import { existsSync, readFileSync } from 'node:fs';

const exitStatus = Number(process.argv[2] ?? 0);
const reportPath = new URL('../.reports/vitest.json', import.meta.url);
let passed = 0;
let failed = 0;
if (existsSync(reportPath)) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
} else {
  console.log('No vitest report at .reports/vitest.json: the tests did not run.');
}
if (passed + failed === 0) {
  console.log('No test was executed.');
  failed = 1;
}
if (exitStatus !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitStatus !== 0 || failed > 0 ? 1 : 0);
