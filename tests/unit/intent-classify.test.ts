// Table-driven tests for the inbound privacy-email intent classifier. All fixtures are
// sentences and letters written for these tests; they cover short replies in 14 languages,
// formal letters, and the awkward cases that must never be read as an erasure request.

import { describe, expect, it } from 'vitest';
import { classifyIntent, INTENT_KINDS, type IntentKind } from '../../shared/intent/classify';
import { stripQuotedReply } from '../../shared/intent/quoted';

type Case = readonly [lang: string, text: string];

const SHORT_REPLIES: Record<Exclude<IntentKind, 'review'>, readonly Case[]> = {
  unsubscribe: [
    ['en', 'unsubscribe'],
    ['en', 'Please remove me from your mailing list.'],
    ['en', 'Stop sending me these emails!'],
    ['en', 'STOP'],
    ['de', 'Bitte melden Sie mich vom Newsletter ab.'],
    ['de', 'abmelden'],
    ['de', 'Ich möchte keine E-Mails mehr von Ihnen erhalten.'],
    ['fr', 'désabonnez-moi'],
    ['fr', 'Merci de me retirer de votre liste de diffusion.'],
    ['fr', 'Je ne souhaite plus recevoir vos messages.'],
    ['nl', 'afmelden'],
    ['nl', 'Haal mij alstublieft uit jullie mailinglijst.'],
    ['nl', 'Ik wil geen nieuwsbrieven meer ontvangen.'],
    ['es', 'Darme de baja, por favor.'],
    ['es', 'No quiero recibir más correos de ustedes.'],
    ['it', 'cancellami'],
    ['it', "Vorrei annullare l'iscrizione alla newsletter."],
    ['it', 'Non voglio più ricevere le vostre email.'],
    ['pl', 'wypisz mnie'],
    ['pl', 'Proszę usunąć mnie z listy mailingowej.'],
    ['pl', 'Nie chcę otrzymywać więcej wiadomości.'],
    ['sv', 'avregistrera mig'],
    ['sv', 'Ta bort mig från er e-postlista.'],
    ['sv', 'Sluta skicka mejl till mig.'],
    ['pt', 'cancelar subscrição'],
    ['pt', 'Por favor, removam-me da vossa lista.'],
    ['pt', 'Não quero receber mais e-mails.'],
    ['da', 'afmeld mig'],
    ['da', 'Fjern mig fra jeres nyhedsbrev.'],
    ['da', 'Jeg ønsker ikke at modtage flere mails.'],
    ['cs', 'Prosím odhlaste mě z newsletteru.'],
    ['el', 'Παρακαλώ διαγράψτε με από τη λίστα σας.'],
    ['hr', 'Molim vas, odjavite me s newslettera.'],
    ['ro', 'Vă rog să mă dezabonați.'],
  ],
  erasure: [
    ['en', 'Please delete all my personal data.'],
    ['en', 'Forget me.'],
    ['en', 'I want you to erase my account and all information you hold about me.'],
    ['de', 'Bitte löschen Sie meine Daten.'],
    ['de', 'Ich verlange die Löschung aller meiner personenbezogenen Daten gemäß Art. 17 DSGVO.'],
    ['fr', 'Veuillez supprimer toutes mes données personnelles.'],
    ['fr', "Je demande l'effacement de mes données (article 17 du RGPD)."],
    ['nl', 'Verwijder al mijn gegevens alstublieft.'],
    ['nl', 'Ik verzoek u mijn persoonsgegevens te wissen.'],
    ['es', 'Por favor, borren todos mis datos personales.'],
    ['es', 'Solicito la supresión de mis datos conforme al artículo 17 del RGPD.'],
    ['it', 'Vi chiedo di cancellare tutti i miei dati personali.'],
    ['it', 'Cancellate i miei dati, per favore.'],
    ['pl', 'Proszę o usunięcie wszystkich moich danych osobowych.'],
    ['pl', 'Usuńcie moje dane.'],
    ['sv', 'Radera alla mina personuppgifter.'],
    ['sv', 'Jag begär radering av mina uppgifter enligt artikel 17.'],
    ['pt', 'Por favor, apaguem todos os meus dados pessoais.'],
    ['pt', 'Solicito o apagamento dos meus dados ao abrigo do artigo 17.º do RGPD.'],
    ['da', 'Slet venligst alle mine oplysninger.'],
    ['da', 'Jeg anmoder om sletning af mine personoplysninger.'],
    ['cs', 'Prosím o vymazání všech mých osobních údajů.'],
    ['el', 'Παρακαλώ διαγράψτε όλα τα προσωπικά μου δεδομένα.'],
    ['hr', 'Molim vas da izbrišete sve moje osobne podatke.'],
    ['ro', 'Vă rog să ștergeți toate datele mele personale.'],
  ],
  access: [
    ['en', 'What personal data do you hold about me?'],
    ['en', 'I would like a copy of all the personal data you have about me.'],
    ['de', 'Ich bitte um Auskunft über meine gespeicherten Daten.'],
    ['de', 'Welche Daten haben Sie über mich gespeichert?'],
    ['fr', 'Je souhaite obtenir une copie de mes données personnelles.'],
    ['fr', 'Quelles données détenez-vous sur moi ?'],
    ['nl', 'Graag ontvang ik inzage in mijn persoonsgegevens.'],
    ['nl', 'Welke gegevens hebben jullie van mij?'],
    ['es', 'Quiero saber qué datos tienen sobre mí.'],
    ['es', 'Solicito acceso a mis datos personales.'],
    ['it', 'Vorrei sapere quali dati avete su di me.'],
    ['it', "Chiedo l'accesso ai miei dati personali."],
    ['pl', 'Proszę o informację, jakie dane na mój temat przetwarzacie.'],
    ['pl', 'Wnoszę o dostęp do moich danych osobowych.'],
    ['sv', 'Jag begär ett registerutdrag.'],
    ['sv', 'Vilka personuppgifter har ni om mig?'],
    ['pt', 'Gostaria de receber uma cópia dos meus dados pessoais.'],
    ['pt', 'Quais dados têm sobre mim?'],
    ['da', 'Jeg anmoder om indsigt i mine personoplysninger.'],
    ['da', 'Hvilke oplysninger har I om mig?'],
    ['cs', 'Žádám o přístup k mým osobním údajům.'],
    ['el', 'Ζητώ πρόσβαση στα προσωπικά μου δεδομένα.'],
    ['hr', 'Zahtijevam pristup svojim osobnim podacima.'],
    ['ro', 'Solicit accesul la datele mele personale.'],
  ],
  portability: [
    ['en', 'Please export my data in a machine-readable format so I can move it to another provider.'],
    ['de', 'Bitte übermitteln Sie mir meine Daten in einem maschinenlesbaren Format (Datenübertragbarkeit).'],
    ['fr', 'Je demande la portabilité de mes données.'],
    ['nl', 'Ik maak gebruik van mijn recht op dataportabiliteit.'],
    ['es', 'Solicito la portabilidad de mis datos.'],
    ['it', 'Chiedo la portabilità dei miei dati in un formato leggibile da dispositivo automatico.'],
    ['pl', 'Proszę o przeniesienie moich danych do innego administratora.'],
    ['sv', 'Jag vill ha mina uppgifter i ett maskinläsbart format (dataportabilitet).'],
    ['pt', 'Peço a portabilidade dos meus dados.'],
    ['da', 'Jeg ønsker dataportabilitet for mine oplysninger.'],
  ],
  rectification: [
    ['en', 'Please correct my surname, it is spelled Smyth, not Smith.'],
    ['en', 'My address is wrong, please update my address to 5 Elm Road.'],
    ['de', 'Bitte berichtigen Sie meinen Namen.'],
    ['de', 'Meine Adresse ist falsch, bitte korrigieren Sie sie.'],
    ['fr', 'Merci de corriger mon adresse e-mail.'],
    ['fr', 'Je demande la rectification de mon nom.'],
    ['nl', 'Wilt u mijn adres wijzigen? Het klopt niet meer.'],
    ['es', 'Por favor, corrijan mi apellido.'],
    ['es', 'Solicito la rectificación de mi dirección.'],
    ['it', 'Vi prego di correggere il mio indirizzo email.'],
    ['it', 'Chiedo la rettifica del mio cognome.'],
    ['pl', 'Proszę o sprostowanie mojego nazwiska.'],
    ['pl', 'Proszę poprawić mój adres e-mail.'],
    ['sv', 'Vänligen rätta mitt efternamn.'],
    ['pt', 'Por favor, corrijam o meu nome.'],
    ['pt', 'Solicito a retificação da minha morada.'],
    ['da', 'Ret venligst min adresse, den er forkert.'],
    ['da', 'Jeg anmoder om berigtigelse af mit navn.'],
    ['cs', 'Prosím o opravu mého příjmení.'],
    ['el', 'Παρακαλώ διορθώστε τη διεύθυνσή μου.'],
    ['hr', 'Molim ispravak mog prezimena.'],
    ['ro', 'Vă rog să corectați adresa mea de e-mail.'],
  ],
  objection: [
    ['en', 'I object to you using my data for direct marketing.'],
    ['en', 'Stop using my data for profiling and marketing.'],
    ['de', 'Ich widerspreche der Nutzung meiner Daten für Werbezwecke.'],
    ['fr', "Je m'oppose à l'utilisation de mes données à des fins de prospection."],
    ['nl', 'Ik maak bezwaar tegen het gebruik van mijn gegevens voor direct marketing.'],
    ['es', 'Me opongo al tratamiento de mis datos con fines de mercadotecnia.'],
    ['it', 'Mi oppongo al trattamento dei miei dati per finalità di marketing.'],
    ['pl', 'Wnoszę sprzeciw wobec przetwarzania moich danych w celach marketingowych.'],
    ['sv', 'Jag invänder mot att ni använder mina uppgifter för direktmarknadsföring.'],
    ['pt', 'Oponho-me ao tratamento dos meus dados para marketing direto.'],
    ['da', 'Jeg gør indsigelse mod brug af mine oplysninger til direkte markedsføring.'],
    ['cs', 'Vznáším námitku proti zpracování mých údajů pro účely přímého marketingu.'],
    ['el', 'Αντιτίθεμαι στην επεξεργασία των δεδομένων μου για σκοπούς απευθείας εμπορικής προώθησης.'],
    ['hr', 'Ulažem prigovor na obradu mojih podataka u svrhu izravnog marketinga.'],
    ['ro', 'Mă opun prelucrării datelor mele în scopuri de marketing direct.'],
  ],
};

const REVIEW_CASES: readonly (readonly [label: string, text: string])[] = [
  ['empty', ''],
  ['whitespace', '   \n\n  '],
  ['unrelated', 'Thanks for the great article, see you at the conference!'],
  ['question', 'What is this?'],
  ['out of office (en)', 'I am out of the office until 12 May with limited access to email.'],
  ['out of office (de)', 'Ich bin bis zum 3. Juni nicht im Büro. Ihre Nachricht wird nicht weitergeleitet.'],
  ['out of office (fr)', "Je suis absente jusqu'au 5 août. Je répondrai à votre message à mon retour."],
  [
    'reminder (en)',
    'Reminder: I asked you to delete my data on 2 March and have not received any reply. The one-month deadline has passed.',
  ],
  [
    'reminder (de)',
    'Erinnerung: Meine Anfrage vom 4. Februar auf Auskunft ist bisher unbeantwortet. Bitte antworten Sie umgehend.',
  ],
  ['reminder (fr)', "Relance : je n'ai toujours pas reçu de réponse à ma demande d'accès du 3 mars."],
  [
    'reminder (nl)',
    'Herinnering: ik heb nog geen antwoord ontvangen op mijn verzoek tot verwijdering van mijn gegevens.',
  ],
  [
    'reminder (pl)',
    'Ponaglenie: nie otrzymałem odpowiedzi na mój wniosek o usunięcie danych z dnia 3 marca.',
  ],
  ['reminder (da)', 'Rykker: Jeg har endnu ikke modtaget svar på min anmodning om sletning.'],
  [
    'complaint (en)',
    "I am filing a complaint with the Information Commissioner's Office because you ignored my erasure request.",
  ],
  [
    'complaint (de)',
    'Hiermit reiche ich Beschwerde bei der Aufsichtsbehörde ein, weil die Firma meine Daten nicht gelöscht hat.',
  ],
  ['complaint (es)', 'He presentado una reclamación ante la AEPD por no atender mi solicitud de supresión.'],
  ['complaint (pl)', 'Składam skargę do Prezesa UODO, ponieważ nie usunęliście moich danych.'],
  ['complaint (sv)', 'Jag lämnar in ett klagomål till Integritetsskyddsmyndigheten om er behandling.'],
];

const ENGLISH_ERASURE_LETTER = `Dear Sir or Madam,

I am writing to request the erasure of all personal data you hold about me, pursuant to Article 17 of the GDPR.
I no longer consent to your processing of my data and I withdraw any consent previously given.

Please confirm in writing once the deletion has been completed, and inform any third parties to whom you have disclosed my data.

Kind regards,
Jane Example`;

const GERMAN_ACCESS_LETTER_LISTING_RIGHTS = `Sehr geehrte Damen und Herren,

hiermit mache ich von meinem Auskunftsrecht nach Art. 15 DSGVO Gebrauch. Bitte teilen Sie mir mit, welche personenbezogenen Daten Sie über mich gespeichert haben, zu welchen Zwecken und woher die Daten stammen.

Mir ist bekannt, dass mir außerdem das Recht auf Berichtigung (Art. 16), das Recht auf Löschung (Art. 17), das Recht auf Einschränkung der Verarbeitung sowie das Widerspruchsrecht (Art. 21 DSGVO) zustehen.

Mit freundlichen Grüßen
Max Beispiel`;

const ENGLISH_ACCESS_LETTER_LISTING_RIGHTS = `To the data protection officer,

Under Article 15 GDPR I request access to the personal data you process about me, including a copy of that data.

For completeness: I am aware of my rights to rectification, erasure, restriction of processing, data portability and to object, and I reserve the right to exercise them later.

Yours faithfully,
Sam Sample`;

const FRENCH_OBJECTION_LETTER = `Madame, Monsieur,

Par la présente, je m'oppose, conformément à l'article 21 du RGPD, au traitement de mes données personnelles à des fins de prospection commerciale, y compris le profilage.

Si cette opposition entraîne la suppression de mon compte client, merci de m'en informer au préalable.

Cordialement,
Claire Exemple`;

const SPANISH_RECTIFICATION_LETTER = `Estimados señores:

Por medio de la presente ejerzo mi derecho de rectificación según el artículo 16 del RGPD. Mi dirección postal registrada es incorrecta; les ruego que la actualicen a Calle Mayor 3, Madrid.

Atentamente,
Lucía Ejemplo`;

const DUTCH_COMPLAINT_LETTER = `Geachte Autoriteit Persoonsgegevens,

Hierbij dien ik een klacht in tegen Voorbeeld B.V. Op 3 februari heb ik een verzoek tot inzage gestuurd, maar ik heb binnen de termijn geen antwoord ontvangen.

Met vriendelijke groet,
Joost Voorbeeld`;

const ITALIAN_REMINDER_LETTER = `Gentili signori,

il 10 gennaio vi ho inviato una richiesta di cancellazione dei miei dati ai sensi dell'articolo 17 del GDPR. Ad oggi non ho ricevuto alcuna risposta e il termine di un mese è scaduto.

Vi sollecito pertanto a dare seguito alla mia richiesta entro quindici giorni.

Distinti saluti,
Marco Esempio`;

const POLISH_ERASURE_LETTER = `Szanowni Państwo,

na podstawie art. 17 RODO żądam niezwłocznego usunięcia wszystkich moich danych osobowych przetwarzanych przez Państwa firmę.

Proszę o potwierdzenie usunięcia danych w terminie jednego miesiąca.

Z poważaniem,
Anna Przykład`;

const DANISH_ACCESS_LETTER = `Kære dataansvarlige,

Jeg anmoder hermed om indsigt i de personoplysninger, I behandler om mig, jf. artikel 15 i databeskyttelsesforordningen. Jeg beder om en kopi af oplysningerne.

Med venlig hilsen
Mette Eksempel`;

const SWEDISH_OBJECTION_LETTER = `Hej,

Jag invänder härmed enligt artikel 21 i dataskyddsförordningen mot att ni behandlar mina personuppgifter för direktmarknadsföring. Jag återkallar även mitt samtycke till utskick.

Med vänliga hälsningar
Erik Exempel`;

const PORTUGUESE_ACCESS_LETTER = `Exmos. Senhores,

Venho por este meio exercer o meu direito de acesso, nos termos do artigo 15.º do RGPD, e solicito uma cópia de todos os dados pessoais que tratam a meu respeito, num formato de leitura automática.

Com os melhores cumprimentos,
Rita Exemplo`;

const LETTERS: readonly (readonly [label: string, text: string, expected: readonly IntentKind[]])[] = [
  ['en erasure letter', ENGLISH_ERASURE_LETTER, ['erasure']],
  ['de access letter listing all rights', GERMAN_ACCESS_LETTER_LISTING_RIGHTS, ['access']],
  ['en access letter listing all rights', ENGLISH_ACCESS_LETTER_LISTING_RIGHTS, ['access']],
  ['fr objection letter mentioning account deletion', FRENCH_OBJECTION_LETTER, ['objection']],
  ['es rectification letter', SPANISH_RECTIFICATION_LETTER, ['rectification']],
  ['nl complaint to the authority', DUTCH_COMPLAINT_LETTER, ['review']],
  ['it reminder of an erasure request', ITALIAN_REMINDER_LETTER, ['review']],
  ['pl erasure letter', POLISH_ERASURE_LETTER, ['erasure']],
  ['da access letter', DANISH_ACCESS_LETTER, ['access']],
  ['sv objection letter', SWEDISH_OBJECTION_LETTER, ['objection', 'unsubscribe']],
  [
    'pt access letter asking for a machine-readable copy',
    PORTUGUESE_ACCESS_LETTER,
    ['access', 'portability'],
  ],
];

const NEWSLETTER_QUOTE = `On Tue, 4 Jun 2024 at 09:12, Example Shop News <news@shop.example> wrote:
> Our summer sale starts today: 20% off everything.
> You receive this email because you subscribed on our website.
> Unsubscribe: https://shop.example/unsubscribe?u=abc
> Delete your account at any time in your profile settings.`;

describe('classifyIntent: short replies', () => {
  for (const [kind, cases] of Object.entries(SHORT_REPLIES)) {
    it.each(cases)(`${kind} [%s] %s`, (_lang, text) => {
      expect(classifyIntent({ text }).kind).toBe(kind);
    });
  }
});

describe('classifyIntent: review', () => {
  it.each(REVIEW_CASES)('%s', (_label, text) => {
    expect(classifyIntent({ text }).kind).toBe('review');
  });

  it('gives empty text zero confidence and no language', () => {
    expect(classifyIntent({ text: '' })).toEqual({
      kind: 'review',
      confidence: 0,
      language: null,
      matched: [],
    });
  });

  it('gives unrelated text a low confidence', () => {
    expect(classifyIntent({ text: 'Lovely weather today.' }).confidence).toBeLessThan(0.3);
  });
});

describe('classifyIntent: formal letters', () => {
  it.each(LETTERS)('%s', (_label, text, expected) => {
    expect(expected).toContain(classifyIntent({ text }).kind);
  });
});

describe('classifyIntent: awkward cases', () => {
  it('ignores our quoted newsletter below a reply once quotes are stripped', () => {
    const text = `Please delete all my personal data.\n\n${NEWSLETTER_QUOTE}`;
    expect(classifyIntent({ text: stripQuotedReply(text) }).kind).toBe('erasure');
  });

  it('does not read "unsubscribe" from the quoted newsletter as a request', () => {
    const text = `Thanks, looks like a great offer!\n\n${NEWSLETTER_QUOTE}`;
    expect(classifyIntent({ text: stripQuotedReply(text) }).kind).toBe('review');
  });

  it('treats a newsletter footer link as boilerplate, not a request', () => {
    const text = 'Great news, thanks!\nTo unsubscribe click here: https://shop.example/u/123';
    expect(classifyIntent({ text }).kind).toBe('review');
  });

  it.each([
    ['remove from list', 'Please delete me from your mailing list.'],
    ['keep account', "Don't delete my account, just stop the newsletter."],
    ['de remove from list', 'Bitte entfernen Sie mich aus Ihrem Verteiler.'],
  ])('reads "%s" as unsubscribe, never erasure', (_label, text) => {
    expect(classifyIntent({ text }).kind).toBe('unsubscribe');
  });

  it('keeps an objection that mentions a possible account deletion conditionally', () => {
    const text = 'I object to direct marketing. If this requires deleting my account, let me know first.';
    expect(classifyIntent({ text }).kind).toBe('objection');
  });

  it('does not erase on a negated request', () => {
    const text = 'Please do not delete my data, I only want to change my email address.';
    expect(classifyIntent({ text }).kind).not.toBe('erasure');
  });

  it('handles mixed-language messages', () => {
    expect(classifyIntent({ text: 'Hello, bitte löschen Sie alle meine Daten. Thanks!' }).kind).toBe(
      'erasure',
    );
    expect(classifyIntent({ text: 'Please unsubscribe me / désabonnez-moi svp' }).kind).toBe('unsubscribe');
  });

  it('uses the subject line', () => {
    const result = classifyIntent({
      subject: 'Auskunftsersuchen nach Art. 15 DSGVO',
      text: 'Sehr geehrte Damen und Herren,\nsiehe Betreff.\nMit freundlichen Grüßen',
    });
    expect(result.kind).toBe('access');
  });

  it('does not trust the subject of our own newsletter in a reply', () => {
    const result = classifyIntent({ subject: 'Re: Delete old photos in one click', text: 'Nice, thanks.' });
    expect(result.kind).toBe('review');
  });

  it('reads a reply that only says "remove me" as unsubscribe', () => {
    expect(classifyIntent({ subject: 'Re: Your June newsletter', text: 'remove me' }).kind).toBe(
      'unsubscribe',
    );
  });
});

describe('classifyIntent: result shape', () => {
  it('reaches every kind it exports', () => {
    const samples: Record<(typeof INTENT_KINDS)[number], string> = {
      erasure: 'Please delete all my personal data.',
      access: 'I request a copy of all personal data you hold about me.',
      portability:
        'Please send me my data in a machine-readable format so I can move it to another provider.',
      rectification: 'Please correct my surname in your records.',
      objection: 'I object to the processing of my data for direct marketing and profiling.',
      unsubscribe: 'Please unsubscribe me from this newsletter.',
      review: 'What time does your shop open on Saturday?',
    };
    for (const kind of INTENT_KINDS) expect(classifyIntent({ text: samples[kind] }).kind, kind).toBe(kind);
  });

  it('gives clear requests a high confidence', () => {
    expect(classifyIntent({ text: 'Please unsubscribe me from this list.' }).confidence).toBeGreaterThan(0.6);
    expect(classifyIntent({ text: ENGLISH_ERASURE_LETTER }).confidence).toBeGreaterThan(0.6);
  });

  it('keeps confidence within 0..1', () => {
    for (const [, text] of LETTERS) {
      const { confidence } = classifyIntent({ text });
      expect(confidence).toBeGreaterThanOrEqual(0);
      expect(confidence).toBeLessThanOrEqual(1);
    }
  });

  it.each([
    ['de', 'Bitte löschen Sie meine Daten und alle meine Angaben.'],
    ['fr', 'Veuillez supprimer toutes mes données, merci.'],
    ['nl', 'Ik wil graag inzage in mijn gegevens.'],
    ['es', 'Por favor, borren todos mis datos personales.'],
    ['it', 'Vi chiedo di cancellare tutti i miei dati personali.'],
    ['pl', 'Proszę o usunięcie wszystkich moich danych osobowych.'],
    ['sv', 'Jag vill att ni raderar alla mina uppgifter.'],
    ['pt', 'Por favor, apaguem todos os meus dados pessoais.'],
    ['da', 'Jeg ønsker at I sletter alle mine oplysninger.'],
    ['el', 'Παρακαλώ διαγράψτε όλα τα προσωπικά μου δεδομένα.'],
    ['en', 'Please delete all of my data from your systems.'],
  ])('guesses the language %s', (lang, text) => {
    expect(classifyIntent({ text }).language).toBe(lang);
  });

  it('records rule identifiers, never words copied from the message', () => {
    const secret = 'Zebediah Quuxley';
    const result = classifyIntent({ text: `Please delete all my personal data. My name is ${secret}.` });
    expect(result.matched.length).toBeGreaterThan(0);
    for (const id of result.matched) {
      expect(id).toMatch(/^([a-z]{2}:[a-z0-9+-]+|art\d{1,2})$/);
      expect(id.toLowerCase()).not.toContain('zebediah');
    }
    expect(classifyIntent({ text: 'Bitte löschen Sie meine Daten (Art. 17 DSGVO).' }).matched).toContain(
      'art17',
    );
  });
});
