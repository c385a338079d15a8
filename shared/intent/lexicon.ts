// Phrase tables for the intent classifier: per language, weighted patterns for each signal
// plus the marker words that tell a request apart from a mere mention (conditionals, lists of
// rights). Patterns are written against folded text (lower case, no diacritics); see compile.ts.

export type Signal =
  | 'erasure'
  | 'access'
  | 'portability'
  | 'rectification'
  | 'objection'
  | 'unsubscribe'
  | 'reminder'
  | 'complaint'
  | 'autoreply';

/** [id, weight, pattern, isRequest]: isRequest marks phrases that are themselves a request. */
export type PhraseTuple = readonly [id: string, weight: number, pattern: string, request?: boolean];

export interface LanguageLexicon {
  readonly lang: string;
  readonly phrases: { readonly [S in Signal]?: readonly PhraseTuple[] };
  /** Words that turn a sentence into a request ("please", "hiermit", "je vous demande"). */
  readonly request: string;
  /** Conditionals and reservations: what follows is not what the sender asks for now. */
  readonly conditional: string;
  /** Talk about rights: only a mention unless the same sentence also asks for something. */
  readonly rights: string;
  readonly negation: string;
  /**
   * Conjunctions after a comma that open a clause the negation before the comma still governs
   * ("Ich möchte nicht, dass Sie … löschen", "Nie chcę, żeby …"); languages that write no comma
   * there leave it out.
   */
  readonly complementizer?: string;
  /** Space-separated frequent words used to guess the language. */
  readonly stopwords: string;
}

/** Article numbers of the GDPR and the signal a citation of each supports. */
export const ARTICLE_SIGNALS: ReadonlyMap<number, readonly [Signal, number]> = new Map([
  [15, ['access', 2]],
  [16, ['rectification', 2.5]],
  [17, ['erasure', 2]],
  [20, ['portability', 2]],
  [21, ['objection', 2]],
  [77, ['complaint', 3]],
] as const);

/**
 * "Art. 17", "Article 17", "Artikel 17", "artículo 17", "článek 17", "άρθρο 17", "член 17",
 * "Airteagal 17" … and the languages that put the number first: "17. cikk" (hu), "17 artikla"
 * (fi), "17. pants" (lv), "17 straipsnis" (lt), "17. člen" (sl), "17. članak" (hr). Folded.
 */
export const ARTICLE_PATTERN = String.raw`\b(?:articolul|articolo|articulo|artikolu|article|artikel|artikkel|artikli\w*|artigo|artykul\w*|airteagal|art\.?|clan(?:ak|ka|ku|ek|ok)|clen\w*|cl\.|αρθρ\w*|член\w*|чл\.)\s*(\d{1,2})(?!\d)|\b(\d{1,2})\.?\s*(?:cikk\w*|artikla\w*|pant(?:s|a|u|am)\b|straipsn\w*|clen\w*|clan\w*)`;

/** Sentences that are link instructions ("click here to unsubscribe") are footer boilerplate. */
export const FOOTER_PATTERN = String.raw`https?:|www\.|\b(click|klick\w*|cliquez|cliquer|klik\w*|haga clic|pulse aqui|clicca|kliknij|klicka|clique|kliknite|faceti clic|kattint\w*|napsauta\w*|klikkaa\w*|klopsa\w*|noklikskin\w*|spustelk\w*|paspausk\w*|ikklikkja|cliceail|кликнете|щракнете)\b`;
