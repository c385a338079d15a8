// Evaluates the intent classifier on a folder of letters: accuracy per language and kind, the
// misclassified files and the false erasures. Two layouts:
//   <folder>/index.csv + templates — the DSAR template corpus, filled as a sender would, split
//     into the languages the phrase tables were tuned on and held-out ones;
//   <folder>/<lang>/<kind>[-<label>]-<n>.txt — evaluation letters (tests/fixtures/intent-letters),
//     judged as the inbound pipeline files them at the default threshold.
// Usage: npm run classify:report -- <folder> [--verbose] [--drop-optional]

import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_AUTO_THRESHOLD, decideIntent } from '../shared/inbound/decide';
import { classifyIntent, type IntentKind } from '../shared/intent/classify';
import { ACCEPTED, fillTemplate, parseIndex, TUNED_LANGUAGES } from './lib/dsar-corpus';
import { parseLetter, parseLetterName } from './lib/letter-files';

interface Outcome {
  file: string;
  language: string;
  expected: string;
  label: string | null;
  predicted: IntentKind;
  confidence: number;
  correct: boolean;
  /** The classifier itself answered erasure (at any confidence). */
  erasure: boolean;
  guessedLanguage: string | null;
}

function line(o: Outcome, matched: readonly string[]): string {
  return `${o.file.padEnd(44)} ${o.predicted.padEnd(13)} ${o.confidence.toFixed(2)} ${o.guessedLanguage ?? '-'}  ${matched.slice(0, 6).join(' ')}`;
}

async function dsarOutcomes(folder: string, keepOptional: boolean, verbose: boolean): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const row of parseIndex(await readFile(join(folder, 'index.csv'), 'utf8'))) {
    const expected = row.requestType.split('-')[0] ?? '';
    const accepted = ACCEPTED[expected];
    if (!accepted) {
      console.warn(`skipping ${row.file}: unknown request type ${row.requestType}`);
      continue;
    }
    const result = classifyIntent({
      text: fillTemplate(await readFile(join(folder, row.file), 'utf8'), keepOptional),
    });
    const o: Outcome = {
      file: row.file,
      language: row.language,
      expected,
      label: null,
      predicted: result.kind,
      confidence: result.confidence,
      correct: accepted.includes(result.kind),
      erasure: result.kind === 'erasure',
      guessedLanguage: result.language,
    };
    if (verbose) console.log(line(o, result.matched));
    outcomes.push(o);
  }
  return outcomes;
}

async function letterOutcomes(folder: string, verbose: boolean): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const languages = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isDirectory());
  for (const language of languages.map((e) => e.name).sort()) {
    for (const file of (await readdir(join(folder, language))).sort()) {
      const name = parseLetterName(file);
      if (!name) {
        if (file.endsWith('.txt')) console.warn(`skipping ${language}/${file}: not <kind>[-<label>]-<n>.txt`);
        continue;
      }
      const letter = parseLetter(await readFile(join(folder, language, file), 'utf8'));
      const filed = decideIntent({ ...letter, textSource: 'text' }, undefined);
      const result = filed.classification ?? classifyIntent(letter);
      const o: Outcome = {
        file: `${language}/${file}`,
        language,
        expected: name.kind,
        label: name.label,
        predicted: filed.kind,
        confidence: result.confidence,
        correct: filed.kind === name.kind,
        erasure: result.kind === 'erasure',
        guessedLanguage: result.language,
      };
      if (verbose) console.log(line(o, result.matched));
      outcomes.push(o);
    }
  }
  return outcomes;
}

function percent(ok: number, total: number): string {
  return total === 0 ? '   -  ' : `${((100 * ok) / total).toFixed(1).padStart(5)}%`;
}

function count(list: Outcome[]): string {
  const ok = list.filter((o) => o.correct).length;
  return `${ok}/${list.length} ${percent(ok, list.length)}`;
}

function groupBy(outcomes: Outcome[], key: (o: Outcome) => string): [string, Outcome[]][] {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    const k = key(o);
    const list = groups.get(k);
    if (list) list.push(o);
    else groups.set(k, [o]);
  }
  return [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]));
}

function summarise(title: string, outcomes: Outcome[], key: (o: Outcome) => string): void {
  console.log(`\n${title}`);
  for (const [k, list] of groupBy(outcomes, key)) {
    const ok = list.filter((o) => o.correct).length;
    console.log(
      `  ${k.padEnd(14)} ${String(ok).padStart(3)}/${String(list.length).padEnd(3)} ${percent(ok, list.length)}`,
    );
  }
}

/** Language × kind, each cell "right/total". */
function matrix(outcomes: Outcome[]): void {
  const kinds = groupBy(outcomes, (o) => o.expected).map(([k]) => k);
  console.log(
    `\nPer language and kind (right/total)\n  ${''.padEnd(6)}${kinds.map((k) => k.padEnd(15)).join('')}`,
  );
  for (const [language, list] of groupBy(outcomes, (o) => o.language)) {
    const cells = kinds.map((kind) => {
      const cell = list.filter((o) => o.expected === kind);
      return (cell.length ? `${cell.filter((o) => o.correct).length}/${cell.length}` : '-').padEnd(15);
    });
    console.log(`  ${language.padEnd(6)}${cells.join('')}`);
  }
}

function reportMistakes(outcomes: Outcome[], split?: (o: Outcome) => string): void {
  const wrong = outcomes.filter((o) => !o.correct);
  console.log(`\nMisclassified (${wrong.length}):`);
  for (const o of wrong)
    console.log(
      `  ${o.file}\texpected ${o.expected}\tgot ${o.predicted} (${o.confidence.toFixed(2)})${split ? `\t[${split(o)}]` : ''}`,
    );
  const falseErasures = outcomes.filter((o) => o.erasure && o.expected !== 'erasure');
  const confident = falseErasures.filter((o) => o.confidence >= DEFAULT_AUTO_THRESHOLD);
  console.log(
    `\nFalse erasures (erasure given for a letter that asked for something else): ${falseErasures.length}, confident (>= ${DEFAULT_AUTO_THRESHOLD}): ${confident.length}`,
  );
  for (const o of falseErasures) console.log(`  ${o.file}\t${o.confidence.toFixed(2)}`);
}

function reportDsar(outcomes: Outcome[], keepOptional: boolean): void {
  const split = (o: Outcome) => (TUNED_LANGUAGES.has(o.language) ? 'tuned' : 'held-out');
  const tuned = outcomes.filter((o) => split(o) === 'tuned');
  const heldOut = outcomes.filter((o) => split(o) === 'held-out');
  console.log(`Letters: ${outcomes.length} (optional blocks ${keepOptional ? 'kept' : 'dropped'})`);
  console.log(`Tuned languages    (${[...TUNED_LANGUAGES].join(', ')}): ${count(tuned)}`);
  console.log(
    `Held-out languages (${[...new Set(heldOut.map((o) => o.language))].sort().join(', ')}): ${count(heldOut)}`,
  );
  console.log(`All: ${count(outcomes)}`);
  summarise('Per language', outcomes, (o) => o.language);
  summarise('Per kind (tuned)', tuned, (o) => o.expected);
  summarise('Per kind (held-out)', heldOut, (o) => o.expected);
  summarise('Per kind (all)', outcomes, (o) => o.expected);
  reportMistakes(outcomes, split);
}

function reportLetters(outcomes: Outcome[]): void {
  const languages = new Set(outcomes.map((o) => o.language));
  console.log(
    `Letters: ${outcomes.length} in ${languages.size} languages, filed as the inbound pipeline files them (threshold ${DEFAULT_AUTO_THRESHOLD})`,
  );
  console.log(`All: ${count(outcomes)}`);
  const guessed = outcomes.filter((o) => o.guessedLanguage === o.language).length;
  console.log(`Language recognised: ${guessed}/${outcomes.length} ${percent(guessed, outcomes.length)}`);
  summarise('Per language', outcomes, (o) => o.language);
  summarise('Per kind', outcomes, (o) => o.expected);
  matrix(outcomes);
  summarise(
    'Per label (letters written to mislead: hedged, conditional, negated, questions, praise)',
    outcomes.filter((o) => o.label),
    (o) => o.label ?? '',
  );
  reportMistakes(outcomes);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  // By default optional template blocks are kept (a sender who ticks every option); this checks
  // the sparse variant too.
  const keepOptional = !args.includes('--drop-optional');
  const folder = args.find((a) => !a.startsWith('--'));
  if (!folder) {
    console.error('usage: npm run classify:report -- <folder> [--verbose] [--drop-optional]');
    process.exit(2);
  }
  if (existsSync(join(folder, 'index.csv')))
    reportDsar(await dsarOutcomes(folder, keepOptional, verbose), keepOptional);
  else reportLetters(await letterOutcomes(folder, verbose));
}

await main();
