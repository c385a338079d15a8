// Writes `npm run bench`'s figures into the generated sections of bench/README.md (header, table
// and per-request costs) and README.md (the figures table's quote of the run), between markers.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../scripts/lib/local-worker';

const START = '<!-- npm run bench: generated, do not edit by hand -->';
const END = '<!-- end of npm run bench -->';

/** Replaces the text between the markers in `file` (the markers must be there). */
function replaceGenerated(file: string, body: string): void {
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${path.relative(ROOT, file)} has no generated section`);
  writeFileSync(file, `${text.slice(0, from + START.length)}\n${body}\n${text.slice(to)}`);
}

export function writeGenerated(
  header: string,
  table: string[],
  costs: string[],
  rows: { path: string; figure: string; goal: string; met: boolean }[],
): void {
  replaceGenerated(
    path.join(ROOT, 'bench', 'README.md'),
    [
      `Latest run: ${header}.`,
      '',
      ...table,
      '',
      'What one request costs (counting build; after-response work included):',
      '',
      ...costs,
    ].join('\n'),
  );
  const met = rows.filter((r) => r.met).length;
  replaceGenerated(
    path.join(ROOT, 'README.md'),
    [
      `\`npm run bench\`, ${header.split(';')[0]}: ${met} of ${rows.length} goals met.`,
      '',
      '| path | figure | goal | met? |',
      '| --- | --- | --- | --- |',
      ...rows.map((r) => `| ${r.path} | ${r.figure} | ${r.goal} | ${r.met ? 'yes' : 'no'} |`),
    ].join('\n'),
  );
}
