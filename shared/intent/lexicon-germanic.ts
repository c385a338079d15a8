// Phrase tables for English, German, Dutch, Swedish and Danish (see lexicon.ts for the format).
// "~" in a pattern is a short gap inside one sentence; patterns match folded text.
// Written from general usage of each language, not from any particular letter template.
// Data, not logic: over 400 lines because five languages sit together.

import type { LanguageLexicon } from './lexicon';

const r = String.raw;

export const EN: LanguageLexicon = {
  lang: 'en',
  phrases: {
    erasure: [
      [
        'delete+data',
        3,
        r`\b(delete|erase|remove|wipe|purge|destroy)\b~\b(my|all|any)\b~\b(data|information|info|details|account|profile|records?|history|everything)\b`,
        true,
      ],
      [
        'delete+from-db',
        3,
        r`\b(delete|erase|remove)\b (me|my \w+) from (your|all) (database|databases|systems?|records|servers|crm)\b`,
        true,
      ],
      ['forget-me', 3, r`\bforget (about )?me\b`, true],
      [
        'request+erasure',
        3,
        r`\b(request|requesting|demand|demanding|ask(ing)? for|want|would like)\b~\b(erasure|deletion|removal)\b`,
        true,
      ],
      ['erasure', 1.5, r`\b(erasure|deletion)\b`],
      ['right-to-be-forgotten', 1.5, r`\bright to (be forgotten|erasure)\b`],
      ['close-account', 1.5, r`\bclose my account\b`],
    ],
    access: [
      [
        'request+access',
        3,
        r`\b(request|requesting|ask(ing)? for|would like|want|demand(ing)?|exercis(e|ing))\b~\b(access|a copy|copies|information about|details of)\b`,
        true,
      ],
      ['sar', 3, r`\b(subject access request|data subject access|dsar|sar)\b`, true],
      ['copy+data', 2.5, r`\bcopy of\b~\b(data|information)\b`],
      [
        'what-data',
        3,
        r`\b(what|which) (personal )?(data|information)\b~\b(you|your company)\b~\b(hold|have|store|keep|process|collect)`,
        true,
      ],
      ['access', 1, r`\baccess\b`],
      ['confirm-processing', 2, r`\bconfirm whether (or not )?you (are )?process`],
    ],
    portability: [
      ['portability', 2.5, r`\bportab\w*`],
      ['machine-readable', 1.5, r`\bmachine[- ]readable\b`],
      ['export', 2.5, r`\bexport\b~\bmy (personal )?data\b|\bdata export\b`, true],
    ],
    rectification: [
      [
        'wrong-detail',
        3,
        r`\b(my|the) (name|surname|last name|first name|family name|address|e-?mail( address)?|date of birth|birthday|phone number|title)\b~\b((is|are|was|has been|have been) (spelt|spelled|written) (wrong(ly)?|incorrectly)|misspel\w*|misspelt|(is|are|was) (wrong|incorrect|not correct|not right|inaccurate|outdated|out of date))\b|\b(misspel\w*|misspelt|(spelt|spelled|written|got) (wrong(ly)?|incorrectly))\b~\bmy (name|surname|last name|first name|address)\b`,
        true,
      ],
      [
        'should-read',
        1.5,
        r`\b(it|this|that|which) (should|must) (be|read)\b|\bthe (correct|right) (spelling|version) is\b`,
      ],
      ['rectification', 2.5, r`\brectif\w*`],
      [
        'correct+details',
        3,
        r`\b(correct|update|change|amend|fix)\b (my|the)\b~\b(name|surname|address|e-?mail|details|data|information|date of birth|birthday|phone|number|spelling|title)\b`,
        true,
      ],
      ['make-changes', 2, r`\bmake the following (changes|corrections)\b`, true],
      ['inaccurate', 1, r`\b(inaccurate|incorrect|wrong|outdated|misspelt|misspelled|incomplete)\b`],
      ['correction', 1.5, r`\bcorrection\b`],
    ],
    objection: [
      ['objecting', 3, r`\b(i|we)( am| are|'m)?( hereby)? object(ing)?\b`, true],
      ['objection', 2, r`\bobject(ion|ing)?\b`],
      ['direct-marketing', 1.5, r`\bdirect marketing\b`],
      ['profiling', 0.5, r`\bprofiling\b`],
      [
        'stop-processing',
        3,
        r`\b(stop|cease|refrain from)\b (using|processing|selling|sharing)\b~\bmy\b`,
        true,
      ],
      ['do-not-sell', 2.5, r`\bdo not (sell|share) my\b`, true],
      ['withdraw-consent', 1, r`\b(withdraw\w*|revok\w*)\b~\bconsent\b`],
    ],
    unsubscribe: [
      ['unsubscribe', 3, r`\bunsub\w*`, true],
      [
        'remove-from-list',
        4,
        r`\b(remove|delete|take|drop|strike)\b (me|my (e-?mail( address)?|address))\b~\b(from|off)\b~\b(list|lists|mailing|newsletter|distribution)`,
        true,
      ],
      ['take-me-off', 3.5, r`\btake me off\b`, true],
      ['remove-me', 2.5, r`\b(remove|delete) me\b`, true],
      ['opt-out', 2.5, r`\bopt(ing)?[- ]?out\b`, true],
      [
        'stop-the-mails',
        3,
        r`\b(stop|end|cancel)\b (the|these|your|all|all the|all your) (e-?mails|mails|newsletters?|mailings|marketing( e-?mails)?|messages|spam)\b`,
        true,
      ],
      [
        'stop-sending',
        3.5,
        r`\b(stop|quit|cease)\b (sending|emailing|e-mailing|mailing|contacting|spamming|messaging)\b`,
        true,
      ],
      [
        'no-more-mail',
        3,
        r`\b(no|don't send( me)?|do not send( me)?) (more|further|any more|anymore|any)\b~\b(e-?mails?|mails?|newsletters?|messages|marketing|spam|offers)\b`,
        true,
      ],
      ['dont-want', 3, r`\b(don't|do not|no longer) (want|wish) to (receive|get)\b`, true],
      ['stop-only', 3, r`^(please )?(stop|stopp|basta|remove|end|quit|cancel)[.! ]*$`, true],
      ['newsletter', 1, r`\b(newsletters?|mailing list|mailings?|marketing e-?mails?)\b`],
    ],
    reminder: [
      ['reminder', 3, r`\b(reminder|admonition|follow[- ]?up|chaser)\b`],
      [
        'no-reply',
        3,
        r`\b(not|never) (yet )?(received|had|got|gotten|heard)\b~\b(reply|response|answer|back|anything)\b`,
      ],
      ['no-reply-yet', 3, r`\bno (reply|response|answer)\b~\b(yet|so far|received|to date)\b`],
      ['again', 2, r`\b(contacting|writing to|emailing) you again\b|\b(once again|second time|third time)\b`],
      [
        'earlier-request',
        2,
        r`\b(my|an?) (earlier|previous|prior|original|initial|first) (request|e-?mail|message|letter)\b|\bi (sent|submitted|made)\b~\b(request|e-?mail)\b`,
      ],
      [
        'deadline-passed',
        2.5,
        r`\b(deadline|period|time limit|one month|30 days|month)\b~\b(passed|expired|exceeded|lapsed|elapsed)\b`,
      ],
      ['still-waiting', 2, r`\bstill (waiting|not|haven't|have not)\b`],
    ],
    complaint: [
      ['lodge-complaint', 3, r`\b(lodg\w*|fil(e|ing)|submit\w*|mak(e|ing))\b (a |this |my )?complaint\b`],
      ['complaint', 1.5, r`\bcomplaint\b`],
      [
        'authority',
        1,
        r`\b(supervisory authority|data protection authority|information commissioner|ico|data protection commission)\b`,
      ],
    ],
    autoreply: [
      [
        'out-of-office',
        4,
        r`\b(out of (the )?office|auto(matic|mated)?[- ]?reply|away from (the )?office|on (annual |parental )?leave|limited access to (my )?e-?mail|i am (currently )?away|back in the office)\b`,
      ],
    ],
  },
  request: r`\b(please|pls|kindly|hereby|i (would like|want|wish|ask|request|demand|require|need|expect|insist)|i'd like|i am (hereby )?(requesting|asking|exercising)|exercis(e|ing) my right|can you|could you|would you|requesting)\b`,
  conditional: r`\b(if|in case|unless|otherwise|reserve the right|in the event|should you|provided that)\b`,
  rights: r`\brights?\b`,
  negation: r`\b(not|don't|do not|never|no need)\b`,
  stopwords: 'the and you my me please to of your is this with data i am are for from have not it that',
};

export const DE: LanguageLexicon = {
  lang: 'de',
  phrases: {
    erasure: [
      [
        'loschen+daten',
        3,
        r`\blosch\w*\b~\b(daten|angaben|konto|account|kundenkonto|profil|informationen|datensatz|datensatze|alles)\b`,
        true,
      ],
      ['daten+loschen', 3, r`\b(daten|angaben|konto|account|kundenkonto|profil)\b~\blosch(en|t)\b`, true],
      [
        'antrag+loschung',
        3,
        r`\b(verlange|verlangen|fordere|fordern|beantrage|beantragen|antrag auf|bitte um|bitten um|ersuche um)\b~\blosch\w*`,
        true,
      ],
      ['loschung', 1.5, r`\blosch\w*`],
      ['vergessenwerden', 1.5, r`\b(recht auf vergessen\w*|vergessenwerden)\b`],
      ['vergessen-sie-mich', 3, r`\bvergessen sie mich\b`, true],
      ['entfernen+daten', 2.5, r`\bentfern\w*\b~\b(daten|angaben)\b`, true],
    ],
    access: [
      [
        'antrag+auskunft',
        3,
        r`\b(bitte|verlange|fordere|beantrage|ersuche|erbitte|antrag auf|bitten um)\b~\bauskunft\b|\bauskunft\b~\b(beantrag|verlang|ersuch|erbitt)\w*`,
        true,
      ],
      ['auskunft', 2, r`\bauskunft\w*`],
      ['kopie+daten', 2.5, r`\bkopie\b~\bdaten\b`],
      ['welche-daten', 3, r`\bwelche (personenbezogenen |meiner )?(daten|informationen)\b`, true],
      [
        'auskunftsersuchen',
        3,
        r`\b(auskunftsersuchen|auskunftsanfrage|auskunftsantrag|selbstauskunft|datenauskunft|auskunftsverlangen)\b`,
        true,
      ],
      ['bestatigen-verarbeitung', 2, r`\bbestatigen sie\b~\bverarbeite\w*`],
    ],
    portability: [
      ['ubertragbarkeit', 2.5, r`\b(daten)?ubertragbarkeit\b`],
      ['maschinenlesbar', 1.5, r`\bmaschinenlesbar\w*`],
      ['datenexport', 2, r`\b(datenexport|exportieren)\b`],
    ],
    rectification: [
      [
        'falsche-angabe',
        3,
        r`\b(mein|meine|meinen)\b (name|namen|nachname|nachnamen|vorname|vornamen|adresse|anschrift|e-?mail-adresse|geburtsdatum|telefonnummer)\b~\b(falsch|fehlerhaft|unrichtig|nicht (richtig|korrekt)|veraltet)\w*|\b(falsch|fehlerhaft) (geschrieben|geschrieben|erfasst|eingetragen|gespeichert)\b~\b(mein|meine|meinen)\b (name|namen|nachnamen|vornamen|adresse|anschrift)\b`,
        true,
      ],
      ['richtig-ist', 1.5, r`\b(richtig|korrekt) (ist|ware|lautet|geschrieben)\b|\brichtige schreibweise\b`],
      ['berichtigung', 2.5, r`\bberichtig\w*`],
      ['korrektur', 2, r`\b(korrigier\w*|korrektur\w*)`],
      [
        'andern+angaben',
        2.5,
        r`\b(andern|aktualisieren|anpassen|korrigieren)\b~\b(name|namen|adresse|anschrift|e-?mail\w*|daten|angaben|geburtsdatum|telefonnummer)\b|\b(name|namen|adresse|anschrift|e-?mail-adresse|angaben|geburtsdatum|telefonnummer)\b~\b(andern|aktualisieren|korrigieren|anpassen)\b`,
        true,
      ],
      ['anderungen', 1.5, r`\bfolgende anderungen\b`],
      ['unrichtig', 1, r`\b(unrichtig|falsch|fehlerhaft|veraltet|unvollstandig)\w*`],
      ['vervollstandigung', 1, r`\bvervollstandig\w*`],
    ],
    objection: [
      ['lege-widerspruch', 3, r`\blege\b~\bwiderspruch\b|\bich widerspreche\b|\bwiderspruch\b~\bein\b`, true],
      ['widerspruch', 2, r`\b(widerspruch|widerspreche|widersprechen)\b`],
      ['direktwerbung', 1.5, r`\b(direktwerbung|werbezweck\w*|direktmarketing|werbung)\b`],
      ['profiling', 0.5, r`\bprofiling\b`],
      ['einwilligung-widerruf', 1, r`\bwiderruf\w*\b~\beinwilligung\b|\beinwilligung\b~\bwiderruf\w*`],
      [
        'nicht-mehr-verarbeiten',
        3,
        r`\b(nicht mehr|nicht langer)\b~\b(verarbeiten|nutzen|verwenden)\b`,
        true,
      ],
    ],
    unsubscribe: [
      ['abmelden', 3, r`\babmeld\w*|\bmelden? (sie )?mich\b~\bab\b`, true],
      ['abbestellen', 3, r`\babbestell\w*`, true],
      ['austragen', 3.5, r`\baustrag\w*|\btragen sie mich\b~\baus\b`, true],
      [
        'keine-mails',
        3,
        r`\bkeine\b (weiteren |weitere )?(e-?mails?|mails?|newsletter|werbung|nachrichten|werbemails?|werbe-e-?mails?|zusendungen)\b`,
        true,
      ],
      [
        'von-liste',
        4,
        r`\b(entfernen|streichen|nehmen|loschen) sie mich\b~\b(liste|verteiler|newsletter|mailingliste|e-?mail-?liste)|\bmich\b~\b(aus|von)\b (dem |der |ihrem |ihrer |ihren |diesem |dieser )?(verteiler|liste|mailingliste|newsletter|e-?mail-?verteiler)`,
        true,
      ],
      ['entfernen-sie-mich', 2.5, r`\b(entfernen|loschen|streichen) sie mich\b`, true],
      ['newsletter', 1, r`\b(newsletter|verteiler|mailingliste)\b`],
    ],
    reminder: [
      ['mahnung', 3, r`\b(mahnung|erinnerung|nachfrage)\b`],
      [
        'keine-antwort',
        3,
        r`\b(keine|noch keine|bisher keine|bislang keine)\b (antwort|ruckmeldung|reaktion|ruckantwort)\b|\bnicht (geantwortet|reagiert|beantwortet)\b|\bunbeantwortet\b`,
      ],
      ['erneut', 2, r`\b(erneut|nochmals|noch einmal|wiederholt)\b`],
      ['frist-abgelaufen', 2.5, r`\bfrist\w*\b~\b(uberschritten|abgelaufen|verstrichen)\b`],
      [
        'fruhere-anfrage',
        2,
        r`\b(meine|eine) (anfrage|e-?mail|nachricht|schreiben|antrag) vom\b|\bhatte ich\b~\b(anfrage|antrag|ersuchen)\b`,
      ],
    ],
    complaint: [
      [
        'beschwerde-einreichen',
        3,
        r`\bbeschwerde\b~\b(einreichen|einlegen|erheben|ein)\b|\b(reiche|lege)\b~\bbeschwerde\b`,
      ],
      ['beschwerde', 1.5, r`\bbeschwerde\w*`],
      [
        'behorde',
        1,
        r`\b(aufsichtsbehorde|datenschutzbehorde|datenschutzaufsichtsbehorde|datenschutzaufsicht|landesdatenschutzbeauftragt\w*|bfdi)\b`,
      ],
    ],
    autoreply: [
      [
        'abwesend',
        4,
        r`\b(abwesenheitsnotiz|abwesend|nicht im buro|automatische antwort|im urlaub|ausser haus)\b`,
      ],
    ],
  },
  request: r`\b(bitte|bitten|hiermit|wir (bitten|mochten|verlangen|fordern)|ich (verlange|fordere|beantrage|mochte|ersuche|bitte|will|erbitte|wunsche)|mache ich\b~\brecht\b~\bgebrauch|ersuche|antrag|fordere|verlange)\b`,
  conditional: r`\b(falls|sofern|wenn|sollte|sollten|soweit|andernfalls|ansonsten|anderenfalls|behalte (ich )?mir)\b`,
  rights: r`\b(recht|rechte)\b`,
  negation: r`\b(nicht|kein|keine|keinen|nie|niemals)\b`,
  complementizer: r`dass`,
  stopwords:
    'ich und die der sie mich meine bitte nicht ist mit von daten zu den das ihre ihnen ein eine auf fur wir unser unsere um dem',
};

export const NL: LanguageLexicon = {
  lang: 'nl',
  phrases: {
    erasure: [
      [
        'verwijder+gegevens',
        3,
        r`\b(verwijder\w*|wis|wissen|wist)\b~\b(gegevens|data|account|profiel|persoonsgegevens|informatie|alles)\b|\b(gegevens|account|profiel|persoonsgegevens)\b~\b(verwijderen|wissen|verwijdert|wist)\b`,
        true,
      ],
      [
        'verzoek+verwijdering',
        3,
        r`\b(verzoek|verzoeke|vraag|eis)\w*\b~\b(verwijdering|wissing|gegevenswissing|vernietiging)\b`,
        true,
      ],
      ['verwijdering', 1.5, r`\b(verwijdering|wissing|gegevenswissing)\b`],
      [
        'vergetelheid',
        1.5,
        r`\b(recht op vergetelheid|recht om vergeten te worden|recht op gegevenswissing)\b`,
      ],
      ['vergeet-mij', 3, r`\bvergeet (mij|me)\b`, true],
    ],
    access: [
      [
        'verzoek+inzage',
        3,
        r`\binzageverzoek\b|\b(verzoek|verzoeke|vraag|wil|graag)\w*\b~\binzage\b|\binzage\b~\b(verzoek|vragen|verzoeken)\b`,
        true,
      ],
      ['inzage', 2, r`\binzage\w*`],
      ['kopie+gegevens', 2.5, r`\bkopie\b~\bgegevens\b`],
      ['welke-gegevens', 3, r`\bwelke (persoons)?gegevens\b`, true],
      ['toegang', 1, r`\btoegang\b`],
    ],
    portability: [
      ['overdraagbaarheid', 2.5, r`\b(overdraagbaarheid|dataportabiliteit|gegevensoverdraagbaarheid)\b`],
      ['machineleesbaar', 1.5, r`\bmachine ?leesbare?\b`],
    ],
    rectification: [
      [
        'verkeerde-gegevens',
        3,
        r`\bmijn (naam|achternaam|voornaam|adres|e-?mailadres|geboortedatum|telefoonnummer)\b~\b(verkeerd|fout|onjuist|incorrect|niet (juist|goed|correct))\b|\b(verkeerd|fout) (gespeld|geschreven|gespeld|ingevoerd)\b~\bmijn (naam|achternaam|voornaam|adres)\b`,
        true,
      ],
      ['moet-zijn', 1.5, r`\bhet moet\b~\bzijn\b|\bde (juiste|correcte) (spelling|schrijfwijze) is\b`],
      [
        'rectificatie',
        2.5,
        r`\b(rectificatie|rectificeren|correctie|corrigeren|corrigeer|verbetering|verbeteren)\b`,
      ],
      [
        'wijzig+gegevens',
        2.5,
        r`\b(wijzig\w*|aanpass\w*|bijwerk\w*|update|verbeter\w*)\b~\b(naam|adres|e-?mail\w*|gegevens|geboortedatum|telefoonnummer)\b|\b(naam|adres|e-?mailadres|geboortedatum|telefoonnummer)\b~\b(wijzigen|aanpassen|bijwerken|corrigeren|verbeteren)\b`,
        true,
      ],
      ['onjuist', 1, r`\b(onjuist|incorrect|fout|onvolledig)\w*`],
      ['aanvulling', 1, r`\baanvull\w*`],
    ],
    objection: [
      ['maak-bezwaar', 3, r`\b(maak|teken|maken)\b~\bbezwaar\b`, true],
      ['bezwaar', 2, r`\bbezwaar\w*`],
      ['direct-marketing', 1.5, r`\b(directe? marketing\w*|reclame|marketingdoeleinden)\b`],
      ['profilering', 0.5, r`\bprofilering\b`],
      ['toestemming-intrekken', 1, r`\b(trek|intrek\w*|herroep\w*)\b~\btoestemming\b|\btoestemming\b~\bin\b`],
    ],
    unsubscribe: [
      [
        'afmelden',
        3,
        r`\bafmeld\w*|\bmeld (mij|me)\b~\baf\b|\buitschrijv\w*|\bschrijf (mij|me)\b~\buit\b`,
        true,
      ],
      [
        'uit-lijst',
        4,
        r`\b(haal|verwijder|schrap)\b (mij|me|mijn e-?mailadres)\b~\b(mailinglijst|lijst|nieuwsbrief|verzendlijst|bestand)\b`,
        true,
      ],
      [
        'geen-mails-meer',
        3,
        r`\bgeen\b~\b(e-?mails?|mails|nieuwsbrie\w*|berichten|reclame)\b~\bmeer\b|\bniet meer (ontvangen|mailen|sturen)\b|\bstop (met|de)\b~\b(mailen|sturen|e-?mails)\b`,
        true,
      ],
      ['nieuwsbrief', 1, r`\b(nieuwsbrie\w*|mailinglijst|verzendlijst)\b`],
    ],
    reminder: [
      ['herinnering', 3, r`\b(herinnering|aanmaning|rappel|ingebrekestelling)\b`],
      [
        'geen-antwoord',
        3,
        r`\b(geen|nog geen|nooit)\b~\b(antwoord|reactie)\b|\bniets (meer )?(van u |van jullie )?gehoord\b`,
      ],
      ['opnieuw', 2, r`\b(opnieuw|nogmaals|wederom|andermaal)\b`],
      ['termijn-verstreken', 2.5, r`\b(termijn|periode)\b~\b(verstreken|overschreden|verlopen|voorbij)\b`],
      [
        'eerder-verzoek',
        2,
        r`\b(mijn|een) (eerdere? )?(verzoek|e-?mail|bericht|brief) (van|d\.?d\.?|gedateerd|op)\b|\bheb ik\b~\b(verzoek|aanvraag)\b~\b(gestuurd|ingediend|verzonden|gedaan)\b`,
      ],
    ],
    complaint: [
      ['klacht-indienen', 3, r`\b(dien|indien\w*)\b~\bklacht\b|\bklacht\b~\b(in|indienen|ingediend)\b`],
      ['klacht', 1.5, r`\bklacht\w*`],
      [
        'toezichthouder',
        1,
        r`\b(autoriteit persoonsgegevens|toezichthoud\w*|gegevensbeschermingsautoriteit)\b`,
      ],
    ],
    autoreply: [['afwezig', 4, r`\b(afwezig\w*|automatisch antwoord|buiten kantoor|met vakantie)\b`]],
  },
  request: r`\b(graag|verzoek\w*|hierbij|ik (wil|vraag|verzoek|eis|wens)|wil ik|gelieve|wilt u|alstublieft|aub|vragen (u|jullie)|maak (ik )?gebruik van (mijn|het) recht)\b`,
  conditional: r`\b(als|indien|mocht|mochten|tenzij|anders|zo niet|behoud ik mij|voorbehoud)\b`,
  rights: r`\b(recht|rechten)\b`,
  negation: r`\b(niet|geen|nooit)\b`,
  complementizer: r`dat`,
  stopwords: 'ik en het mijn niet van een jullie graag gegevens met mij wij uw deze zijn dat wil naar',
};

export const SV: LanguageLexicon = {
  lang: 'sv',
  phrases: {
    erasure: [
      [
        'radera+uppgifter',
        3,
        r`\b(radera\w*|ta bort|tar bort|stryk|utplana)\b~\b(uppgifter|personuppgifter|data|konto|kontot|profil|information|allt)\b|\b(uppgifter|personuppgifter|data|konto|kontot)\b~\b(raderas|raderade|tas bort)\b`,
        true,
      ],
      [
        'begar+radering',
        3,
        r`\b(begar|begara|kraver|ber om|ansoker om)\b~\b(radering|borttagning|utplaning)\b`,
        true,
      ],
      ['radering', 1.5, r`\b(radering|borttagning)\b`],
      ['bortglomd', 1.5, r`\b(ratt att bli bortglomd|ratten till radering)\b`],
      ['glom-mig', 3, r`\bglom mig\b`, true],
    ],
    access: [
      [
        'begar+tillgang',
        3,
        r`\b(begar|begara|ber om|vill ha|onskar)\b~\b(tillgang|registerutdrag|kopia|information)\b`,
        true,
      ],
      ['tillgang', 1.5, r`\btillgang\b`],
      ['registerutdrag', 3, r`\bregisterutdrag\b`, true],
      ['kopia+uppgifter', 2.5, r`\bkopia\b~\b(uppgifter|personuppgifter|data)\b`],
      ['vilka-uppgifter', 3, r`\bvilka (person)?uppgifter\b`, true],
    ],
    portability: [
      ['dataportabilitet', 2.5, r`\b(dataportabilitet|portabilitet|overforbarhet)\b`],
      ['maskinlasbar', 1.5, r`\bmaskinlasbar\w*`],
    ],
    rectification: [
      [
        'fel-uppgift',
        3,
        r`\b(mitt (namn|efternamn|fornamn|telefonnummer)|min (adress|e-?postadress))\b~\b(felstavat|felstavad|stavat fel|stavats fel|fel|felaktig\w*|inte (korrekt|ratt))\b|\b(stavat|skrivit) fel\b~\b(mitt|min) (namn|efternamn|fornamn|adress)\b`,
        true,
      ],
      ['ska-vara', 1.5, r`\bdet (ska|skall|bor) vara\b|\b(ratt|korrekt) stavning\b`],
      ['rattelse', 2.5, r`\b(rattelse|rattning|korrigering|korrigera|ratta)\b`],
      [
        'andra+uppgifter',
        2.5,
        r`\b(andra|uppdatera|ratta|korrigera)\b~\b(namn|adress|e-?post\w*|uppgifter|personuppgifter|fodelsedatum|telefonnummer)\b`,
        true,
      ],
      ['felaktig', 1, r`\b(felaktig\w*|inkorrekt\w*|ofullstandig\w*)`],
    ],
    objection: [
      ['invander', 3, r`\b(jag )?invander\b|\b(gor|lamnar)\b~\binvandning\b`, true],
      ['invandning', 2, r`\binvand\w*`],
      ['direktmarknadsforing', 1.5, r`\b(direktmarknadsforing|marknadsforing|reklam)\b`],
      ['profilering', 0.5, r`\bprofilering\b`],
      ['aterkalla-samtycke', 1, r`\b(aterkall\w*|drar tillbaka)\b~\bsamtycke\w*`],
    ],
    unsubscribe: [
      [
        'avregistrera',
        3,
        r`\b(avregistrer\w*|avprenumerer\w*|avanmal\w*)|\b(avsluta\w*|sag upp|saga upp)\b~\bprenumeration\w*`,
        true,
      ],
      [
        'ta-bort-fran-lista',
        4,
        r`\b(ta|stryk) bort (mig|min e-?post\w*)\b~\b(lista|listan|utskick\w*|nyhetsbrev\w*|register)`,
        true,
      ],
      ['ta-bort-mig', 2.5, r`\b(ta|stryk) bort mig\b`, true],
      [
        'inga-fler',
        3,
        r`\b(inga fler|inte fler|inte langre)\b~\b(mejl|mail|e-?post|utskick|nyhetsbrev|meddelanden)\b|\bsluta skicka\b`,
        true,
      ],
      ['nyhetsbrev', 1, r`\b(nyhetsbrev\w*|utskick\w*|e-?postlista)\b`],
    ],
    reminder: [
      ['paminnelse', 3, r`\b(paminnelse|anmaning|paminner)\b`],
      ['inget-svar', 3, r`\b(inget|inte|ej)\b~\bsvar\b`],
      ['igen', 2, r`\b(pa nytt|an en gang|igen)\b`],
      [
        'tidsfrist',
        2.5,
        r`\b(tidsfrist\w*|perioden|fristen|tiden)\b~\b(overskriden|overskrids|overskridits|passerat|gatt ut|lopt ut)\b`,
      ],
      [
        'tidigare-begaran',
        2,
        r`\b(min|en) (tidigare )?(begaran|forfragan|ansokan)\b~\b(den|fran|daterad)\b|\bskickade\b~\bbegaran\b`,
      ],
    ],
    complaint: [
      ['lamna-klagomal', 3, r`\b(lamna\w*|inge\w*|gor)\b~\bklagomal\b`],
      ['klagomal', 1.5, r`\bklagomal\b`],
      ['imy', 1, r`\b(integritetsskyddsmyndighet\w*|imy|datainspektionen|tillsynsmyndighet\w*)\b`],
    ],
    autoreply: [
      ['franvarande', 4, r`\b(franvarande|autosvar|automatiskt svar|ej pa kontoret|inte pa kontoret)\b`],
    ],
  },
  request: r`\b(begar|vanligen|harmed|jag vill|vill jag|jag ber|ber jag|snalla|jag onskar|ber er|ber om|utnyttjar|utovar)\b`,
  conditional: r`\b(om (ni|jag|du|det|detta|ert|er|min)|ifall|i handelse|annars|forbehaller|savida)\b`,
  rights: r`\b(ratt|rattigheter|ratten)\b`,
  negation: r`\b(inte|ej|aldrig)\b`,
  complementizer: r`att`,
  stopwords: 'jag och att mig mina inte det av med till ni er uppgifter som den har min vill',
};

export const DA: LanguageLexicon = {
  lang: 'da',
  phrases: {
    erasure: [
      [
        'slet+oplysninger',
        3,
        r`\bslet\w*\b~\b(oplysninger|personoplysninger|data|konto|profil|alt)\b|\b(oplysninger|personoplysninger|data|konto)\b~\bslettes\b`,
        true,
      ],
      ['anmoder+sletning', 3, r`\b(anmoder|beder|kraever|onsker)\b~\b(sletning|slettet|at slette)\b`, true],
      ['sletning', 1.5, r`\bsletning\w*`],
      ['glemt', 1.5, r`\bret til at blive glemt\b`],
      ['glem-mig', 3, r`\bglem mig\b`, true],
    ],
    access: [
      ['anmoder+indsigt', 3, r`\b(anmoder|beder|onsker|kraever)\b~\b(indsigt|kopi|aktindsigt)\b`, true],
      ['indsigt', 2, r`\bindsigt\w*`],
      ['kopi+oplysninger', 2.5, r`\bkopi\b~\b(oplysninger|personoplysninger|data)\b`],
      ['hvilke-oplysninger', 3, r`\bhvilke (person)?oplysninger\b`, true],
    ],
    portability: [
      ['dataportabilitet', 2.5, r`\b(dataportabilitet|portabilitet)\b`],
      ['maskinlaesbar', 1.5, r`\bmaskinlaesbar\w*`],
    ],
    rectification: [
      [
        'forkert-oplysning',
        3,
        r`\b(mit (navn|efternavn|fornavn|telefonnummer)|min (adresse|e-?mailadresse|fodselsdato))\b~\b(stavet forkert|skrevet forkert|fejlstavet|forkert|fejl|ikke korrekt)\b|\b(stavet|skrevet) forkert\b~\b(mit|min) (navn|efternavn|fornavn|adresse)\b`,
        true,
      ],
      ['skal-vaere', 1.5, r`\bdet skal (vaere|staves)\b|\b(korrekt|rigtig) stavning\b`],
      ['berigtigelse', 2.5, r`\b(berigtig\w*|korriger\w*|rettelse)\b`],
      [
        'aendre+oplysninger',
        2.5,
        r`\b(aendr|opdater|korriger)\w*\b~\b(navn|adresse|e-?mail\w*|oplysninger|fodselsdato|telefonnummer)\b`,
        true,
      ],
      ['ret-min', 3, r`\bret (venligst )?(min|mit|mine)\b`, true],
      ['forkert', 1, r`\b(forkert|urigtig|ufuldstaendig)\w*`],
    ],
    objection: [
      ['gor-indsigelse', 3, r`\b(gor|gore)\b~\bindsigelse\b`, true],
      ['indsigelse', 2, r`\bindsigelse\w*`],
      ['markedsforing', 1.5, r`\b(direkte markedsforing|markedsforing|reklame)\b`],
      ['tilbagekald-samtykke', 1, r`\b(tilbagekald|traekker)\w*\b~\bsamtykke\w*`],
    ],
    unsubscribe: [
      ['afmeld', 3, r`\b(afmeld|frameld)\w*`, true],
      [
        'fjern-fra-liste',
        4,
        r`\b(fjern|slet)\b (mig|min e-?mail\w*)\b~\b(liste|listen|nyhedsbrev\w*|mailingliste)`,
        true,
      ],
      ['fjern-mig', 2.5, r`\bfjern mig\b`, true],
      [
        'ikke-flere',
        3,
        r`\b(ikke flere|ikke mere|ingen flere)\b~\b(mails|e-?mails|nyhedsbreve|beskeder)\b|\bstop med at sende\b|\bonsker ikke (at modtage|flere)\b`,
        true,
      ],
      ['nyhedsbrev', 1, r`\bnyhedsbrev\w*`],
    ],
    reminder: [
      ['rykker', 3, r`\b(rykker|pamindelse|pamind\w*)\b`],
      ['intet-svar', 3, r`\b(ikke|intet|ingen)\b~\bsvar\b`],
      ['igen', 2, r`\b(igen|endnu en gang|pa ny)\b`],
      ['frist', 2.5, r`\bfrist\w*\b~\b(overskredet|udlobet)\b`],
    ],
    complaint: [
      ['indgive-klage', 3, r`\bindgiv\w*\b~\bklage\b`],
      ['klage', 1.5, r`\bklage\b`],
      ['datatilsynet', 1, r`\b(datatilsynet|tilsynsmyndighed\w*)\b`],
    ],
    autoreply: [['fravaerende', 4, r`\b(fravaerende|autosvar|automatisk svar|pa ferie|ikke pa kontoret)\b`]],
  },
  request: r`\b(anmoder|venligst|beder|jeg onsker|hermed|jeg vil gerne|vil du|vil i|gor (hermed )?brug af)\b`,
  conditional: r`\b(hvis|i tilfaelde|forbeholder|ellers|medmindre)\b`,
  rights: r`\b(ret|rettigheder|retten)\b`,
  negation: r`\b(ikke|ingen|aldrig|intet)\b`,
  complementizer: r`at`,
  stopwords: 'jeg og mig mine ikke det af med til jer oplysninger som den har min venligst tak vil',
};
