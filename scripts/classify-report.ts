// Evaluates the intent classifier on the data-subject request letter templates: fills them as a
// sender would, reports accuracy per language/kind (tuned vs held-out languages), false erasures.
// Usage: npx tsx scripts/classify-report.ts <dsar-folder> [--verbose] [--drop-optional]

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { classifyIntent, type IntentKind } from '../shared/intent/classify';

// Phrase tables were tuned while looking at these languages only; the rest are held out.
const TUNED_LANGUAGES = new Set(['en', 'de', 'fr', 'es', 'it', 'cs', 'el']);

const ACCEPTED: Record<string, readonly IntentKind[]> = {
  access: ['access', 'portability'],
  erasure: ['erasure'],
  rectification: ['rectification'],
  objection: ['objection', 'unsubscribe'],
  admonition: ['review'],
  complaint: ['review'],
};

const VARIABLES: Record<string, string> = {
  name: 'Anna Berg',
  runs_list: 'Example Shop, Example App',
  id_data: 'Anna Berg\nanna.berg@example.com\n48213',
  id_dados: 'Anna Berg\nanna.berg@example.com\n48213',
  request_date: '2024-03-12',
  request_article: '15',
  Artikel: '19',
  request_recipient_address: 'Example Ltd\n1 Main Street\n10115 Berlin',
  rectification_data: 'anna.berg@example.com -> anna.berg@example.org',
  erasure_data: 'anna.berg@example.com, +49 151 2345678',
  objection_reason: '',
};

interface Row {
  file: string;
  language: string;
  requestType: string;
}

interface Outcome extends Row {
  baseType: string;
  predicted: IntentKind;
  confidence: number;
  correct: boolean;
}

function parseIndex(csv: string): Row[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim().length > 0);
  const header = splitCsvLine(lines[0] ?? '');
  const col = (name: string): number => header.indexOf(name);
  return lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
    return {
      file: cells[col('file')] ?? '',
      language: cells[col('language')] ?? '',
      requestType: cells[col('request_type')] ?? '',
    };
  });
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quoted) {
      if (ch === '"' && line.charAt(i + 1) === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}

/** Keeps optional blocks' text and drops their markup: "[flag>text]", "[optional: text]". */
function dropBlockMarkup(template: string, keepOptional: boolean): string {
  const marker = /^\[[\p{L}\p{N}_]+(?:>|»:|\s?:\s?)/u;
  const stack: boolean[] = [];
  let out = '';
  const skipping = (): boolean => !keepOptional && stack.includes(true);
  for (let i = 0; i < template.length; i++) {
    const ch = template.charAt(i);
    if (ch === '[') {
      const m = marker.exec(template.slice(i, i + 60));
      if (m) {
        stack.push(true);
        i += m[0].length - 1;
        continue;
      }
      stack.push(false);
      if (!skipping()) out += ch;
    } else if (ch === ']' && stack.length > 0) {
      const wasMarkup = stack.pop();
      if (!wasMarkup && !skipping()) out += ch;
    } else if (!skipping()) out += ch;
  }
  return out;
}

/** Fills "{var}" fields with invented values; free-text prompts get their own example. */
function fillTemplate(template: string, keepOptional: boolean): string {
  const withoutTags = template.replace(/<\/?[a-z]+>/g, '');
  return dropBlockMarkup(withoutTags, keepOptional).replace(/\{([^{}]*)\}/g, (_, inner: string) => {
    const known = VARIABLES[inner.trim()];
    if (known !== undefined) return known;
    const example =
      /(?:e\.g\.|z\. ?b\.|p\.ej\.|par exemple|bijv\.|t\.ex\.|por exemplo|např\.|npr\.|π\.χ\.)\s*:\s*(.+)$/iu.exec(
        inner,
      );
    if (example?.[1]) return example[1];
    return 'anna.berg@example.com, 2024-04-20';
  });
}

function percent(ok: number, total: number): string {
  return total === 0 ? '   -  ' : `${((100 * ok) / total).toFixed(1).padStart(5)}%`;
}

function summarise(title: string, outcomes: Outcome[], key: (o: Outcome) => string): void {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    const k = key(o);
    const list = groups.get(k);
    if (list) list.push(o);
    else groups.set(k, [o]);
  }
  console.log(`\n${title}`);
  for (const [k, list] of [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const ok = list.filter((o) => o.correct).length;
    console.log(
      `  ${k.padEnd(14)} ${String(ok).padStart(3)}/${String(list.length).padEnd(3)} ${percent(ok, list.length)}`,
    );
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  // By default optional blocks are kept (a sender who ticks every option); this checks the
  // sparse variant too.
  const keepOptional = !args.includes('--drop-optional');
  const folder = args.find((a) => !a.startsWith('--')) ?? '/work/shared/corpora/dsar';
  const rows = parseIndex(await readFile(join(folder, 'index.csv'), 'utf8'));
  const outcomes: Outcome[] = [];
  for (const row of rows) {
    const baseType = row.requestType.split('-')[0] ?? '';
    const accepted = ACCEPTED[baseType];
    if (!accepted) {
      console.warn(`skipping ${row.file}: unknown request type ${row.requestType}`);
      continue;
    }
    const text = fillTemplate(await readFile(join(folder, row.file), 'utf8'), keepOptional);
    const result = classifyIntent({ text });
    if (verbose) {
      console.log(
        `${row.file.padEnd(44)} ${result.kind.padEnd(13)} ${result.confidence.toFixed(2)} ${result.language ?? '-'}  ${result.matched.slice(0, 6).join(' ')}`,
      );
    }
    outcomes.push({
      ...row,
      baseType,
      predicted: result.kind,
      confidence: result.confidence,
      correct: accepted.includes(result.kind),
    });
  }

  const tuned = outcomes.filter((o) => TUNED_LANGUAGES.has(o.language));
  const heldOut = outcomes.filter((o) => !TUNED_LANGUAGES.has(o.language));
  const count = (list: Outcome[]): string => {
    const ok = list.filter((o) => o.correct).length;
    return `${ok}/${list.length} ${percent(ok, list.length)}`;
  };

  console.log(`Letters: ${outcomes.length} (optional blocks ${keepOptional ? 'kept' : 'dropped'})`);
  console.log(`Tuned languages    (${[...TUNED_LANGUAGES].join(', ')}): ${count(tuned)}`);
  console.log(
    `Held-out languages (${[...new Set(heldOut.map((o) => o.language))].sort().join(', ')}): ${count(heldOut)}`,
  );
  console.log(`All: ${count(outcomes)}`);
  summarise('Per language', outcomes, (o) => o.language);
  summarise('Per kind (tuned)', tuned, (o) => o.baseType);
  summarise('Per kind (held-out)', heldOut, (o) => o.baseType);
  summarise('Per kind (all)', outcomes, (o) => o.baseType);

  const wrong = outcomes.filter((o) => !o.correct);
  console.log(`\nMisclassified (${wrong.length}):`);
  for (const o of wrong) {
    const split = TUNED_LANGUAGES.has(o.language) ? 'tuned' : 'held-out';
    console.log(
      `  ${o.file}\texpected ${o.baseType}\tgot ${o.predicted} (${o.confidence.toFixed(2)})\t[${split}]`,
    );
  }
  const falseErasures = outcomes.filter((o) => o.predicted === 'erasure' && o.baseType !== 'erasure');
  console.log(
    `\nFalse erasures (erasure given for a letter that asked for something else): ${falseErasures.length}`,
  );
  for (const o of falseErasures) console.log(`  ${o.file}`);
}

await main();
