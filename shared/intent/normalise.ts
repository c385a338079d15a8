// Text normalisation for the intent classifier: lower-casing, diacritics folding and
// whitespace clean-up, so that phrase tables can be written once without accents.
// Pure string functions; safe in Cloudflare Workers.

// Letters that NFKD does not decompose into a base letter plus a combining mark.
const EXTRA_FOLDS: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ς: 'σ',
};

const EXTRA_FOLDS_RE = /[ßøæœłđðþıħς]/g;
const COMBINING_MARKS_RE = /\p{M}+/gu;
const APOSTROPHES_RE = /[\u2018\u2019\u201a\u201b\u02bc\u0060\u00b4]/g;
const QUOTES_RE = /[\u201c\u201d\u201e\u201f\u00ab\u00bb]/g;
const DASHES_RE = /[\u2010-\u2015\u2212]/g;
const HORIZONTAL_SPACE_RE = /[^\S\n]+/g;

/** Lower-cases, removes diacritics and unifies quotes and dashes, keeping line breaks. */
export function foldText(input: string): string {
  return input
    .replace(/\r\n?/g, '\n')
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS_RE, '')
    .replace(EXTRA_FOLDS_RE, (ch) => EXTRA_FOLDS[ch] ?? ch)
    .replace(APOSTROPHES_RE, "'")
    .replace(QUOTES_RE, '"')
    .replace(DASHES_RE, '-')
    .replace(HORIZONTAL_SPACE_RE, ' ');
}

/**
 * Reply and forward prefixes of mail clients in the EU languages ("Re:", "AW:", "WG:", "SV:",
 * "VS:", "Odp:", "Vá:", "Tov:", "Atb:", "Ats:", "Odg:", "Отг:", "Σχετ:" …), repeated and with
 * "[2]" counters, on folded text.
 */
export const REPLY_PREFIX_RE =
  /^\s*(?:(?:re|aw|sv|vs|antw|antwort|wg|fw|fwd|tr|rv|r|odp|enc|res|rif|doorst|va|vl|tov|atb|ats|pers|odg|σχετ|απ|отг)\s*(?:\[\d+\])?\s*:\s*)+/u;

/** Folds text and collapses runs of blank lines and surrounding spaces. */
export function normaliseText(input: string): string {
  return foldText(input)
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface Segment {
  start: number;
  end: number;
}

// Short tokens before a full stop are usually abbreviations ("art.", "abs.", "nr.", "z.")
// or ordinal numbers ("12. März"); splitting there would cut article citations in two.
const SENTENCE_END_RE = /[.!?;]+(?=\s)|\n/g;

/** Splits normalised text into sentence-like segments (offsets into the text). */
export function splitSentences(text: string): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  SENTENCE_END_RE.lastIndex = 0;
  for (let m = SENTENCE_END_RE.exec(text); m !== null; m = SENTENCE_END_RE.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0] !== '\n' && m[0] === '.' && isAbbreviationBefore(text, m.index)) continue;
    if (end > start) segments.push({ start, end });
    start = end;
  }
  if (start < text.length) segments.push({ start, end: text.length });
  return segments.filter((s) => text.slice(s.start, s.end).trim().length > 0);
}

function isAbbreviationBefore(text: string, dotIndex: number): boolean {
  let i = dotIndex - 1;
  while (i >= 0 && /[\p{L}\p{N}]/u.test(text.charAt(i))) i--;
  const token = text.slice(i + 1, dotIndex);
  if (token.length === 0) return false;
  if (/^\d+$/.test(token)) return true;
  return token.length === 1 || ABBREVIATIONS.has(token);
}

const ABBREVIATIONS = new Set([
  'art',
  'abs',
  'nr',
  'lit',
  'bzw',
  'vgl',
  'ggf',
  'bspw',
  'usw',
  'inkl',
  'ca',
  'cf',
  'no',
  'st',
  'dr',
  'mr',
  'mrs',
  'ms',
  'sr',
  'sra',
  'par',
  'al',
  'ust',
  'pkt',
  'odst',
  'cl',
  'tj',
  'napr',
  'tzn',
  'ref',
  'str',
  'etc',
  'ex',
  'ie',
  'eg',
  'resp',
  'ul',
  'ad',
  'ds',
  'pag',
  'vs',
  'co',
  'tel',
  'nb',
  'bijv',
  'dhr',
  'mevr',
  'sig',
  'ecc',
  'ggs',
  'gg',
  'stk',
  'jf',
  'jfr',
  'bl',
  'tr',
  'str',
  'αρ',
  'παρ',
  'π',
  'χ',
  'lei',
  'dl',
]);
