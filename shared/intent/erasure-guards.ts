// Guards for the one irreversible outcome, in all 24 EU languages: a sentence that mentions
// deleting data but hedges ("maybe some day"), asks about the process ("how do I delete…",
// "how long do you keep…") or negates after the verb ("löschen Sie meine Daten nicht") is not an
// erasure request. Conditionals and negations before the verb are each lexicon's own markers.
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

// Words like "eventuell" (de), "possibly" or "may" (en), "esetleg" (hu), "mahdollisesti" (fi),
// "iespējams" (lv) are left out on purpose: formal letters use them for "any data you may
// hold", which must not weaken a real request. So are words that also mean "once again" or
// "as" ("ještě jednou", "ehk", "kā"), and "later" is not a hedge after "no" ("nie później").
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
  pl: {
    hedge: r`\b(byc moze|moze kiedys|kiedys w przyszlosci|pewnego dnia|(?<!nie )pozniej|nie jestem (pewien|pewna|pewny)|zastanawiam sie|rozwazam)\b`,
    question: r`\b(jak (moge|mozna|mam|usunac|skasowac)|jak dlugo|co sie stanie|gdzie moge)\b`,
  },
  cs: {
    hedge: r`\b(mozna|nekdy v budoucnu|jednoho dne|(?<!ne )pozdeji|nejsem si jist\w*|zvazuji|premyslim)\b`,
    question: r`\b(jak (mohu|muzu|lze|se da|smazu|vymazu|zrusim)|jak dlouho|co se stane|kde mohu)\b`,
  },
  el: {
    hedge: r`\b(ισωσ|καποια (στιγμη|μερα)|(?<!οχι )αργοτερα|δεν ειμαι (σιγουροσ|σιγουρη)|σκεφτομαι)\b`,
    question: r`\b(πωσ (μπορω|να|γινεται|θα)|για ποσο (καιρο|διαστημα|χρονο)|ποσο (καιρο|διαστημα)|τι (γινεται|συμβαινει))\b`,
  },
  hr: {
    hedge: r`\b(mozda|jednog dana|(?<!ne )kasnije|nisam (siguran|sigurna)|razmisljam|razmatram)\b`,
    question: r`\b(kako (mogu|se moze|da|izbrisati|obrisati|izbrisem|obrisem)|koliko dugo|sto se dogada|gdje mogu)\b`,
  },
  ro: {
    hedge: r`\b(poate ca|poate (o sa|voi|vreau|as)|intr-o zi|candva|(?<!cel )mai tarziu|nu sunt sigur\w*|ma gandesc|ma intreb)\b`,
    question: r`\b(cum (pot|se poate|sa|as putea|sterg|elimin)|cat timp|ce se intampla|unde pot)\b`,
  },
  bg: {
    hedge: r`\b(може би|някои ден|(?<!не )по-късно|не съм сигурен|не съм сигурна|обмислям|мисля да)\b`,
    question: r`\b(как (мога|да|се)|колко (време|дълго)|какво става|къде мога)\b`,
  },
  hu: {
    hedge: r`\b(talan|egyszer majd|(?<!nem )kesobb|meg nem dontottem|nem vagyok biztos|gondolkodom|fontolgatom)\b`,
    question: r`\b(hogyan|mennyi ideig|meddig (tarol|orz|kezel)\w*|mi tortenik)\b`,
  },
  sk: {
    hedge: r`\b((?<!(pokial|co) )mozno|niekedy v buducnosti|jedneho dna|(?<!nie )neskor|nie som si ist\w*|uvazujem|rozmyslam)\b`,
    question: r`\b(ako (mozem|mam|sa da|zmazem|vymazem|zrusim)|ako dlho|co sa stane|kde mozem)\b`,
  },
  sl: {
    hedge: r`\b(morda|nekoc v prihodnosti|(?<!ne )(kasneje|pozneje)|nisem preprican\w*|razmisljam)\b`,
    question: r`\b(kako (lahko|naj|se|izbrisem|zbrisem)|koliko casa|kaj se zgodi|kje lahko)\b`,
  },
  fi: {
    hedge: r`\b(ehka|kenties|jonain paivana|(?<!ei )myohemmin|en ole varma|harkitsen|mietin)\b`,
    question: r`\b(miten|kuinka (voin|voi|kauan|pitkaan)|mita tapahtuu|mista voin)\b`,
  },
  et: {
    hedge: r`\b(voib-olla|voibolla|kunagi tulevikus|(?<!mitte )hiljem|ma (pole|ei ole) kindel|kaalun|motlen)\b`,
    question: r`\b(kuidas|kui kaua|mis juhtub|kust ma saan)\b`,
  },
  lv: {
    hedge: r`\b(varbut|kadreiz nakotne|(?<!ne )velak|neesmu parliecinat\w*|apsveru)\b`,
    question: r`\b(ka (es )?(varu|var|lai)|cik ilgi|kas notiek|kur es varu)\b`,
  },
  lt: {
    hedge: r`\b(galbut|kada nors|(?<!ne )veliau|nesu (tikras|tikra)|svarstau|galvoju)\b`,
    question: r`\b(kaip (galiu|galima|man|istrinti|pasalinti)|kiek laiko|kas nutinka|kur galiu)\b`,
  },
  mt: {
    hedge: r`\b(forsi|xi darba|(?<!mhux )aktar tard|mhux cert[a]?|qed nahseb|qed nikkunsidra)\b`,
    question: r`\b(kif (nista'?|nistghu|jista'?|tista'?|nhassar)|kemm (idum|iz-zmien)|ghal kemm zmien|x'jigri)`,
  },
  ga: {
    hedge: r`\b(b'fheidir|la eigin|ar ball|nios deanai|nil me cinnte|taim ag smaoineamh|ta me ag smaoineamh)\b`,
    question: r`\b(conas|cen chaoi|ca fhad|ce chomh fada|cad a tharlaionn)\b`,
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
            r`\b(${g.postNegation})\s+\w+$|^\w+\s+((sie|u|ni|du|i|bitte|doch|venligst|vanligen|alstublieft|aub)\s+){0,2}(${g.postNegation})\b${NOT_ONLY}`,
            '',
          )
        : null,
    });
  }
  return cache;
}

// "Not only", which adds rather than negates ("löschen Sie nicht nur mein Konto, sondern …").
const NOT_ONLY_RE = compilePattern(
  r`\b(not (only|just)|nicht nur|niet alleen|inte bara|ikke (kun|blot|bare)|(pas|non) seulement|no (solo|solamente)|non solo|nao (so|apenas)|nu (doar|numai)|nie tylko|ne samo|не само|nem csak|ei (vain|ainoastaan)|mitte ainult|ne tik(ai)?|mhux biss|ni hamhain|οχι μονο)\b`,
  'g',
);

/**
 * Whether a negation stands inside the matched phrase itself, between the request and the verb
 * ("molim vas, nemojte izbrisati…", "pyydän, ettei … poisteta"), "not only" aside.
 */
export function negatedWithin(matched: string, negations: readonly RegExp[]): boolean {
  const text = matched.replace(NOT_ONLY_RE, ' ');
  return negations.some((n) => n.test(text));
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
