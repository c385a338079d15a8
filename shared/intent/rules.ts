// Compiles the phrase tables of every language into regular expressions once per isolate.
// Patterns use "\b" and "\w" for readability; JavaScript only knows ASCII word characters, so
// they are rewritten to Unicode-aware equivalents (needed for Greek, Cyrillic and any unfolded
// letter).

import { ARTICLE_PATTERN, FOOTER_PATTERN, type LanguageLexicon, type Signal } from './lexicon';
import { LT, LV } from './lexicon-baltic';
import { DA, DE, EN, NL, SV } from './lexicon-germanic';
import { GA, MT } from './lexicon-maltese-irish';
import { EL, CS, HR, PL } from './lexicon-other';
import { ES, FR, IT, PT, RO } from './lexicon-romance';
import { BG, SK, SL } from './lexicon-slavic';
import { ET, FI, HU } from './lexicon-uralic';

/** The 24 official languages of the EU. */
export const LEXICONS: readonly LanguageLexicon[] = [
  EN,
  DE,
  FR,
  NL,
  ES,
  IT,
  PL,
  SV,
  PT,
  DA,
  CS,
  EL,
  HR,
  RO,
  BG,
  HU,
  SK,
  SL,
  FI,
  ET,
  LV,
  LT,
  MT,
  GA,
];

/** Scripts other than Latin among the EU languages: Greek (el) and Cyrillic (bg). */
export const SCRIPTS = {
  greek: /[\u0370-\u03ff\u1f00-\u1fff]/u,
  cyrillic: /[\u0400-\u04ff]/u,
} as const;
export type Script = keyof typeof SCRIPTS;

function scriptOf(pattern: string): Script | null {
  for (const [name, re] of Object.entries(SCRIPTS) as [Script, RegExp][]) if (re.test(pattern)) return name;
  return null;
}
const WORD = String.raw`[\p{L}\p{N}]`;
const WORD_START = `(?<!${WORD})`;
const WORD_END = `(?!${WORD})`;
// A gap of a few words that stays inside one sentence; a full stop followed by a digit or
// glued to the next character ("art. 17", "12.03.2024") does not end the sentence.
const GAP = String.raw`(?:[^!?;\n.]|\.(?=\S|\s\d)){0,48}`;

/**
 * Folded Latin text is plain ASCII, where the engine's own fast "\b" is right; only patterns
 * with other scripts (Greek) pay for Unicode-aware boundaries.
 */
export function compilePattern(source: string, flags = 'gm'): RegExp {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is "only ASCII"
  if (/^[\x00-\x7f]*$/.test(source)) return new RegExp(source.replace(/~/g, GAP), flags);
  // A "\b" in front of a word (or group) opens it, any other "\b" closes one.
  const expanded = source
    .replace(/\\b(?=[([\p{L}\\])/gu, WORD_START)
    .replace(/\\b/g, WORD_END)
    .replace(/\\w/g, WORD)
    .replace(/~/g, GAP);
  return new RegExp(expanded, flags.includes('u') ? flags : `${flags}u`);
}

export interface CompiledRule {
  readonly id: string;
  readonly lang: string;
  readonly signal: Signal;
  readonly weight: number;
  readonly request: boolean;
  /** Greek or Cyrillic patterns can only match text that contains letters of that script. */
  readonly script: Script | null;
  readonly re: RegExp;
}

export interface CompiledMarkers {
  readonly lang: string;
  readonly request: RegExp;
  readonly conditional: RegExp;
  readonly rights: RegExp;
  readonly negation: RegExp;
  /** Matches a clause opened by a complementizer (see LanguageLexicon.complementizer). */
  readonly clause: RegExp | null;
}

export interface CompiledRules {
  readonly rules: readonly CompiledRule[];
  readonly markers: ReadonlyMap<string, CompiledMarkers>;
  /** Frequent word -> languages it is typical of. */
  readonly stopwords: ReadonlyMap<string, readonly string[]>;
  readonly article: RegExp;
  readonly footer: RegExp;
}

// Reminders, complaints and auto-replies describe a situation rather than ask for a right,
// so they count in full without a request verb in the sentence.
const SITUATION_SIGNALS: ReadonlySet<Signal> = new Set<Signal>(['reminder', 'complaint', 'autoreply']);

let cache: CompiledRules | null = null;

export function getRules(): CompiledRules {
  if (cache) return cache;
  const rules: CompiledRule[] = [];
  const markers = new Map<string, CompiledMarkers>();
  for (const lex of LEXICONS) {
    for (const [signal, tuples] of Object.entries(lex.phrases) as [
      Signal,
      LanguageLexicon['phrases'][Signal],
    ][]) {
      for (const [id, weight, pattern, request] of tuples ?? []) {
        rules.push({
          id: `${lex.lang}:${id}`,
          lang: lex.lang,
          signal,
          weight,
          request: request === true || SITUATION_SIGNALS.has(signal),
          script: scriptOf(pattern),
          re: compilePattern(pattern),
        });
      }
    }
    markers.set(lex.lang, {
      lang: lex.lang,
      request: compilePattern(lex.request, ''),
      conditional: compilePattern(lex.conditional, ''),
      rights: compilePattern(lex.rights, ''),
      negation: compilePattern(lex.negation, ''),
      clause: lex.complementizer ? compilePattern(String.raw`^\s*(${lex.complementizer})\b`, '') : null,
    });
  }
  const stopwords = new Map<string, string[]>();
  for (const lex of LEXICONS) {
    for (const word of lex.stopwords.split(' ')) {
      const langs = stopwords.get(word);
      if (langs) langs.push(lex.lang);
      else stopwords.set(word, [lex.lang]);
    }
  }
  cache = {
    rules,
    markers,
    stopwords,
    article: compilePattern(ARTICLE_PATTERN),
    footer: compilePattern(FOOTER_PATTERN, ''),
  };
  return cache;
}
