// Phrase tables for Maltese and Irish (see lexicon.ts for the format). "~" is a short gap inside
// one sentence; patterns match folded text (ħ → h, ġ → g, ż → z, á → a …). Maltese negates with
// "ma/la … -x" ("la tħassrux": don't delete) and asks politely with "jekk jogħġbok", whose "jekk"
// is not an "if"; Irish mutates initial consonants ("mo shonraí", "mo chuntas") and negates an
// order with "ná" right before the verb. Written from general usage and the GDPR's own terms.

import type { LanguageLexicon } from './lexicon';

const r = String.raw;

export const MT: LanguageLexicon = {
  lang: 'mt',
  phrases: {
    erasure: [
      [
        'hassru+data',
        3,
        r`\b(hassar|hassru|thassru|thassar|i?nhassar|nehhu|tnehhu)\b~\b(data|kont|profil|informazzjoni|kollox)\b|\b(data|kont|profil)\b~\b(tithassar|jithassar|jithassru)\b`,
        true,
      ],
      ['nitlob+thassir', 3, r`\b(nitlob|nixtieq|nitolbu\w*|nesigi)\b~\bthassir\b`, true],
      ['thassir', 1.5, r`\bthassir\b`],
      ['jintesa', 1.5, r`\bdritt (li (wiehed )?jintesa|ghat-thassir)\b`],
    ],
    access: [
      ['nitlob+access', 3, r`\b(nitlob|nixtieq|nitolbu\w*|nesigi)\b~\b(access|kopja|informazzjoni)\b`, true],
      ['access', 1.5, r`\baccess\b`],
      ['kopja+data', 2.5, r`\bkopja\b~\bdata\b`],
      ['liema-data', 3, r`\b(liema|x') ?data\b`, true],
    ],
    portability: [
      ['portabbilta', 2.5, r`\bportabbilta\w*`],
      ['jinqara-minn-magna', 1.5, r`\bjinqara (minn|mill-)? ?magna\b`],
    ],
    rectification: [
      [
        'hazin',
        3,
        r`\b(ismi|kunjomi|l-indirizz tieghi|l-email tieghi|id-data tat-twelid tieghi|in-numru tieghi)\b~\b(hazin|mhux korrett\w*|inkorrett\w*|zbaljat\w*)|\b(ktibtu|niktbu|miktub) hazin\b~\b(ismi|kunjomi)\b`,
        true,
      ],
      ['suppost', 1.5, r`\bsuppost (hu|huwa|hi|hija|jkun)\b|\bil-mod korrett\b`],
      ['rettifika', 2.5, r`\b(rettifik|korrezzjoni|ikkoreg|tikkoreg)\w*`],
      [
        'ibdlu+data',
        2.5,
        r`\b(ibdlu|aggornaw|ikkoregu|tibdlu|taggornaw|tikkoregu)\b~\b(isem|ismi|kunjom|indirizz|email|data|numru)\w*`,
        true,
      ],
      ['inkorretta', 1, r`\b(inkorrett|mhux preciz|zbaljat|mhux komplet|skadut)\w*`],
    ],
    objection: [
      ['noggezzjona', 3, r`\bnoggezzjona\b|\bnoggezzjonaw\b`, true],
      ['oggezzjoni', 2, r`\boggezzjoni\w*`],
      ['kummercjalizzazzjoni', 1.5, r`\b(kummercjalizzazzjoni diretta|marketing dirett|riklam\w*)`],
      ['profili', 0.5, r`\btfassil ta' profili\b`],
      ['irtira-kunsens', 1, r`\b(nirtira|nirtiraw|nirrevoka)\b~\bkunsens\b`],
    ],
    unsubscribe: [
      ['nehhuni-mil-lista', 4, r`\b(nehhuni|hassruni)\b~\b(lista|newsletter|mailing)`, true],
      [
        'ma-rridx',
        3,
        r`\bma (rridx|nixtieqx)\b~\b(nircievi|aktar emails?|aktar messaggi)|\btibaghtulix aktar\b|\bieqfu\b~\btibaghtu\w*`,
        true,
      ],
      ['newsletter', 1, r`\b(newsletter|ittra ta' informazzjoni|lista tal-posta)\b`],
    ],
    reminder: [
      ['tfakkira', 3, r`\b(tfakkir\w*|infakkarkom|nfakkarkom)\b`],
      ['ebda-twegiba', 3, r`\b(ghadni ma|ma rcevejt|l-ebda)\b~\btwegib\w*`],
      ['darb-ohra', 2, r`\b(darb'ohra|mill-gdid|ghat-tieni darba)\b`],
      ['zmien-ghadda', 2.5, r`\b(zmien|terminu|skadenza)\b~\b(ghadda|skada|inqabez)\b`],
    ],
    complaint: [
      ['nressaq-ilment', 3, r`\b(naghmel|nressaq|npresenta|nibghat)\b~\bilment\b`],
      ['ilment', 1.5, r`\bilment\w*`],
      ['idpc', 1, r`\b(idpc|kummissarju ghall-informazzjoni|awtorita superviz\w*)`],
    ],
    autoreply: [['barra-mill-ufficcju', 4, r`\b(barra mill-ufficcju|twegiba awtomatika|assenti)\b`]],
  },
  request: r`\b(jekk joghgbok|jekk joghgobkom|nitlob|nitolbok|nitolbukom|nixtieq|nesigi|b'din|qed nezercita)\b`,
  conditional: r`\b(jekk\b(?! jogh)|f'kaz|sakemm|inkella|nirriserva)\b`,
  rights: r`\bdritt\w*`,
  negation: r`\b(ma\b(?!')|la|mhux|mhix|qatt|lanqas)\b`,
  stopwords:
    'tieghi jekk joghgbok ghal minn personali li dan din nixtieq nitlob grazzi tal ghandkom dwari kollha',
};

export const GA: LanguageLexicon = {
  lang: 'ga',
  phrases: {
    erasure: [
      [
        'scrios+sonrai',
        3,
        r`\b(scrios|leirscrios)\w*\b~\b(sonrai|shonrai|cuntas|chuntas|phroifil|proifil|eolas)\b|\b(mo|m'|ar) (chuid )?(sonrai|shonrai|chuntas|cuntas)\b~\ba (scriosadh|leirscriosadh)\b`,
        true,
      ],
      [
        'iarraim+leirscriosadh',
        3,
        r`\b(iarraim|eilim|ta me ag iarraidh|taim ag iarraidh)\b~\b(scrios|leirscrios)\w*`,
        true,
      ],
      ['leirscriosadh', 1.5, r`\b(leirscrios\w*|scriosadh)\b`],
      ['dearmad', 1.5, r`\bceart (chun leirscriosta|go ndeanfai dearmad)\b`],
    ],
    access: [
      [
        'iarraim+rochtain',
        3,
        r`\b(iarraim|eilim|ta me ag iarraidh|taim ag iarraidh)\b~\b(rochtain|coip|eolas)\b`,
        true,
      ],
      ['rochtain', 1.5, r`\brochtain\b`],
      ['coip+sonrai', 2.5, r`\bcoip\b~\b(sonrai|shonrai)\b`],
      ['cen-sonrai', 3, r`\b(cen|cad iad na|ce na) (sonrai|shonrai)\b`, true],
    ],
    portability: [
      ['iniomparthacht', 2.5, r`\biniomparthacht\w*`],
      ['inleite-ag-meaisin', 1.5, r`\b(inleite ag meaisin|meaisin-inleite)\b`],
    ],
    rectification: [
      [
        'micheart',
        3,
        r`\b(m'ainm|mo shloinne|mo sheoladh|mo sheoladh r-phoist|mo dhata breithe|m'uimhir)\b~\b(micheart|nil se ceart|earraid)\b`,
        true,
      ],
      ['ba-choir', 1.5, r`\bba choir (go mbeadh|gurb e|a bheith)\b|\ban litriu cheart\b`],
      ['ceartu', 2.5, r`\b(ceartu|cheartu|ceartuchan|ceartaigh|ceartaigi|cheartaigh)\b`],
      [
        'athraigh+sonrai',
        2.5,
        r`\b(ceartaigh|ceartaigi|athraigh|athraigi|nuashonraigh|nuashonraigi)\b~\b(ainm|sloinne|seoladh|sheoladh|r-phost|sonrai|shonrai|data breithe|uimhir)\b`,
        true,
      ],
      ['earraideach', 1, r`\b(micheart|earraideach|easnamhach|as data)\b`],
    ],
    objection: [
      ['deanaim-agoid', 3, r`\b(deanaim|dean) agoid\b|\bcuirim in aghaidh\b|\bta agoid agam\b`, true],
      ['agoid', 2, r`\bagoid\w*`],
      ['margaiocht', 1.5, r`\b(margaiocht dhireach|margaiocht|fograiocht)\b`],
      ['proifiliu', 0.5, r`\bproifiliu\b`],
      ['toiliu-a-tharraingt', 1, r`\b(tarraingim siar|aistarraingim)\b~\bt?h?oiliu\b`],
    ],
    unsubscribe: [
      ['diliostail', 3.5, r`\bdi-?liostail\w*`, true],
      [
        'bain-den-liosta',
        4,
        r`\b(bain|bainigi)\b (me|mo sheoladh|mo r-phost)\b~\b(den|on|as an) (liosta|nuachtlitir)`,
        true,
      ],
      [
        'na-seol',
        3,
        r`\bna seol\w*\b~\b(a thuilleadh|riomhphost\w*|teachtaireacht\w*|nuachtlitir\w*)|\bnil me ag iarraidh\b~\b(a fhail|riomhphost\w*|nuachtlitir\w*)`,
        true,
      ],
      ['nuachtlitir', 1, r`\b(nuachtlitir\w*|liosta seoltai|liosta poist)`],
    ],
    reminder: [
      ['meabhruchan', 3, r`\b(meabhruchan|meabhraim|cuirim i gcuimhne)\b`],
      ['gan-freagra', 3, r`\b(ni bhfuair me|nior fhreagair|gan)\b~\bf?h?reagra\b`],
      ['aris', 2, r`\b(aris|uair eile|an dara huair|athuair)\b`],
      ['sprioc', 2.5, r`\b(spriocdhata|teorainn ama|an mhi)\b~\b(caite|thart|saraithe)\b`],
    ],
    complaint: [
      [
        'gearan-a-dheanamh',
        3,
        r`\b(deanaim|deanfaidh me|cuirim isteach|cuirfidh me isteach)\b~\bg?h?earan\b|\bgearan\b~\ba dheanamh\b`,
      ],
      ['gearan', 1.5, r`\bg?h?earan\w*`],
      ['coimisiun', 1, r`\b(coimisiun um chosaint sonrai|coimisiun cosanta sonrai|udaras maoirseachta)\b`],
    ],
    autoreply: [['as-oifig', 4, r`\b(as oifig|freagra uathoibrioch|ar saoire|as lathair)\b`]],
  },
  request: r`\b(le do thoil|le bhur dtoil|iarraim|eilim|ta me ag iarraidh|taim ag iarraidh|ba mhaith liom|leis seo|ag feidhmiu mo chirt)\b`,
  conditional: r`\b(ma|mura|muna|i gcas|murach|seachas sin)\b`,
  rights: r`\b(ceart|cheart|cearta|chearta|chirt)\b`,
  // "ná" (folded "na") negates only the verb right after it; elsewhere "na" is the article.
  negation: r`\b(ni|nil|nior|nach|gan|riamh)\b|\bna\s*$`,
  stopwords:
    'agus thoil sonrai shonrai pearsanta bhfuil oraibh iarraim chuid ata raibh maith agat agaibh seo mo ach',
};
