// Phrase tables for Latvian and Lithuanian (see lexicon.ts for the format). "~" is a short gap
// inside one sentence; patterns match folded text (ā → a, ē → e, ū → u, š → s, ž → z …).
// Both negate a verb with the prefix "ne-" ("nedzēsiet", "neištrinkite"), which keeps it from
// matching a deletion stem at all. Written from general usage and the GDPR's own terms.

import type { LanguageLexicon } from './lexicon';

const r = String.raw;

export const LV: LanguageLexicon = {
  lang: 'lv',
  phrases: {
    erasure: [
      [
        'dzest+datus',
        3,
        r`\b(dzes|izdzes)\w*\b~\b(dat|kont|profil|informacij)\w*|\b(datus|datu|kontu|profilu)\b~\b(dzest|izdzest|dzesiet|izdzesiet|dzests|dzesti)\b`,
        true,
      ],
      ['pieprasu+dzesanu', 3, r`\b(pieprasu|ludzu|ludzam|velos)\b~\b(dzes|izdzes)\w*`, true],
      ['dzesana', 1.5, r`\b(dzesan|izdzesan)\w*`],
      ['aizmirstam', 1.5, r`\btiesibas (tikt aizmirstam|uz dzesanu)\b`],
    ],
    access: [
      [
        'pieprasu+piekluvi',
        3,
        r`\b(pieprasu|ludzu|velos)\b~\b(piekluv\w*|kopij\w*|informacij\w*|izsniegt)`,
        true,
      ],
      ['piekluve', 1.5, r`\bpiekluv\w*`],
      ['kopija+dati', 2.5, r`\bkopij\w*\b~\bdat\w*`],
      ['kadus-datus', 3, r`\b(kadus|kadi) (personas )?dat\w*`, true],
    ],
    portability: [
      ['parnesamiba', 2.5, r`\bparnesamib\w*`],
      ['masinlasams', 1.5, r`\bmasinlasam\w*`],
    ],
    rectification: [
      [
        'nepareizi-dati',
        3,
        r`\b(mans|mana) (vards|uzvards|adrese|e-?pasta adrese|dzimsanas datums|talruna numurs)\b~\b(nepareiz|kludain|nav pareiz)\w*|\b(nepareizi|kludaini) (uzrakstit|ierakstit|ievadit)\w*\b~\b(mans|mana|manu) (vard|uzvard|adres)\w*`,
        true,
      ],
      ['jabut', 1.5, r`\b(jabut|pareizi (ir|jaraksta)|pareiza rakstiba)\b`],
      ['labosana', 2.5, r`\b(labosan|labojum)\w*`],
      [
        'labojiet+datus',
        2.5,
        r`\b(labojiet|labot|izlabojiet|izlabot|atjaunin\w*|mainiet|nomainiet)\b~\b(vard|uzvard|adres|e-?pasta|dat|dzimsanas|talrun)\w*`,
        true,
      ],
      ['neprecizi', 1, r`\b(neprecizi|nepareiz|kludain|novecoj|nepiln)\w*`],
    ],
    objection: [
      ['iebilstu', 3, r`\b(iebilstu|iebilstam)\b|\bcelu iebildum\w*`, true],
      ['iebildumi', 2, r`\b(iebild|iebilst)\w*`],
      ['tirgvediba', 1.5, r`\b(tiesa tirgvedib\w*|tiesais marketing\w*|marketing\w*|reklam\w*)`],
      ['profilesana', 0.5, r`\bprofilesan\w*`],
      ['atsaukt-piekrisanu', 1, r`\b(atsauc|atsauk)\w*\b~\bpiekrisan\w*`],
    ],
    unsubscribe: [
      [
        'atrakstities',
        3,
        r`\batrakst\w*|\b(atcelt|anulet|partraukt)\b~\b(abonement|jaunumu|parakstisan)\w*`,
        true,
      ],
      [
        'iznemiet-no-saraksta',
        4,
        r`\b(iznemiet|izsvitrojiet|dzesiet|nonemiet|izsledziet)\b (mani|manu e-?pasta adresi)\b~\bno\b~\b(sarakst|jaunumu|adresat)\w*`,
        true,
      ],
      [
        'nevelos-sanemt',
        3,
        r`\b(nevelos|negribu)\b~\bsanemt\b|\bnesutiet\b|\bpartrauciet\b~\bsutit\w*`,
        true,
      ],
      ['jaunumi', 1, r`\b(jaunumu vestul\w*|apkartrakst\w*|e-?pasta sarakst\w*)`],
    ],
    reminder: [
      ['atgadinajums', 3, r`\b(atgadinajum\w*|atgadinu)\b`],
      ['nav-atbildes', 3, r`\b(neesmu sanem\w*|nav sanemta|bez)\b~\batbild\w*`],
      ['atkartoti', 2, r`\b(atkartoti|velreiz|otro reizi)\b`],
      ['termins', 2.5, r`\btermin\w*\b~\b(pagajis|beidzies|nokavet|parsniegt)\w*`],
    ],
    complaint: [
      ['iesniegt-sudzibu', 3, r`\b(iesniedz|iesniegs|iesniegt)\w*\b~\bsudzib\w*`],
      ['sudziba', 1.5, r`\bsudzib\w*`],
      ['dvi', 1, r`\b(datu valsts inspekcij\w*|uzraudzibas iestad\w*)`],
    ],
    autoreply: [['arpus-biroja', 4, r`\b(arpus biroja|automatiska atbilde|atvalinajuma|prombutne)\b`]],
  },
  request: r`\b(ludzu|ludzam|pieprasu|velos|velamies|gribu|ar so|izmantoju savas tiesibas)\b`,
  conditional: r`\b(ja\b(?!,)|ja vien|gadijuma|citadi|paturu tiesibas)\b`,
  rights: r`\btiesib\w*`,
  negation: r`\b(ne|nav|nekad|nevajag|nevelos|negribu)\b`,
  complementizer: r`lai|ka`,
  stopwords: 'un ir manus manu datus ludzu jus par lai vai personas jusu ar cienu mani',
};

export const LT: LanguageLexicon = {
  lang: 'lt',
  phrases: {
    erasure: [
      [
        'istrinti+duomenis',
        3,
        r`\b(istrin|istryn|pasalin|sunaikin)\w*\b~\b(duomen|paskyr|profil|informacij)\w*|\b(duomenis|duomenys|paskyr\w*)\b~\b(istrin|istryn|pasalin)\w*`,
        true,
      ],
      ['prasau+istrynimo', 3, r`\b(prasau|reikalauju|pageidauju|noriu)\b~\b(istrin|istryn|pasalin)\w*`, true],
      ['istrynimas', 1.5, r`\bistrynim\w*`],
      ['pamirstam', 1.5, r`\bteise (buti pamirstam\w*|reikalauti istrinti)`],
    ],
    access: [
      [
        'prasau+susipazinti',
        3,
        r`\b(prasau|pageidauju|noriu|reikalauju)\b~\b(susipazin|prieig|kopij|informacij)\w*`,
        true,
      ],
      ['prieiga', 1.5, r`\b(prieig|susipazin)\w*`],
      ['kopija+duomenys', 2.5, r`\bkopij\w*\b~\bduomen\w*`],
      ['kokius-duomenis', 3, r`\b(kokius|kokie) (asmens )?duomen\w*`, true],
    ],
    portability: [
      ['perkeliamumas', 2.5, r`\bperkeliamum\w*`],
      ['kompiuterio-skaitomas', 1.5, r`\b(kompiuterio|masininiu budu) skaitom\w*`],
    ],
    rectification: [
      [
        'neteisingi-duomenys',
        3,
        r`\bmano (vardas|pavarde|adresas|el\.? pasto adresas|gimimo data|telefono numeris)\b~\b(neteising|klaiding|netiksl)\w*|\b(neteisingai|klaidingai) (parasyt|irasyt|nurodyt)\w*\b~\bmano (vard|pavard|adres)\w*`,
        true,
      ],
      ['turetu-buti', 1.5, r`\b(turetu buti|turi buti|teisingai (yra|rasoma)|teisinga rasyba)\b`],
      ['istaisymas', 2.5, r`\b(istaisy|patikslin)\w*`],
      [
        'pataisykite+duomenis',
        2.5,
        r`\b(pataisykite|pataisyti|pakeiskite|pakeisti|atnaujinkite|atnaujinti)\b~\b(vard|pavard|adres|el\.? pa|duomen|gimimo|telefon)\w*`,
        true,
      ],
      ['netikslus', 1, r`\b(netiksl|neteising|klaiding|pasenus|neisam)\w*`],
    ],
    objection: [
      ['nesutinku', 3, r`\b(nesutinku|priestarauju)\b|\bpareiskiu priestaravim\w*`, true],
      ['priestaravimas', 2, r`\b(priestarav|nesutikim)\w*`],
      ['rinkodara', 1.5, r`\b(tiesiogin\w* rinkodar\w*|rinkodar\w*|reklam\w*)`],
      ['profiliavimas', 0.5, r`\bprofiliav\w*`],
      ['atsaukti-sutikima', 1, r`\batsauk\w*\b~\bsutikim\w*`],
    ],
    unsubscribe: [
      ['atsisakyti-prenumeratos', 3, r`\batsisak\w*\b~\b(prenumerat|naujienlaisk|laisk)\w*`, true],
      [
        'isbraukite-is-saraso',
        4,
        r`\b(isbraukite|pasalinkite|istrinkite|isimkite)\b (mane|mano el\.? pasto adresa|mano adresa)\b~\bis\b~\b(saras|naujienlaisk|prenumerat|adresat)\w*`,
        true,
      ],
      [
        'nebenoriu-gauti',
        3,
        r`\b(nebenoriu|nenoriu|nepageidauju)\b~\bgauti\b|\b(nebesiuskite|nesiuskite)\b|\bliaukites\b~\bsiust\w*`,
        true,
      ],
      ['naujienlaiskis', 1, r`\b(naujienlaisk|naujienu laisk)\w*`],
    ],
    reminder: [
      ['priminimas', 3, r`\b(priminim\w*|primenu)\b`],
      ['negavau-atsakymo', 3, r`\b(negavau|negavome|nesulaukiau|be)\b~\batsakym\w*`],
      ['pakartotinai', 2, r`\b(pakartotinai|dar karta|antra karta)\b`],
      ['terminas', 2.5, r`\btermin\w*\b~\b(praejo|pasibaige|praleist|virsyt)\w*`],
    ],
    complaint: [
      ['pateikti-skunda', 3, r`\b(pateik|teik)\w*\b~\bskund\w*`],
      ['skundas', 1.5, r`\bskund\w*`],
      ['vdai', 1, r`\b(vdai|valstybin\w* duomenu apsaugos inspekcij\w*|prieziuros institucij\w*)`],
    ],
    autoreply: [['ne-biure', 4, r`\b(ne biure|automatinis atsakymas|atostogose)\b`]],
  },
  request: r`\b(prasau|prasome|reikalauju|pageidauju|noriu|noreciau|siuo laisku|pasinaudodam\w*|igyvendindam\w*)\b`,
  conditional: r`\b(jei|jeigu|tuo atveju|priesingu atveju|kitaip|pasilieku teise)\b`,
  rights: r`\bteis(e|es|ei|iu|emis)\b`,
  negation: r`\b(ne|nera|niekada|nenoriu|nereikia)\b`,
  complementizer: r`kad`,
  stopwords: 'ir as mano duomenis duomenys prasau jus kad su del yra savo jusu pagarbiai asmens',
};
