// Phrase tables for Hungarian, Finnish and Estonian (see lexicon.ts for the format).
// "~" in a pattern is a short gap inside one sentence; patterns match folded text (ő → o,
// ä → a, õ → o …). These languages inflect by suffix, so most words are stems plus "\w*".
// Written from general usage and the GDPR's own terms in each language, not from any template.

import type { LanguageLexicon } from './lexicon';

const r = String.raw;

export const HU: LanguageLexicon = {
  lang: 'hu',
  phrases: {
    erasure: [
      [
        'torol+adat',
        3,
        r`\b(torol|torl)\w*\b~\b(adat|fiok|profil|informaci|regisztraci)\w*|\b(adat|fiok|profil)\w*\b~\b(torol|torl)\w*`,
        true,
      ],
      [
        'kerem+torles',
        3,
        r`\b(kerem|kerjuk|kernem|kovetelem|igenylem)\b~\btorles\w*|\btorles\w*\b~\b(kerem|kerjuk|kernem|kervenyezem)\b`,
        true,
      ],
      ['torles', 1.5, r`\btorles\w*`],
      ['elfeledtetes', 1.5, r`\belfeledtet\w*|\btorleshez valo jog\w*`],
    ],
    access: [
      [
        'kerem+hozzaferes',
        3,
        r`\b(kerem|kerek|kerjuk|kernem|igenyl\w*)\b~\b(hozzafer\w*|masolat\w*|tajekoztat\w*)|\b(hozzafer\w*|masolat\w*|tajekoztatas\w*)\b~\b(kerek|kerem|kerjuk|igenylek)\b`,
        true,
      ],
      ['hozzaferes', 1.5, r`\bhozzafer\w*`],
      ['masolat+adat', 2.5, r`\bmasolat\w*\b~\badat\w*|\badat\w*\b~\bmasolat\w*`],
      ['milyen-adat', 3, r`\b(milyen|mely) (szemelyes )?adat\w*`, true],
    ],
    portability: [
      ['adathordozhatosag', 2.5, r`\badathordozhatosag\w*`],
      ['geppel-olvashato', 1.5, r`\bgeppel olvashato\w*`],
    ],
    rectification: [
      [
        'hibas-adat',
        3,
        r`\b(nevem|nevemet|vezeteknevem\w*|keresztnevem\w*|cimem\w*|e-?mail-?cimem\w*|szuletesi datumom\w*|telefonszamom\w*)\b~\b(hibas\w*|helytelen\w*|rosszul|tevesen|nem helyes\w*|elirt\w*|pontatlan\w*)|\b(rosszul|hibasan|helytelenul|tevesen) (irtak|irjak|szerepel|rogzit\w*)\b~\b(nevem\w*|cimem\w*)`,
        true,
      ],
      ['helyesen', 1.5, r`\b(helyesen|a helyes (irasmod|alak|nev))\b`],
      ['helyesbites', 2.5, r`\bhelyesbit\w*`],
      [
        'javitas+adat',
        2.5,
        r`\b(javit|modosit|frissit)\w*\b~\b(nev|cim|e-?mail|adat|szuletesi|telefonszam)\w*|\b(nev|cim|adat)\w*\b~\b(javit|modosit|helyesbit)\w*`,
        true,
      ],
      ['pontatlan', 1, r`\b(pontatlan|helytelen|hibas|elavult|hianyos)\w*`],
    ],
    objection: [
      ['tiltakozom', 3, r`\btiltakozom\b|\btiltakozas\w*\b~\b(elo|benyujt\w*|jelent\w*)`, true],
      ['tiltakozas', 2, r`\btiltakoz\w*`],
      ['uzletszerzes', 1.5, r`\b(kozvetlen uzletszerzes\w*|direkt marketing\w*|marketingcel\w*|reklam\w*)`],
      ['profilalkotas', 0.5, r`\bprofilalkotas\w*`],
      [
        'hozzajarulas-visszavonasa',
        1,
        r`\bvisszavon\w*\b~\bhozzajarulas\w*|\bhozzajarulas\w*\b~\bvisszavon\w*`,
      ],
    ],
    unsubscribe: [
      ['leiratkozas', 3, r`\bleiratkoz\w*|\biratkoztass\w* le\b`, true],
      [
        'torol-listarol',
        4,
        r`\b(toroljenek|toroljon|toroljek|vegyenek ki|vegyen ki|toroljetek)\b~\b(listar\w*|listajuk\w*|listabol|hirlevel\w*|levelezolist\w*)`,
        true,
      ],
      [
        'ne-kuldjenek',
        3,
        r`\bnem (kivanok|kerek|szeretnek)\b~\b(level\w*|e-?mail\w*|hirlevel\w*|uzenet\w*|reklam\w*)|\bne kuld(jenek|jetek|jon|j)\b`,
        true,
      ],
      ['hirlevel', 1, r`\b(hirlevel\w*|levelezolist\w*)`],
    ],
    reminder: [
      ['emlekezteto', 3, r`\b(emlekezteto\w*|felszolitas\w*|surgetes\w*)`],
      [
        'nem-kaptam-valaszt',
        3,
        r`\b(nem kaptam|meg nem kaptam|nem erkezett)\b~\bvalasz\w*|\bvalasz\w*\b~\bnem (kaptam|erkezett)\b`,
      ],
      ['ismetelten', 2, r`\b(ismetelten|ujra|ujbol|masodszor)\b`],
      ['hatarido', 2.5, r`\bhatarid\w*\b~\b(lejart|eltelt|tullep\w*)|\b(lejart|eltelt)\b~\bhatarid\w*`],
      ['korabbi-kerelem', 2, r`\b(korabbi|elozo) (kerelm|keres|level|e-?mail)\w*`],
    ],
    complaint: [
      [
        'panaszt-teszek',
        3,
        r`\bpanasz\w*\b~\b(teszek|benyujt\w*|emelek)|\b(teszek|benyujt\w*)\b~\bpanasz\w*`,
      ],
      ['panasz', 1.5, r`\bpanasz\w*`],
      ['naih', 1, r`\b(naih|nemzeti adatvedelmi es informacioszabadsag hatosag\w*|felugyeleti hatosag\w*)`],
    ],
    autoreply: [['hazon-kivul', 4, r`\b(hazon kivul|irodan kivul|automatikus valasz|szabadsagon)\b`]],
  },
  request: r`\b(kerem|kerjuk|kernem|kerek|kerlek|kovetelem|ezuton|ezennel|szeretnem|szeretnek|igenyl\w*|elek (a |azon )?jogommal)\b`,
  // "Szeretném, ha törölnék…" (I would like you to delete…): after a wish, "ha" is no "if".
  conditional: r`\b((?<!(szeretnem|szeretnenk|kernem|kernenk|kerem|jo lenne),? )ha|amennyiben|abban az esetben|ellenkezo esetben|kulonben|fenntartom)\b`,
  rights: r`\bjog(om|a|ok|aim|ait|ukat|omat|gal|ommal)?\b`,
  negation: r`\b(ne|nem|soha|semmikeppen)\b`,
  complementizer: r`hogy`,
  stopwords:
    'az hogy nem kerem adataim adataimat szemelyes adatok vagy egy ezt koszonom tisztelt udvozlettel rolam meg',
};

export const FI: LanguageLexicon = {
  lang: 'fi',
  phrases: {
    erasure: [
      [
        'poista+tiedot',
        3,
        r`\bpoist\w*\b~\b(tieto|tiedo|henkilotie|tili|profiil)\w*|\b(tieto|tiedo|henkilotie|tili|profiil)\w*\b~\bpoist\w*`,
        true,
      ],
      ['pyydan+poistamista', 3, r`\b(pyydan|pyydamme|vaadin|vaadimme)\b~\bpoist\w*`, true],
      ['poistaminen', 1.5, r`\b(poisto|poistami)\w*`],
      ['unohdetuksi', 1.5, r`\boikeus (tulla unohdetuksi|tietojen poistamiseen)\b`],
    ],
    access: [
      [
        'pyydan+paasy',
        3,
        r`\b(pyydan|pyydamme|haluan|vaadin)\b~\b(paasy\w*|jaljennok\w*|jaljennos|kopio\w*|tarkastaa|saada tietaa)|\btarkastuspyyn\w*`,
        true,
      ],
      ['paasy', 1.5, r`\b(paasy|tarkastusoikeu)\w*`],
      ['kopio+tiedot', 2.5, r`\b(kopio|jaljennos|jaljennok)\w*\b~\b(tieto|tiedo|henkilotie)\w*`],
      ['mita-tietoja', 3, r`\b(mita|mitka|millaisia) (henkilo)?tieto\w*`, true],
    ],
    portability: [
      ['siirtaminen', 2.5, r`\b(siirtaa (tiedot|tietoni)|tietojen siirto\w*|siirrettavyy\w*)`],
      ['koneellisesti-luettava', 1.5, r`\bkoneellisesti luettava\w*`],
    ],
    rectification: [
      [
        'vaara-tieto',
        3,
        r`\b(nimeni|sukunimeni|etunimeni|osoitteeni|sahkopostiosoitteeni|syntymaaikani|puhelinnumeroni)\b~\b(vaarin|virheellinen|virheellisesti|vaara|ei ole oikein)\b|\b(vaarin|virheellisesti) (kirjoitettu|kirjattu|merkitty)\b~\b(nimeni|sukunimeni|osoitteeni)\b`,
        true,
      ],
      [
        'pitaisi-olla',
        1.5,
        r`\b(pitaisi olla|pitaa olla|oikea (muoto|kirjoitusasu) on|oikein kirjoitettuna)\b`,
      ],
      ['oikaisu', 2.5, r`\b(oikais|korjaami)\w*`],
      [
        'korjaa+tiedot',
        2.5,
        r`\b(korjat|korjaa|paivitt|muuttak)\w*\b~\b(nime|sukunime|etunime|osoit|sahkoposti|tieto|tiedo|syntymaaik|puhelinnumero)\w*`,
        true,
      ],
      ['virheellinen', 1, r`\b(virheelli\w*|vaarin|puutteelli\w*|vanhentune\w*|epatark\w*)`],
    ],
    objection: [
      ['vastustan', 3, r`\bvastustan\b|\bvastustamme\b`, true],
      ['vastustaminen', 2, r`\bvastusta\w*`],
      ['suoramarkkinointi', 1.5, r`\b(suoramarkkinoin\w*|markkinoin\w*|mainon\w*)`],
      ['profilointi', 0.5, r`\bprofiloin\w*`],
      ['suostumuksen-peruutus', 1, r`\b(peruutan|peruuttaa|perun|vedan takaisin)\b~\bsuostumu\w*`],
    ],
    unsubscribe: [
      ['peruuta-tilaus', 3, r`\b(peru|lopet)\w*\b~\b(tilau|uutiskirje)\w*|\btilauksen peruutus\b`, true],
      [
        'poista-listalta',
        4,
        r`\bpoist\w* (minut|sahkopostiosoitteeni|osoitteeni)\b~\b(listalta|postituslistalta|uutiskirje\w*|jakelulistalta)`,
        true,
      ],
      [
        'en-halua',
        3,
        r`\b(en halua|en enaa halua)\b~\b(vastaanottaa|saada|sahkoposte\w*|viest\w*|uutiskirje\w*|mainok\w*)|\bala (enaa )?laheta\b|\balkaa (enaa )?lahettako\b|\blopettakaa\b~\blahett\w*`,
        true,
      ],
      ['uutiskirje', 1, r`\b(uutiskirje\w*|postituslist\w*)`],
    ],
    reminder: [
      ['muistutus', 3, r`\b(muistutus|muistutan|karhu\w*)\b`],
      [
        'ei-vastausta',
        3,
        r`\b(en ole saanut|ei ole tullut|ei)\b~\bvastaus\w*|\bvastaus\w*\b~\b(puuttuu|ei ole tullut)\b`,
      ],
      ['uudelleen', 2, r`\b(uudelleen|jalleen|toistamiseen|toisen kerran)\b`],
      [
        'maaraaika',
        2.5,
        r`\b(maaraaika|maaraajan|maaraaikaa|kuukauden)\b~\b(ylittyi|ylittynyt|umpeutunut|kulunut|paattynyt|ylitetty)\b`,
      ],
    ],
    complaint: [
      ['teen-valituksen', 3, r`\b(teen|tehda|jatan|jattaa|tein)\b~\b(valitu|kantelu)\w*`],
      ['valitus', 1.5, r`\b(valitu|kantelu)\w*`],
      ['tietosuojavaltuutettu', 1, r`\b(tietosuojavaltuutet\w*|valvontaviranomai\w*)`],
    ],
    autoreply: [['poissa', 4, r`\b(poissa toimistolta|automaattinen vastaus|lomalla|olen poissa)\b`]],
  },
  request: r`\b(pyydan|pyydamme|ystavallisesti|vaadin|haluan|haluaisin|taten|kaytan oikeuttani|voisitteko|voitteko)\b`,
  conditional: r`\b(jos|mikali|siina tapauksessa|muussa tapauksessa|muuten|pidatan oikeuden)\b`,
  rights: r`\boikeu\w*`,
  negation: r`\b(en|et|ei|emme|ette|eivat|ettei|etten|ala|alkaa|koskaan)\b`,
  complementizer: r`etta`,
  stopwords:
    'etta minun tietoni pyydan teidan kiitos olen mita minua minulle kanssa henkilotietoni ystavallisin terveisin',
};

export const ET: LanguageLexicon = {
  lang: 'et',
  phrases: {
    erasure: [
      [
        'kustuta+andmed',
        3,
        r`\bkustut\w*\b~\b(andme|isikuandme|konto|profiil|teave|teabe)\w*|\b(andme|isikuandme|konto|profiil)\w*\b~\bkustut\w*`,
        true,
      ],
      ['taotlen+kustutamist', 3, r`\b(taotlen|nouan|palun|soovin)\b~\bkustutami\w*`, true],
      ['kustutamine', 1.5, r`\bkustutami\w*`],
      ['unustatud', 1.5, r`\boigus (olla unustatud|andmete kustutamisele)\b`],
    ],
    access: [
      [
        'taotlen+juurdepaas',
        3,
        r`\b(taotlen|palun|soovin|nouan)\b~\b(tutvu\w*|juurdepaas\w*|ligipaas\w*|koopia\w*|ulevaade\w*)`,
        true,
      ],
      ['juurdepaas', 1.5, r`\b(juurdepaas|ligipaas)\w*`],
      ['koopia+andmed', 2.5, r`\bkoopia\w*\b~\b(andme|isikuandme)\w*`],
      ['milliseid-andmeid', 3, r`\b(milliseid|mis) (isiku)?andme\w*`, true],
    ],
    portability: [
      ['ulekandmine', 2.5, r`\b(andmete ulekandmi|ulekantavus)\w*`],
      ['masinloetav', 1.5, r`\bmasinloetava\w*`],
    ],
    rectification: [
      [
        'vale-andmed',
        3,
        r`\b(minu|mu) (nimi|nime|perekonnanimi|eesnimi|aadress|e-?posti aadress|sunniaeg|telefoninumber)\b~\b(valesti|vale|ebaoige|ei ole oige|pole oige|vigane|vigaselt)\b`,
        true,
      ],
      ['peaks-olema', 1.5, r`\b(peaks olema|oige (kuju|kirjapilt) on|oigesti)\b`],
      ['parandamine', 2.5, r`\b(parandami|parandus)\w*`],
      [
        'paranda+andmed',
        2.5,
        r`\b(parandage|paranda|parandaksite|muutke|uuendage|korrigeeri\w*)\b~\b(nim|perekonnanim|aadress|e-?posti|andme|sunniaeg|telefoninumb)\w*`,
        true,
      ],
      ['ebaoige', 1, r`\b(ebaoige\w*|valesti|vigane\w*|aegunud|puudulik\w*)`],
    ],
    objection: [
      ['esitan-vastuvaite', 3, r`\b(esitan|esitame)\b~\bvastuvai\w*|\bvaidlustan\b`, true],
      ['vastuvaide', 2, r`\bvastuvai\w*`],
      ['otseturundus', 1.5, r`\b(otseturundus\w*|turundus\w*|reklaam\w*)`],
      ['profiilianaluus', 0.5, r`\bprofiilianaluus\w*`],
      [
        'nousoleku-tagasivotmine',
        1,
        r`\b(votan|voetakse)\b~\bnousolek\w*\b~\btagasi\b|\bnousolek\w*\b~\btagasi\b`,
      ],
    ],
    unsubscribe: [
      [
        'loobu',
        3,
        r`\b(loobun|loobuda|loobuge|tuhista\w*|lopeta\w*)\b~\b(uudiskir|tellimus|postitus)\w*|\btellimuse tuhistami\w*`,
        true,
      ],
      [
        'eemalda-listist',
        4,
        r`\b(eemaldage|eemalda|kustutage)\b (mind|minu e-?posti\w*|minu aadress\w*)\b~\b(listist|nimekirjast|uudiskirja\w*|postitusloendist|meililistist)`,
        true,
      ],
      [
        'ei-soovi',
        3,
        r`\b(ei soovi|ma ei taha|ei taha)\b~\b(saada|kirju|e-?kirju|uudiskir\w*|reklaami\w*|sonumeid)\b|\barge (enam )?saatke\b|\blopetage\b~\bsaatmi\w*`,
        true,
      ],
      ['uudiskiri', 1, r`\b(uudiskir|meilil|postitusloend)\w*`],
    ],
    reminder: [
      ['meeldetuletus', 3, r`\b(meeldetuletus\w*|tuletan meelde)\b`],
      ['vastust-pole', 3, r`\b(ei ole|pole|ei)\b~\bvastust?\b|\bvastuseta\b`],
      ['uuesti', 2, r`\b(uuesti|korduvalt|teist korda)\b`],
      ['tahtaeg', 2.5, r`\btahtaeg\w*\b~\b(moodunud|moodas|uletatud|lopp\w*)`],
    ],
    complaint: [
      ['esitan-kaebuse', 3, r`\b(esitan|esitada|esitasin)\b~\bkaebus\w*`],
      ['kaebus', 1.5, r`\bkaebus\w*`],
      ['andmekaitse-inspektsioon', 1, r`\b(andmekaitse inspektsioon\w*|jarelevalveasutus\w*)`],
    ],
    autoreply: [['kontorist-eemal', 4, r`\b(kontorist eemal|automaatvastus|automaatne vastus|puhkusel)\b`]],
  },
  request: r`\b(palun|palume|taotlen|nouan|soovin|sooviksin|kasutan oma oigust|kaesolevaga|kas saaksite)\b`,
  conditional: r`\b(kui\b(?! ka\b)(?! kaua\b)|juhul|vastasel juhul|muidu|jatan endale oiguse)\b`,
  rights: r`\boigus\w*`,
  negation: r`\b(ei|ara|arge|mitte|pole)\b`,
  complementizer: r`et`,
  stopwords:
    'minu palun teie andmed isikuandmed mul kas voi see ning mind mulle lugupidamisega tere aga pole',
};
