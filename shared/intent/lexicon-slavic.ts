// Phrase tables for Bulgarian, Slovak and Slovenian (see lexicon.ts for the format; Polish,
// Czech and Croatian are in lexicon-other.ts). "~" is a short gap inside one sentence; patterns
// match folded text, where Bulgarian "й" becomes "и" ("изтрийте" → "изтриите").
// Written from general usage and the GDPR's own terms in each language, not from any template.

import type { LanguageLexicon } from './lexicon';

const r = String.raw;

export const BG: LanguageLexicon = {
  lang: 'bg',
  phrases: {
    erasure: [
      [
        'iztriite+danni',
        3,
        r`\b(изтри|заличи|заличе|премахн|унищож)\w*\b~\b(данн|профил|акаунт|регистраци|информаци)\w*|\b(данни|данните|профила|акаунта)\b~\b(изтри|заличи)\w*`,
        true,
      ],
      [
        'iskam+iztrivane',
        3,
        r`\b(искам|моля|настоявам|изисквам|искане)\w*\b~\b(изтриван|заличаван)\w*`,
        true,
      ],
      ['iztrivane', 1.5, r`\b(изтриван|заличаван)\w*`],
      ['zabraven', 1.5, r`\bправо(то)? (на изтриване|да бъда забравен\w*|да бъдеш забравен)`],
    ],
    access: [
      ['iskam+dostap', 3, r`\b(искам|моля|изисквам|искане)\w*\b~\b(достъп|копие|информаци\w*)`, true],
      ['dostap', 1.5, r`\bдостъп\w*`],
      ['kopie+danni', 2.5, r`\bкопи\w*\b~\bданн\w*`],
      ['kakvi-danni', 3, r`\bкакви (лични )?данни\b`, true],
    ],
    portability: [
      ['prenosimost', 2.5, r`\bпреносимост\w*`],
      ['mashinno-chetim', 1.5, r`\bмашинночетим\w*|\bпригоден за машинно четене\b`],
    ],
    rectification: [
      [
        'greshni-danni',
        3,
        r`\b(името|фамилията|адресът|адреса|имеилът|имеила|датата на раждане|телефонът) ми\b~\b(грешн|неправилн|неточн|сгрешен)\w*|\b(грешно|неправилно) (изписан|написан|въведен)\w*\b~\b(името|фамилията|адреса) ми\b`,
        true,
      ],
      ['pravilno-e', 1.5, r`\bправилно (е|се пише)\b|\bтрябва да (бъде|е)\b`],
      ['korigirane', 2.5, r`\b(коригир|поправ)\w*`],
      [
        'promenete+danni',
        2.5,
        r`\b(актуализира|промен|коригира|поправ)\w*\b~\b(име|фамили|адрес|имеил|данн|телефон|дата(та)? на раждане)\w*`,
        true,
      ],
      ['netochni', 1, r`\b(неточн|неправилн|грешн|непълн|остарял)\w*`],
    ],
    objection: [
      ['vazrazyavam', 3, r`\bвъзразявам\b|\b(подавам|правя)\b~\bвъзражение\b`, true],
      ['vazrazhenie', 2, r`\bвъзраж\w*`],
      ['marketing', 1.5, r`\b(директен маркетинг|директния маркетинг|маркетинг\w*|реклам\w*)`],
      ['profilirane', 0.5, r`\bпрофилиран\w*`],
      ['ottegliane-saglasie', 1, r`\bоттегл\w*\b~\bсъглас\w*`],
    ],
    unsubscribe: [
      ['otpishete', 3.5, r`\bотпиш\w*|\bотписван\w*`, true],
      [
        'premahnete-ot-spisaka',
        4,
        r`\b(премахнете|изтриите|извадете|махнете)\b (ме|адреса ми|имеила ми)\b~\bот\b (списък|бюлетин|пощенск|абонамент)\w*`,
        true,
      ],
      [
        'ne-zhelaya',
        3,
        r`\bне (желая|искам)\b~\bда получавам\b|\bне ми изпращаите\b|\bспрете да (ми )?изпращате\b`,
        true,
      ],
      ['byuletin', 1, r`\b(бюлетин|абонамент)\w*`],
    ],
    reminder: [
      ['napomnyane', 3, r`\b(напомнян\w*|напомням)\b`],
      ['bez-otgovor', 3, r`\b(не съм получил\w*|не получих|без|никакъв)\b~\bотговор\w*`],
      ['otnovo', 2, r`\b(отново|повторно|за втори път)\b`],
      ['srok', 2.5, r`\bсрок\w*\b~\b(изтекъл|изтече|просрочен|пропуснат)\w*`],
    ],
    complaint: [
      ['podavam-zhalba', 3, r`\b(подавам|подам|подаване|подадох)\b~\bжалба\w*`],
      ['zhalba', 1.5, r`\bжалб\w*`],
      ['kzld', 1, r`\b(кзлд|комисия(та)? за защита на личните данни|надзорен орган)`],
    ],
    autoreply: [['izvan-ofisa', 4, r`\b(извън офиса|автоматичен отговор|в отпуск|отсъствам)\b`]],
  },
  request: r`\b(моля|настоящото|искам|изисквам|бих искал|бих искала|желая|упражнявам (правото си|своето право))\b`,
  conditional: r`\b(ако|в случаи|в противен случаи|запазвам си|освен ако|иначе)\b`,
  rights: r`\bправ(о|ото|а|ата)\b`,
  negation: r`\b(не|недеите|никога|нито)\b`,
  stopwords: 'и на да се за от моля моите данни лични ми не ще са с по които като или мен',
};

export const SK: LanguageLexicon = {
  lang: 'sk',
  phrases: {
    erasure: [
      [
        'vymazat+udaje',
        3,
        r`\b(vymaz|zmaz|odstran|zlikvid)\w*\b~\b(udaj\w*|ucet|uctu|ucty|konto|profil\w*|informaci\w*|vsetko)\b`,
        true,
      ],
      [
        'ziadam+vymazanie',
        3,
        r`\b(ziadam|poziadavam|prosim|ziadost\w*|poziadavk\w*)\b~\b(vymaz|zmaz|odstran)\w*`,
        true,
      ],
      ['vymazanie', 1.5, r`\b(vymazan|odstranen)\w*`],
      ['zabudnutie', 1.5, r`\bpravo na (zabudnutie|vymazanie)\b`],
    ],
    access: [
      [
        'ziadam+pristup',
        3,
        r`\b(ziadam|poziadavam|prosim|ziadost\w*)\b~\b(pristup|kopi|informaci|potvrdeni)\w*`,
        true,
      ],
      ['pristup', 1.5, r`\bpristup\w*`],
      ['kopia+udajov', 2.5, r`\bkopi\w*\b~\budaj\w*`],
      ['ake-udaje', 3, r`\b(ake|ktore) (osobne )?udaje\b`, true],
    ],
    portability: [
      ['prenosnost', 2.5, r`\bprenosnost\w*`],
      ['strojovo-citatelny', 1.5, r`\bstrojovo citateln\w*`],
    ],
    rectification: [
      [
        'nespravne-udaje',
        3,
        r`\b(moje|moja|moj) (meno|priezvisko|adresa|e-?mailova adresa|datum narodenia|telefonne cislo)\b~\b(nespravn|chybn|nepresn)\w*|\b(moje|moja|moj) (meno|priezvisko|adresa)\b~\bzle (napisan|zapisan|uveden)\w*|\b(nespravne|chybne|zle) (napisal|zapisal|uviedl)\w*\b~\b(moje|moju|moj) (meno|priezvisk|adres)\w*`,
        true,
      ],
      ['spravne-je', 1.5, r`\bspravne (je|ma byt|znie)\b|\bmalo by (byt|znit)\b`],
      ['oprava', 2.5, r`\b(oprava|opravu|opravy|opravenie|opravit|opravte)\b`],
      [
        'aktualizacia+udajov',
        1.5,
        r`\b(aktualiz|zmen)\w*\b~\b(meno|priezvisk|adres|e-?mail|udaj|telefon)\w*`,
        true,
      ],
      ['nepresne', 1, r`\b(nepresn|nespravn|chybn|neuplne)\w*`],
    ],
    objection: [
      ['namietam', 3, r`\bnamietam\b|\b(podavam|uplatnujem|vznasam)\b~\bnamietk\w*`, true],
      ['namietka', 2, r`\bnamiet\w*`],
      ['marketing', 1.5, r`\b(priam\w* marketing\w*|marketing\w*|reklam\w*|obchodn\w* oznamen\w*)`],
      ['profilovanie', 0.5, r`\bprofilovani\w*`],
      ['odvolanie-suhlasu', 1, r`\bodvol\w*\b~\bsuhlas\w*`],
    ],
    unsubscribe: [
      ['odhlasit', 3, r`\bodhlas\w*`, true],
      [
        'vymazte-zo-zoznamu',
        4,
        r`\b(vymazte|odstrante|vyradte|vyciarknite)\b (ma|moju adresu|moj e-?mail)\b~\bzo?\b (zoznam|newsletter|mailing|databaz)\w*`,
        true,
      ],
      [
        'nezasielajte',
        3,
        r`\b(nezasielajte|neposielajte)\b|\bnechcem (uz )?(dalej )?(dostavat|odoberat|prijimat)\b`,
        true,
      ],
      ['newsletter', 1, r`\b(newslett|informacn\w* bulletin|odber)\w*`],
    ],
    reminder: [
      ['urgencia', 3, r`\b(urgenci\w*|urgujem|pripomienk\w*|pripominam)\b`],
      ['bez-odpovede', 3, r`\b(nedostal\w*|neobdrzal\w*|ziadnu|bez)\b~\bodpoved\w*`],
      ['opatovne', 2, r`\b(opatovne|znova|znovu|opat|druhykrat|este raz)\b`],
      ['lehota', 2.5, r`\blehot\w*\b~\b(uplynul|presiahnut|prekrocen|marne)\w*`],
    ],
    complaint: [
      [
        'podavam-staznost',
        3,
        r`\b(podavam|podat|podanie|podal\w*)\b~\b(staznost\w*|navrh na zacatie konania)`,
      ],
      ['staznost', 1.5, r`\bstaznost\w*`],
      ['urad', 1, r`\b(urad na ochranu osobnych udajov|dozorn\w* organ\w*)`],
    ],
    autoreply: [
      ['mimo-kancelarie', 4, r`\b(mimo kancelarie|automaticka odpoved|na dovolenke|nepritomn\w*)\b`],
    ],
  },
  request: r`\b(ziadam|tymto|prosim|poziadavam|chcem|chcel by som|chcela by som|ziadost)\b`,
  conditional: r`\b(ak|pokial|v pripade|vyhradzujem|inak|keby)\b`,
  rights: r`\b(pravo|prava|pravom|pravu)\b`,
  negation: r`\b(ne|nie|nikdy|nechcem|neziadam|nepoziadavam)\b`,
  complementizer: r`aby|ze|abyste|abys`,
  stopwords:
    'som ma moje mojich moj mojej udajov osobnych alebo ktore aby vasej dakujem ziadam tymto ste sa ako aj len nie zo pre vsetky vsetkych',
};

export const SL: LanguageLexicon = {
  lang: 'sl',
  phrases: {
    erasure: [
      [
        'izbrisite+podatke',
        3,
        r`\b(izbris|zbris|odstran|unic)\w*\b~\b(podatk\w*|podatek|racun\w*|profil\w*|informacij\w*|vse)\b`,
        true,
      ],
      ['zahtevam+izbris', 3, r`\b(zahtevam|prosim|zahtev\w*|prosnj\w*)\b~\b(izbris|zbris|odstran)\w*`, true],
      ['izbris', 1.5, r`\bizbris\w*`],
      ['pozaba', 1.5, r`\bpravic\w* do (pozabe|izbrisa)\b`],
    ],
    access: [
      [
        'zahtevam+dostop',
        3,
        r`\b(zahtevam|prosim|zahtev\w*)\b~\b(dostop|kopij|informacij|seznanit|vpogled)\w*`,
        true,
      ],
      ['dostop', 1.5, r`\b(dostop|vpogled)\w*`],
      ['kopija+podatkov', 2.5, r`\bkopij\w*\b~\bpodatk\w*`],
      ['katere-podatke', 3, r`\b(katere|kaksne) (osebne )?podatke\b`, true],
    ],
    portability: [
      ['prenosljivost', 2.5, r`\bprenosljivost\w*`],
      ['strojno-berljiv', 1.5, r`\bstrojno berljiv\w*`],
    ],
    rectification: [
      [
        'napacni-podatki',
        3,
        r`\b(moje|moj) (ime|priimek|naslov|e-?postni naslov|datum rojstva|telefonska stevilka)\b~\b(napacn|narobe|nepravil|netocn)\w*|\b(napacno|narobe|nepravilno) (zapisal|napisal|vnesl)\w*\b~\b(moje|moj) (ime|priimek|naslov)\b`,
        true,
      ],
      ['pravilno-je', 1.5, r`\bpravilno (je|se glasi|se pise)\b|\b(bi moralo|mora) biti\b`],
      ['popravek', 2.5, r`\bpoprav\w*`],
      [
        'spremenite+podatke',
        2.5,
        r`\b(posodob|spremen|poprav)\w*\b~\b(ime|priimek|naslov\w*|e-?naslov\w*|e-?post\w*|podatk\w*|datum rojstva|telefonsk\w*)`,
        true,
      ],
      ['netocni', 1, r`\b(netocn|napacn|nepopoln|zastarel)\w*`],
    ],
    objection: [
      ['ugovarjam', 3, r`\bugovarjam\b|\b(vlagam|podajam)\b~\bugovor\w*`, true],
      ['ugovor', 2, r`\bugovor\w*`],
      ['trzenje', 1.5, r`\b(neposredn\w* trzenj\w*|trzenj\w*|oglasevanj\w*|reklam\w*)`],
      ['profiliranje', 0.5, r`\bprofiliranj\w*`],
      ['preklic-privolitve', 1, r`\b(preklic|umik)\w*\b~\b(privolitev|privolitv|soglasj)\w*`],
    ],
    unsubscribe: [
      ['odjava', 3, r`\bodjav\w*`, true],
      [
        'odstranite-s-seznama',
        4,
        r`\b(odstranite|izbrisite|zbrisite|umaknite)\b (me|moj e-?naslov|moj naslov)\b~\b(s|z|iz)\b (seznam|novicnik|e-?novic|posiljanj)\w*`,
        true,
      ],
      [
        'ne-zelim-prejemati',
        3,
        r`\bne (zelim|zelimo) (vec )?prejemati\b|\bne posiljajte (mi )?vec\b|\b(nehajte|prenehajte) (mi )?(s )?posilja\w*`,
        true,
      ],
      ['novicnik', 1, r`\b(novicnik|e-?novic|newsletter)\w*`],
    ],
    reminder: [
      ['opomnik', 3, r`\b(opomin\w*|opomnik\w*|opominjam|urgenc\w*)\b`],
      ['brez-odgovora', 3, r`\b(nisem|brez|nobenega)\b~\bodgovor\w*`],
      ['ponovno', 2, r`\b(ponovno|znova|se enkrat|drugic)\b`],
      ['rok', 2.5, r`\b(rok|obdobje)\b~\b(potekel|pretekel|prekoracen|iztekel)\b`],
    ],
    complaint: [
      ['vlagam-pritozbo', 3, r`\b(vlagam|vloziti|vlozil\w*|podajam)\b~\b(pritozb|prijav)\w*`],
      ['pritozba', 1.5, r`\bpritozb\w*`],
      ['informacijski-pooblascenec', 1, r`\b(informacijsk\w* pooblascen\w*|nadzorn\w* organ\w*)`],
    ],
    autoreply: [['odsoten', 4, r`\b(izven pisarne|samodejni odgovor|odsoten|odsotna|na dopustu)\b`]],
  },
  request: r`\b(zahtevam|prosim|s tem|vas prosim|zelim|zahtev\w*|uveljavljam)\b`,
  conditional: r`\b(ce|v primeru|sicer|pridrzujem|razen ce|kolikor)\b`,
  rights: r`\bpravic\w*`,
  negation: r`\b(ne|nikoli|nocem|nisem)\b`,
  complementizer: r`da`,
  stopwords:
    'sem moje mojih mojega podatkov osebnih ki hvala lep pozdrav zahtevam bi kot ali vase bom boste svoj svojih lahko vec ce vse',
};
