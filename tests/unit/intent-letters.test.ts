// The evaluation letters in tests/fixtures/intent-letters (the same files `npm run
// classify:report -- tests/fixtures/intent-letters` reads), written for this project: in each of
// the ten languages added last, a request of every kind and letters that mention deletion
// without asking for it; in all 24 EU languages, a hedged, a conditional, a negated and a
// questioning one. Every letter is filed as its name says, and none becomes an erasure unasked.

/// <reference types="vite/client" />

import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTO_THRESHOLD, decideIntent } from '../../shared/inbound/decide';
import { classifyIntent } from '../../shared/intent/classify';
import { LEXICONS } from '../../shared/intent/rules';
import { parseLetter, parseLetterName } from '../../scripts/lib/letter-files';

const files = import.meta.glob('../fixtures/intent-letters/*/*.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const letters = Object.entries(files).map(([path, raw]) => {
  const [lang, file] = path.split('/').slice(-2) as [string, string];
  const name = parseLetterName(file);
  if (!name) throw new Error(`${lang}/${file} does not follow <kind>[-<label>]-<n>.txt`);
  return { lang, file, ...name, letter: parseLetter(raw) };
});

const NEW_LANGUAGES = ['bg', 'hu', 'sk', 'sl', 'fi', 'et', 'lv', 'lt', 'mt', 'ga'];
const GUARDS = ['hedged', 'question', 'conditional', 'negated'];

describe('evaluation letters', () => {
  it.each(letters.map((l) => [`${l.lang}/${l.file}`, l] as const))('%s', (_, l) => {
    const filed = decideIntent({ ...l.letter, textSource: 'text' }, undefined);
    expect(filed.kind).toBe(l.kind);
    if (l.kind !== 'review')
      expect(filed.classification?.confidence).toBeGreaterThanOrEqual(DEFAULT_AUTO_THRESHOLD);
    if (l.kind !== 'erasure') expect(classifyIntent(l.letter).kind).not.toBe('erasure');
  });

  it('covers every request kind in each new language and every guard in all 24 languages', () => {
    const has = (lang: string, kind: string, label: string | null = null) =>
      letters.some((l) => l.lang === lang && l.kind === kind && (label === null || l.label === label));
    for (const lang of NEW_LANGUAGES)
      for (const kind of ['erasure', 'access', 'rectification', 'objection', 'unsubscribe'])
        expect(has(lang, kind), `${lang} ${kind}`).toBe(true);
    expect(LEXICONS.map((l) => l.lang).sort()).toHaveLength(24);
    for (const { lang } of LEXICONS)
      for (const label of GUARDS)
        expect(
          letters.some((l) => l.lang === lang && l.label === label && l.kind !== 'erasure'),
          `${lang} ${label}`,
        ).toBe(true);
  });
});
