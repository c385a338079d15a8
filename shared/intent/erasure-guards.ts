// Guards for the one irreversible outcome: a sentence that mentions deleting data but hedges
// ("maybe some day"), asks about the process ("how do I delete…", "how long do you keep…") or
// negates after the verb ("löschen Sie meine Daten nicht") is not an erasure request.
// Patterns match folded text (see normalise.ts); "~" is a short in-sentence gap (rules.ts).

import { compilePattern } from './rules';

const r = String.raw;

interface GuardPatterns {
  /** Hesitation or a vague future: the sender has not decided. */
  readonly hedge: string;
  /** A question about how deletion or retention works, not a request to carry it out. */
  readonly question: string;
  /**
   * Negation words that follow the verb or stand right before a final infinitive
   * ("löschen Sie meine Daten nicht", "mijn account niet verwijderen").
   */
  readonly postNegation?: string;
}

// Words like "eventuell" (de), "possibly" or "may" (en) are left out on purpose: formal letters
// use them for "any data you may hold", which must not weaken a real request.
const GUARDS: Readonly<Record<string, GuardPatterns>> = {
  en: {
    hedge: r`\b(maybe|perhaps|some ?day|one day|at some point|eventually|(?<!no )later( on)?|not sure|unsure|i might|i may want|i'?m (thinking|considering|wondering)|i am (thinking|considering|wondering))\b`,
    question: r`\b(how (do|can|could|would|should|does) (i|one|we|you)|how to|how long|what happens|where can i)\b`,
  },
  de: {
    hedge: r`\b(vielleicht|irgendwann|moglicherweise|spater|bin (mir )?(nicht sicher|unsicher)|uberlege|uberlegen|denke (daruber )?nach)\b`,
    question: r`\b(wie (kann|konnte|muss|musste|soll|sollte|losche|entferne|funktioniert|lange)|was passiert|wo kann ich)\b`,
    postNegation: 'nicht|keinesfalls',
  },
  fr: {
    hedge: r`\b(peut-etre|peut etre|un jour|(?<!au )plus tard|je ne suis pas sur|j'hesite|je (songe|pense|reflechis) a|j'envisage)\b`,
    question: r`\b(comment|combien de temps|que se passe-t-il|ou puis-je)\b`,
  },
  nl: {
    hedge: r`\b(misschien|wellicht|ooit|later eens|ik twijfel|ik overweeg|ik denk erover)\b`,
    question: r`\b(hoe (kan|moet|kun|verwijder|wis|lang|werkt)|wat gebeurt|waar kan ik)\b`,
    postNegation: 'niet|geenszins',
  },
  es: {
    hedge: r`\b(quizas?|tal vez|a lo mejor|algun dia|mas adelante|no estoy segur[oa]|me lo estoy pensando|estoy pensando en|estoy considerando)\b`,
    question: r`¿\s*(como|cuanto|cuando|donde)\b|\b(como (puedo|podria|se puede|hago|elimino|borro|suprimo)|cuanto tiempo|que pasa)\b`,
  },
  it: {
    hedge: r`\b(forse|magari|un giorno|prima o poi|piu avanti|non sono sicur[oa]|sto pensando di|sto valutando)\b`,
    question: r`\b(come (posso|faccio|si fa|cancello|elimino)|per quanto tempo)\b`,
  },
  pt: {
    hedge: r`\b(talvez|um dia|mais tarde|nao tenho certeza|estou a pensar em|estou pensando em|estou a considerar)\b`,
    question: r`\b(como (posso|faco|se faz|apago|elimino)|por quanto tempo)\b`,
  },
  sv: {
    hedge: r`\b(kanske|nagon gang|en dag|senare|jag ar osaker|jag funderar)\b`,
    question: r`\b(hur (kan|gor|raderar|lange))\b`,
    postNegation: 'inte|ej',
  },
  da: {
    hedge: r`\b(maske|en dag|senere|jeg er usikker|jeg overvejer)\b`,
    question: r`\b(hvordan|hvor lang tid|hvor lange)\b`,
    postNegation: 'ikke',
  },
};

export type ErasureGuard = 'hedge' | 'question' | 'negated';

interface CompiledGuards {
  readonly hedge: RegExp;
  readonly question: RegExp;
  /** The negation right after the phrase (one word may come between: "bitte", "alstublieft"). */
  readonly negationAfter: RegExp | null;
  /** The negation inside the phrase: "(konto) nicht löschen", "radera inte (mitt konto)". */
  readonly negationInside: RegExp | null;
}

// "nicht nur", "niet alleen", "inte bara", "ikke kun": "not only", which adds rather than negates.
const NOT_ONLY = r`(?!\s+(nur|alleen|bara|kun|blot)\b)`;

let cache: Map<string, CompiledGuards> | null = null;

function compiled(): Map<string, CompiledGuards> {
  if (cache) return cache;
  cache = new Map();
  for (const [lang, g] of Object.entries(GUARDS)) {
    cache.set(lang, {
      hedge: compilePattern(g.hedge, ''),
      question: compilePattern(g.question, ''),
      negationAfter: g.postNegation
        ? compilePattern(
            r`^[\s,]*((bitte|doch|alstublieft|aub|gerne|venligst|vanligen)\s+)?(${g.postNegation})\b${NOT_ONLY}`,
            '',
          )
        : null,
      negationInside: g.postNegation
        ? compilePattern(
            r`\b(${g.postNegation})\s+\w+$|^\w+\s+((sie|u|ni|du|i)\s+)?(${g.postNegation})\b${NOT_ONLY}`,
            '',
          )
        : null,
    });
  }
  return cache;
}

/**
 * Which guard, if any, keeps an erasure phrase (`matched`) in `sentence` from counting as a
 * request. `after` is the rest of the sentence after the phrase.
 */
export function erasureGuard(
  sentence: string,
  matched: string,
  after: string,
  langs: readonly string[],
): ErasureGuard | null {
  const guards = compiled();
  let hedged = false;
  let asked = false;
  for (const lang of langs) {
    const g = guards.get(lang);
    if (!g) continue;
    if (g.negationAfter?.test(after) || g.negationInside?.test(matched)) return 'negated';
    if (!hedged && g.hedge.test(sentence)) hedged = true;
    if (!asked && g.question.test(sentence)) asked = true;
  }
  if (asked) return 'question';
  return hedged ? 'hedge' : null;
}
