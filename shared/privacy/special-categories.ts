// Data minimisation (GDPR Art. 9 and payment data): recognises profile fields of a special
// category by their key, label and description in English, German, French and Dutch, and values
// that are payment card numbers (Luhn) or IBANs (ISO 13616 mod 97). Pure: no bindings.

import { AppError } from '../errors';

export const SPECIAL_CATEGORIES = [
  'health',
  'finances',
  'sex_life_or_orientation',
  'religion',
  'ethnicity',
  'politics',
  'biometrics',
  'genetics',
  'union_membership',
  'criminal_records',
] as const;
export type SpecialCategory = (typeof SPECIAL_CATEGORIES)[number];

/** Human wording of each category, for error messages. */
export const CATEGORY_LABEL: Record<SpecialCategory, string> = {
  health: 'health data',
  finances: 'financial data',
  sex_life_or_orientation: 'sex life or sexual orientation',
  religion: 'religious or philosophical beliefs',
  ethnicity: 'racial or ethnic origin',
  politics: 'political opinions',
  biometrics: 'biometric data',
  genetics: 'genetic data',
  union_membership: 'trade union membership',
  criminal_records: 'criminal convictions and offences',
};

// A string is a stem matched at the start of a word of the normalised text (accents folded, lower
// case), so "diabetes" matches but "headline" does not; a RegExp runs on that text (padded with
// spaces) for words that are only sensitive whole ("adn" but not "Adnan") or in context ("race"
// but not "race car").
type Pattern = string | RegExp;

/** Whole words only (an optional plural "s"). */
const whole = (...words: string[]): RegExp => new RegExp(` (?:${words.join('|')})s? `);

// "race" as origin, not as a contest: not after or before the words of sport.
const RACE_SPORT =
  'car|cars|track|way|day|bike|horse|boat|team|distance|number|result|results|time|times|series|calendar|entry|category|kit|pace|fun|charity|relay|road|trail|running|drag|arms|rat|sack|motor|next|last|first|favourite|favorite';
const RACE = new RegExp(` (?<!(?:${RACE_SPORT}) )race(?! (?:${RACE_SPORT}) )s? `);

const STEMS: Record<SpecialCategory, Pattern[]> = {
  health: [
    'health',
    'medical',
    'medicat',
    'diagnos',
    'disease',
    'illness',
    'disabilit',
    'pregnan',
    'allerg',
    'diabet',
    'blood type',
    whole('mental'),
    'gesundheit',
    'krankheit',
    'erkrank',
    'krankenkasse',
    'krankenversicherung',
    'diagnose',
    'behinderung',
    'schwanger',
    'medikament',
    'blutgruppe',
    'arzt',
    'sante',
    'maladie',
    'mutuelle',
    'handicap',
    'enceinte',
    'grossesse',
    'medicament',
    'groupe sanguin',
    'gezondheid',
    'ziekte',
    'zorgverzekering',
    'ziektekosten',
    'huisarts',
    'medisch',
    'zwanger',
    'medicijn',
    'bloedgroep',
  ],
  finances: [
    'income',
    'salary',
    'credit card',
    'card number',
    'bank account',
    'iban',
    'debt',
    'credit score',
    'net worth',
    'wealth',
    'einkommen',
    'gehalt',
    'kreditkarte',
    'kontonummer',
    'bankkonto',
    'schulden',
    'bonitat',
    'vermogen',
    'revenu',
    'salaire',
    'carte bancaire',
    'carte de credit',
    'compte bancaire',
    'dette',
    'patrimoine',
    'inkomen',
    'salaris',
    'creditcard',
    'rekeningnummer',
    'bankrekening',
    'schuld',
  ],
  sex_life_or_orientation: [
    'sexual',
    'sex life',
    'gay',
    'lesbian',
    'bisexual',
    'lgbt',
    'sexuell',
    'sexualleben',
    'schwul',
    'sexuel',
    'vie sexuelle',
    'orientation sexuelle',
    'homosexu',
    'seksuel',
    'geaardheid',
    'seksleven',
    'homoseksu',
  ],
  religion: [
    'religi',
    'faith',
    'church',
    'belief',
    'denomination',
    'konfession',
    'glaube',
    'kirche',
    'weltanschauung',
    'croyance',
    'confession',
    'eglise',
    'culte',
    'godsdienst',
    'geloof',
    'kerk',
    'levensbeschouwing',
    'levensovertuiging',
  ],
  ethnicity: [
    'ethnic',
    RACE,
    'racial',
    'skin colo',
    'ethnisch',
    'ethnie',
    whole('rasse'),
    'abstammung',
    'hautfarbe',
    'ethnique',
    'origine raciale',
    'origine ethnique',
    'couleur de peau',
    'etnisch',
    'etniciteit',
    'afkomst',
    'huidskleur',
  ],
  politics: [
    'politic',
    'party affiliation',
    'voting',
    whole('vote', 'voted'),
    'politisch',
    'partei',
    'wahlverhalten',
    'politique',
    'parti politique',
    'opinion politique',
    'politiek',
    'partijvoorkeur',
    'partijlid',
    'stemgedrag',
  ],
  biometrics: [
    'biometric',
    'fingerprint',
    'face scan',
    'facial',
    'retina',
    'iris scan',
    'biometrisch',
    'fingerabdruck',
    'gesichtserkennung',
    'biometrique',
    'empreinte digitale',
    'reconnaissance faciale',
    'vingerafdruk',
    'gezichtsherkenning',
  ],
  genetics: [
    'genetic',
    whole('dna', 'adn'),
    'genome',
    'genom',
    'genetisch',
    'erbgut',
    'genetique',
    'erfelijk',
  ],
  union_membership: [
    'trade union',
    'labor union',
    'labour union',
    'union member',
    'gewerkschaft',
    'syndicat',
    'syndical',
    'vakbond',
    'vakvereniging',
  ],
  criminal_records: [
    'criminal',
    'conviction',
    'offence',
    'offense',
    'police record',
    'vorstrafe',
    'straftat',
    'strafregister',
    'fuhrungszeugnis',
    'verurteilung',
    'casier judiciaire',
    'condamnation',
    'infraction',
    'strafblad',
    'veroordeling',
    'strafrecht',
  ],
};

/** Lower case, accents folded, separators (`_`, `-`, `.`) as spaces, camelCase split. */
export function foldText(text: string): string {
  return ` ${text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

/** The special category a field's key, label and description point to, with the word that gave it away. */
export function specialCategoryOf(
  ...texts: (string | null | undefined)[]
): { category: SpecialCategory; matched: string } | null {
  const folded = foldText(texts.filter(Boolean).join(' '));
  for (const category of SPECIAL_CATEGORIES) {
    for (const pattern of STEMS[category]) {
      const matched =
        typeof pattern === 'string'
          ? folded.includes(` ${pattern}`)
            ? pattern
            : null
          : pattern.exec(folded)?.[0].trim();
      if (matched) return { category, matched };
    }
  }
  return null;
}

/** Luhn checksum over 13 to 19 digits (spaces and dashes allowed between groups). */
export function looksLikeCardNumber(value: string): boolean {
  if (!/^[\d][\d -]{11,22}[\d]$/.test(value.trim())) return false;
  const digits = value.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19 || /^(\d)\1+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** An IBAN by shape and the ISO 13616 mod-97 check (spaces allowed, any case). */
export function looksLikeIban(value: string): boolean {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const n = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of n) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

export type ValueFinding = { field: string; kind: 'card_number' | 'iban' };

/** Profile values that must not be stored: card numbers and IBANs in any field, found anywhere in the text. */
export function forbiddenValues(values: Record<string, unknown>): ValueFinding[] {
  const out: ValueFinding[] = [];
  for (const [field, raw] of Object.entries(values)) {
    if (typeof raw !== 'string' && typeof raw !== 'number') continue;
    const text = String(raw);
    const cards = text.match(/\d[\d -]{11,22}\d/g) ?? [];
    if (cards.some(looksLikeCardNumber)) out.push({ field, kind: 'card_number' });
    else if ((text.match(/[A-Za-z]{2}\d{2}(?:\s?[A-Za-z0-9]){11,30}/g) ?? []).some(looksLikeIban))
      out.push({ field, kind: 'iban' });
  }
  return out;
}

/** Refuses card numbers and IBANs in any profile value, naming the field (every channel words it alike). */
export function assertAllowedValues(values: Record<string, unknown> | null | undefined): void {
  const found = forbiddenValues({ ...(values ?? {}) });
  if (found.length) {
    const what = found[0]!.kind === 'card_number' ? 'a payment card number' : 'an IBAN';
    throw new AppError(
      'special_category',
      `The value of "${found[0]!.field}" looks like ${what}. Payment data is never stored in profiles: remove it.`,
      found,
    );
  }
}
