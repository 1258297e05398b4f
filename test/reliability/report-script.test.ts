// scripts/reliability-report.mjs (`npm run reliability`) turns the figures the reliability tests write
// into docs/reliability.md: its summary row, its per-test tables and where it puts them are exact.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { markers, renderReport, replaceSection, type FigureFile } from '../../scripts/reliability-report.mjs';

const figure: FigureFile = {
  name: 'send-faults',
  title: 'Faults: sends',
  casesRun: 80_000,
  unit: 'recipients',
  faultsInjected: 2_404,
  recipientsLost: 0,
  duplicated: 3_467,
  possibleDuplicates: 7_992,
  leaksFound: 0,
  itemsScanned: 1_759,
  details: { 'undici: faults injected': '429 86, 500 53', 'a | b': 1_183 },
  scale: 1,
  seed: 42,
  durationMs: 17_329,
};
const capFigure: FigureFile = { name: 'body-cap', title: 'Body cap', casesRun: 6, unit: 'bodies', leaksFound: 0, itemsScanned: 8, maxBytesPastCap: 65_536, rssGrowthBytes: 3_407_872, scale: 1, seed: 7, durationMs: 682 };

describe('scripts/reliability-report.mjs', () => {
  it('renders the run, one summary row per test (in the suite order) and each test figures', () => {
    const text = renderReport({ figures: [capFigure, figure], machine: '2 × Test CPU', date: '2026-11-30 17:00:00 UTC', wallMs: 95_000, passed: 20, failed: 0 });
    expect(text.split('\n')).toEqual([
      'Run of 2026-11-30 17:00:00 UTC on 2 × Test CPU.',
      '',
      'RELIABILITY_SCALE 1; 20 tests passed, 0 failed, in 95.0 s of wall time.',
      '',
      '| test | cases | faults injected | lost | duplicated (reported possible) | leaks (errors and log lines scanned) | read past the cap | RSS growth | time |',
      '|---|---|---|---|---|---|---|---|---|',
      '| `send-faults` | 80,000 recipients | 2,404 | 0 | 3,467 (7,992) | 0 (1,759) | – | – | 17.3 s |',
      '| `body-cap` | 6 bodies | – | – | – | 0 (8) | 64.0 KiB | 3.3 MiB | 0.7 s |',
      '',
      '### `send-faults`: Faults: sends',
      '',
      'Seed 42.',
      '',
      '| figure | value |',
      '|---|---|',
      '| undici: faults injected | 429 86, 500 53 |',
      '| a \\| b | 1,183 |',
      '',
      '### `body-cap`: Body cap',
      '',
      'Seed 7.',
      '',
      '| figure | value |',
      '|---|---|',
    ]);
  });

  it('replaces only the text between the markers, and appends the section when they are missing', () => {
    const [start, end] = markers;
    expect(replaceSection(`# R\n\nby hand\n\n${start}\nold\n${end}\n\nafter\n`, 'new')).toBe(`# R\n\nby hand\n\n${start}\nnew\n${end}\n\nafter\n`);
    expect(replaceSection('# R\n', 'new')).toBe(`# R\n\n${start}\nnew\n${end}\n`);
  });

  it('docs/reliability.md holds the markers once', () => {
    const markdown = readFileSync(new URL('../../docs/reliability.md', import.meta.url), 'utf8');
    expect(markers.map((marker) => markdown.split(marker).length - 1)).toEqual([1, 1]);
  });
});
