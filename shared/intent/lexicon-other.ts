// Phrase tables for Polish, Czech, Croatian and Greek (see lexicon.ts for the format).
// "~" in a pattern is a short gap inside one sentence; patterns match folded text.
// Written from general usage of each language, not from any particular letter template.

import type { LanguageLexicon } from './lexicon';

const r = String.raw;

export const PL: LanguageLexicon = {
  lang: 'pl',
  phrases: {
    erasure: [
      [
        'usunac+dane',
        3,
        r`\b(usun|wymaz|skasow|skasuj|zniszcz)\w*\b~\b(dane|danych|konto|konta|profil|informacje|wszystko)\b`,
        true,
      ],
      [
        'zadam+usuniecia',
        3,
        r`\b(zadam|wnosze|prosze|zadanie|wniosek)\w*\b~\b(usuniec|wymazani|skasowani)\w*`,
        true,
      ],
      ['usuniecie', 1.5, r`\b(usuniec|wymazani)\w*`],
      ['prawo-zapomnienia', 1.5, r`\bprawo do (bycia zapomnianym|usuniecia danych)\b`],
      ['zapomnijcie', 3, r`\bzapomnijcie o mnie\b`, true],
    ],
    access: [
      [
        'zadam+dostepu',
        3,
        r`\b(zadam|wnosze|prosze|wniosek|zadanie)\w*\b~\b(dostep|kopi|informacj)\w*`,
        true,
      ],
      ['dostep', 1.5, r`\bdostep\w*`],
      ['kopia+danych', 2.5, r`\bkopi\w*\b~\bdanych\b`],
      ['jakie-dane', 3, r`\b(jakie|ktore) (moje )?dane\b`, true],
    ],
    portability: [
      ['przenoszenie', 2.5, r`\b(przenosz|przeniesieni)\w*\b~\bdanych\b`],
      ['odczyt-maszynowy', 1.5, r`\bodczytu maszynowego\b|\bnadajacym sie do odczytu\b`],
    ],
    rectification: [
      [
        'bledne-dane',
        3,
        r`\bmoj\w* (imie|nazwisk\w*|adres\w*|e-?mail\w*|dat\w* urodzenia|numer\w* telefonu)\b~\b((blednie|zle|niepoprawnie|nieprawidlowo) (zapisan|napisan|wpisan)\w*|(jest|sa) (bledn|niepoprawn|nieprawidlow|nieaktualn)\w*)|\b(blednie|zle) (zapisal\w*|napisal\w*|wpisal\w*)\b~\bmoj\w* (imie|nazwisk\w*|adres\w*)`,
        true,
      ],
      ['powinno-byc', 1.5, r`\bpowinno (byc|brzmiec)\b|\bprawidlow\w* (pisownia|brzmienie)\b`],
      ['sprostowanie', 2.5, r`\bsprostow\w*|\bsprostuj\w*`],
      [
        'poprawic+dane',
        2.5,
        r`\b(popraw|zaktualiz|zmien|korygu|skoryg)\w*\b~\b(imie|nazwisko|adres|e-?mail|dane|danych|numer|date urodzenia)\b`,
        true,
      ],
      ['bledne', 1, r`\b(nieprawidlow|bledn|niepoprawn|nieaktualn|niekomplet)\w*`],
    ],
    objection: [
      ['wnosze-sprzeciw', 3, r`\b(wnosze|zglaszam|skladam)\b~\bsprzeciw\b|\bsprzeciwiam sie\b`, true],
      ['sprzeciw', 2, r`\bsprzeciw\w*`],
      ['marketing', 1.5, r`\bmarketing\w* bezposredni\w*|\bcel\w* marketingow\w*|\breklam\w*`],
      ['profilowanie', 0.5, r`\bprofilowani\w*`],
      ['wycofanie-zgody', 1, r`\b(wycofuj|wycofan|cofam|odwolu)\w*\b~\bzgod\w*`],
    ],
    unsubscribe: [
      ['wypisz', 3.5, r`\bwypis\w*`, true],
      ['rezygnacja', 3, r`\brezygn\w*\b~\b(subskrypcj|newslett|list|mailing|otrzymywani)\w*`, true],
      [
        'usun-z-listy',
        4,
        r`\b(usun|usuncie|usunac|skreslcie|wykreslcie|wykreslic)\b (mnie|moj adres)\b~\bz\b (list\w*|bazy mailingowej|newslettera|mailingu)`,
        true,
      ],
      [
        'nie-chce-otrzymywac',
        3,
        r`\bnie (chce|chcemy|zycze sobie)\b~\botrzymywa\w*|\bnie (wysylajcie|przysylajcie)\b|\bprzestancie (wysylac|przysylac)\b`,
        true,
      ],
      ['newsletter', 1, r`\b(newslett|mailing)\w*`],
    ],
    reminder: [
      ['przypomnienie', 3, r`\b(przypomnieni\w*|ponagleni\w*|monit|wezwanie)\b`],
      ['brak-odpowiedzi', 3, r`\b(brak|nie otrzymal\w*|bez)\b~\bodpowiedzi\b`],
      ['ponownie', 2, r`\b(ponownie|po raz kolejny|jeszcze raz|po raz drugi)\b`],
      ['termin-uplynal', 2.5, r`\b(termin|okres)\b~\b(uplynal|minal|przekroczon\w*)\b`],
      [
        'poprzedni-wniosek',
        2,
        r`\b(moj\w*|poprzedni\w*) (wniosek|zadanie|e-?mail|wiadomosc|pismo)\b~\bz dnia\b|\bwyslal\w*\b~\b(wniosek|zadanie)\b`,
      ],
    ],
    complaint: [
      ['wnosze-skarge', 3, r`\b(wnosze|skladam|zloze|zlozyc|zlozenie|wniesienie)\b~\bskarg\w*`],
      ['skarga', 1.5, r`\bskarg\w*`],
      ['uodo', 1, r`\b(uodo|prezes\w* urzedu ochrony danych\w*|organ\w* nadzorcz\w*)`],
    ],
    autoreply: [['poza-biurem', 4, r`\b(poza biurem|nieobecn\w*|automatyczna odpowiedz|na urlopie)\b`]],
  },
  request: r`\b(prosze|wnosze|zadam|niniejszym|uprzejmie|chce|chcialbym|chcialabym|zadanie|korzystam z (mojego |przyslugujacego mi )?prawa)\b`,
  conditional: r`\b(jesli|jezeli|w przypadku|gdyby|o ile|zastrzegam|w przeciwnym razie)\b`,
  rights: r`\b(prawo|prawa|praw)\b`,
  negation: r`\b(nie|nigdy)\b`,
  complementizer: r`ze|zeby|aby|by`,
  stopwords: 'nie mnie moje moich danych prosze sie jest oraz moj moja jak tak ze moim dane',
};

export const CS: LanguageLexicon = {
  lang: 'cs',
  phrases: {
    erasure: [
      [
        'vymazat+udaje',
        3,
        r`\b(vymaz|smaz|odstran|zlikvid)\w*\b~\b(udaj\w*|data|dat|ucet|uctu|profil\w*|informac\w*)\b`,
        true,
      ],
      ['zadam+vymazani', 3, r`\b(zadam|pozaduji|prosim|zadost|zadosti)\b~\b(vymaz|smaz|odstran)\w*`, true],
      ['vymazani', 1.5, r`\b(vymaz|smaz|odstraneni)\w*`],
      ['pravo-zapomenuti', 1.5, r`\bpravo (byt zapomenut|na vymaz)\w*`],
    ],
    access: [
      ['zadam+pristup', 3, r`\b(zadam|pozaduji|prosim|zadost\w*)\b~\b(pristup|kopi|informac)\w*`, true],
      ['pristup', 1.5, r`\bpristup\w*`],
      ['kopie+udaju', 2.5, r`\bkopi\w*\b~\budaj\w*`],
      ['jake-udaje', 3, r`\b(jake|ktere) (osobni )?udaje\b`, true],
    ],
    portability: [
      ['prenositelnost', 2.5, r`\bprenositelnost\w*`],
      ['strojove-citelny', 1.5, r`\bstrojove citeln\w*`],
    ],
    rectification: [
      [
        'chybne-udaje',
        3,
        r`\b(moje|me|muj) (jmeno|prijmeni|adresa|e-?mailova adresa|datum narozeni|telefonni cislo)\b~\b((chybne|spatne|nespravne) (napsan|zapsan|uveden)\w*|(je|jsou) (chybn|nespravn|nepresn)\w*)|\b(chybne|spatne|nespravne) (napsal\w*|zapsal\w*|uvedl\w*)\b~\b(moje|me|muj) (jmeno|prijmeni|adres\w*)`,
        true,
      ],
      ['spravne-je', 1.5, r`\bspravne (je|ma byt|zni)\b|\bmelo by (byt|znit)\b`],
      ['oprava', 2.5, r`\b(oprava|opravu|opravy|opraveni|opravit|opravte)\b`],
      ['aktualizace+udaju', 1.5, r`\b(aktualiz|zmen)\w*\b~\b(jmeno|adres|e-?mail|udaj|telefon)\w*`, true],
      ['nepresne', 1, r`\b(nepresn|nespravn|chybn|neuplne)\w*`],
      ['doplneni', 1, r`\bdoplneni\b`],
    ],
    objection: [
      ['vznasim-namitku', 3, r`\b(vznasim|podavam|uplatnuji)\b~\bnamitk\w*|\bnamitam\b`, true],
      ['namitka', 2, r`\bnamitk\w*`],
      ['marketing', 1.5, r`\b(primeho marketingu|primy marketing|reklam\w*|obchodni sdeleni)`],
      ['profilovani', 0.5, r`\bprofilovani\b`],
      ['odvolani-souhlasu', 1, r`\bodvol\w*\b~\bsouhlas\w*`],
    ],
    unsubscribe: [
      ['odhlasit', 3, r`\bodhlas\w*`, true],
      [
        'nezasilejte',
        3,
        r`\b(nezasilejte|neposilejte)\b|\bnechci (jiz |uz )?(dale )?(dostavat|odebirat)\b`,
        true,
      ],
      ['newsletter', 1, r`\bnewslett\w*`],
    ],
    reminder: [
      ['upominka', 3, r`\b(upomink\w*|upominam|urgenc\w*|pripominka)\b`],
      ['bez-odpovedi', 3, r`\b(neobdrzel\w*|nedostal\w*|zadnou|bez)\b~\bodpoved\w*`],
      ['znovu', 2, r`\b(znovu|opet|opetovne|podruhe)\b`],
      ['lhuta-prekrocena', 2.5, r`\b(lhut\w*|doba)\b~\b(prekrocen\w*|uplynul\w*|marne)\b`],
      ['drivejsi-zadost', 2, r`\b(zaslal|poslal|podal)\w*\b~\bzadost\b`],
    ],
    complaint: [
      ['podavam-stiznost', 3, r`\b(podavam|podat|podani|podal\w*)\b~\bstiznost\w*`],
      ['stiznost', 1.5, r`\bstiznost\w*`],
      ['uoou', 1, r`\b(uoou|urad pro ochranu osobnich udaju|dozorov\w* urad\w*)`],
    ],
    autoreply: [['mimo-kancelar', 4, r`\b(mimo kancelar|automaticka odpoved|nepritomn\w*|na dovolene)\b`]],
  },
  request: r`\b(zadam|timto|prosim|pozaduji|chci|chtel bych|chtela bych|zadost)\b`,
  conditional: r`\b(pokud|jestlize|v pripade|vyhrazuji|jinak|kdyby)\b`,
  rights: r`\b(pravo|prava|pravem|pravu)\b`,
  negation: r`\b(ne|nikdy|nechci|nechceme|nepreji|nezadam|nepozaduji)\b`,
  complementizer: r`ze|aby|abyste|abys`,
  stopwords:
    'jsem mne moje mych udaju prosim se je ze vam ktere tyto podle osobnich nebo jako muj svuj vsechny mohu nejsem zatim',
};

export const HR: LanguageLexicon = {
  lang: 'hr',
  phrases: {
    erasure: [
      [
        'izbrisati+podatke',
        3,
        r`\b(izbris|obris|brisanj|unist|ukloni)\w*\b~\b(podat\w*|racun\w*|profil\w*|informacij\w*)`,
        true,
      ],
      [
        'zahtijevam+brisanje',
        3,
        r`\b(zahtijevam|trazim|molim|zahtjev\w*)\b~\b(brisanj|izbris|obris)\w*`,
        true,
      ],
      ['brisanje', 1.5, r`\b(brisanj|izbrisanj)\w*`],
      ['pravo-zaborav', 1.5, r`\bpravo na (zaborav|brisanje)\b`],
    ],
    access: [
      [
        'zahtijevam+pristup',
        3,
        r`\b(zahtijevam|trazim|molim|zahtjev\w*)\b~\b(pristup|kopij\w*|informacij\w*|uvid)\b`,
        true,
      ],
      ['pristup', 1.5, r`\b(pristup|uvid)\b`],
      ['kopija+podataka', 2.5, r`\bkopij\w*\b~\bpodat\w*`],
      ['koje-podatke', 3, r`\bkoje (osobne )?podatke\b`, true],
    ],
    portability: [
      ['prenosivost', 2.5, r`\bprenosivost\w*`],
      ['strojno-citljiv', 1.5, r`\bstrojno citljiv\w*`],
    ],
    rectification: [
      [
        'pogresni-podaci',
        3,
        r`\bmoj\w* (ime|prezime|adres\w*|e-?mail\w*|datum rodenja|broj telefona)\b~\b(pogresn\w*|krivo|netocn\w*|nije (tocn|ispravn)\w*)|\b(pogresno|krivo) (napisal\w*|upisal\w*|zapisal\w*)\b~\bmoj\w* (ime|prezime|adres\w*)`,
        true,
      ],
      ['treba-biti', 1.5, r`\b(treba|trebalo bi|mora) (biti|glasiti)\b|\bispravno (je|glasi|se pise)\b`],
      ['ispravak', 2.5, r`\bisprav\w*`],
      [
        'azurirati+podatke',
        2,
        r`\b(azurir|promijen)\w*\b~\b(ime|prezime|adres\w*|e-?mail\w*|podat\w*|telefon\w*)`,
        true,
      ],
      ['netocni', 1, r`\b(netocn|pogresn|nepotpun|zastarjel)\w*`],
      ['dopuna', 1, r`\bdopun\w*`],
    ],
    objection: [
      ['ulazem-prigovor', 3, r`\b(ulazem|podnosim|izjavljujem)\b~\bprigovor\w*|\bprotivim se\b`, true],
      ['prigovor', 2, r`\bprigovor\w*`],
      ['marketing', 1.5, r`\b(izravn\w* marketing\w*|marketinsk\w*|promidzb\w*|reklam\w*)`],
      ['profiliranje', 0.5, r`\b(profiliranj\w*|izrad\w* profila)`],
      ['povlacenje-privole', 1, r`\b(povlac|povuc|opoziv)\w*\b~\bprivol\w*`],
    ],
    unsubscribe: [
      ['odjava', 3, r`\bodjav\w*|\bispis\w* me\b`, true],
      [
        'makni-s-liste',
        4,
        r`\b(maknite|makni|uklonite|izbrisite|obrisite|skinite)\b (me|moju adresu)\b~\b(s|sa|iz)\b (popisa|liste|newslettera|mailing\w*)`,
        true,
      ],
      [
        'ne-zelim-primati',
        3,
        r`\bne (zelim|zelimo) (vise )?primati\b|\bne saljite (mi )?vise\b|\bprestanite (mi )?slati\b`,
        true,
      ],
      ['newsletter', 1, r`\b(newslett|bilten)\w*`],
    ],
    reminder: [
      ['opomena', 3, r`\b(opomen\w*|podsjetnik|podsjecam|urgencij\w*|urgiram)\b`],
      ['bez-odgovora', 3, r`\b(nisam|bez|nikakav)\b~\bodgovor\w*`],
      ['ponovno', 2, r`\b(ponovno|opet|jos jednom|po drugi put)\b`],
      [
        'rok-istekao',
        2.5,
        r`\b(rok|razdoblje)\b~\b(premasen|istekao|prekoracen|protekao|proteklo|istekl\w*)\b`,
      ],
      ['raniji-zahtjev', 2, r`\b(poslao|poslala|uputio|uputila|podnio|podnijela)\b~\bzahtjev\b`],
    ],
    complaint: [
      ['podnosim-prituzbu', 3, r`\b(podnosim|podnijeti|podnosenje|ulazem)\b~\b(prituzb|zalb)\w*`],
      ['prituzba', 1.5, r`\b(prituzb|zalb)\w*`],
      ['azop', 1, r`\b(azop|agencij\w* za zastitu osobnih podataka|nadzorn\w* tijel\w*)`],
    ],
    autoreply: [['izvan-ureda', 4, r`\b(izvan ureda|automatski odgovor|odsutan|odsutna|na godisnjem)\b`]],
  },
  request: r`\b(zahtijevam|molim|trazim|ovime|ovim putem|zelim|zahtjev\w*)\b`,
  conditional: r`\b(ako|u slucaju|zadrzavam|u suprotnom|inace|ukoliko)\b`,
  rights: r`\b(pravo|prava|pravu|pravom)\b`,
  negation: r`\b(ne|nisam|nikad|nemojte|nemoj)\b`,
  complementizer: r`da`,
  stopwords:
    'sam mene moje mojih podataka molim se je da od za vas koje prema osobnih ili kao biti sve jos mogu cu nisam',
};

export const EL: LanguageLexicon = {
  lang: 'el',
  phrases: {
    erasure: [
      ['diagrafi+dedomena', 3, r`\bδιαγρα\w*\b~\b(δεδομεν|στοιχει|λογαριασμ|προφιλ|πληροφορι)\w*`, true],
      ['zito+diagrafi', 3, r`\b(ζητω|αιτουμαι|απαιτω|παρακαλω)\b~\bδιαγραφ\w*`, true],
      ['diagrafi', 1.5, r`\bδιαγραφ\w*`],
      ['lismonia', 1.5, r`\bδικαιωμα (στη |της )?λησμονι\w*`],
    ],
    access: [
      ['zito+prosvasi', 3, r`\b(ζητω|αιτουμαι|απαιτω|παρακαλω)\b~\b(προσβαση|αντιγραφο)\b`, true],
      ['prosvasi', 1.5, r`\bπροσβαση\b`],
      ['antigrafo+dedomenon', 2.5, r`\bαντιγραφο\b~\bδεδομεν\w*`],
      ['poia-dedomena', 3, r`\bποια (προσωπικα )?δεδομενα\b`, true],
    ],
    portability: [
      ['foritotita', 2.5, r`\bφορητοτητα\w*`],
      ['michanika-anagnosimo', 1.5, r`\bμηχανικα αναγνωσιμ\w*`],
    ],
    rectification: [
      [
        'lathos-stoixeia',
        3,
        r`\b(ονομα|επωνυμο|επιθετο|διευθυνση|email|ημερομηνια γεννησης|τηλεφωνο) μου\b~\b(λαθοσ|λανθασμεν\w*|ανακριβ\w*|δεν ειναι σωστ\w*)`,
        true,
      ],
      ['to-sosto', 1.5, r`\bτο σωστο (ειναι|ονομα)\b|\bσωστα\b~\bγραφεται\b|\bπρεπει να ειναι\b`],
      ['diorthosi', 2.5, r`\bδιορθω\w*`],
      ['epikairopoiisi', 1.5, r`\bεπικαιροποι\w*`],
      ['anakrivi', 1, r`\b(ανακριβ|λανθασμεν|ελλιπ)\w*`],
      ['symplirosi', 1, r`\bσυμπληρωσ\w*`],
    ],
    objection: [
      ['antitithemai', 3, r`\b(αντιτιθεμαι|εναντιωνομαι|προβαλλω αντιρρησ\w*)`, true],
      ['antirrisi', 2, r`\b(αντιρρησ|εναντιωσ|αντιταξ)\w*`],
      ['marketing', 1.5, r`\b(απευθειας εμπορικ\w*|αμεσ\w* εμπορικ\w*|αμεσο μαρκετινγκ|διαφημισ\w*)`],
      ['profil', 0.5, r`\b(καταρτιση|δημιουργια) προφιλ\b`],
      ['anaklisi-synkatathesis', 1, r`\b(ανακαλ|αποσυρ)\w*\b~\bσυγκαταθεσ\w*`],
    ],
    unsubscribe: [
      ['apeggrafi', 3.5, r`\bαπεγγραφ\w*|\bαπεγγραψτε\b|\bκαταργηση (της )?εγγραφ\w*|\bδιαγραψτε με\b`, true],
      [
        'min-stelnete',
        3,
        r`\bμη(ν)? μου (στελνετε|στειλετε)\b|\bδεν (θελω|επιθυμω) (πλεον )?να λαμβανω\b`,
        true,
      ],
      ['newsletter', 1, r`\b(newsletter|ενημερωτικο δελτιο)\b`],
    ],
    reminder: [
      ['ypenthimisi', 3, r`\b(υπενθυμισ|προειδοποιησ|οχλησ)\w*`],
      ['den-elava-apantisi', 3, r`\bδεν\b~\b(ελαβα|εχω λαβει|λαβει|παρελαβα)\b~\bαπαντησ\w*`],
      ['xana', 2, r`\b(ξανα|εκ νεου|για δευτερη φορα)\b`],
      [
        'prothesmia',
        2.5,
        r`\b(προθεσμια|περιοδος|διαστημα)\b~\b(παρελθει|περασει|ληξει|παρηλθε|υπερβει|ξεπερασει)\b`,
      ],
    ],
    complaint: [
      ['ypovoli-kataggelias', 3, r`\b(υποβαλλω|υποβαλω|υποβολη|καταθετω)\b~\b(καταγγελι|παραπον)\w*`],
      ['kataggelia', 1.5, r`\b(καταγγελι|παραπον)\w*`],
      ['archi', 1, r`\b(αρχη προστασιας δεδομενων|εποπτικη αρχη)\b`],
    ],
    autoreply: [['ektos-grafeiou', 4, r`\b(εκτος γραφειου|αυτοματη απαντηση|απουσιαζω)\b`]],
  },
  request: r`\b(ζητω|αιτουμαι|παρακαλω|παρακαλεισθε|παρακαλουμε|δια του παροντος|με την παρουσα|θα ηθελα|απαιτω)\b`,
  conditional: r`\b(εαν|αν|σε περιπτωση|επιφυλασσομαι|διαφορετικα|αλλιως)\b`,
  rights: r`\bδικαιωμα\w*`,
  negation: r`\b(δεν|μην|μη|ποτε)\b`,
  stopwords: 'και να το τα της των που με σε για δεδομενα μου στο στην',
};
