// The built-in wording of every requester mail, in the ten languages of our markets: for each
// language the seven stages as [subject, body], the names of the request kinds, and the refusal
// reasons with their GDPR article as that language cites it. Data only (over 300 lines for that
// reason); the lookup and rendering live in privacy-notices.ts.

import type { RejectReason, RequestKind } from './request-lifecycle';

export const NOTICE_LANGUAGES = ['en', 'de', 'fr', 'nl', 'es', 'it', 'pl', 'sv', 'pt', 'da'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

export const NOTICE_STAGES = [
  'verify',
  'received',
  'verified',
  'extended',
  'completed',
  'rejected',
  'export_ready',
] as const;
export type NoticeStage = (typeof NOTICE_STAGES)[number];

type Texts = Record<NoticeStage, readonly [subject: string, body: string]>;

export const TEXTS: Record<NoticeLanguage, Texts> = {
  en: {
    verify: [
      'Please confirm your privacy request',
      '{{tenant}} received a request about the personal data of this address ({{kind}}, reference {{requestId}}). To confirm that it comes from you, open this link:\n\n{{link}}\n\nIf you did not send it, ignore this message: nothing will happen.',
    ],
    received: [
      'We have received your privacy request',
      'Thank you for your message. {{tenant}} has received your request ({{kind}}) under reference {{requestId}}.\n\nWe will answer by {{dueDate}} at the latest.',
    ],
    verified: [
      'Your request is confirmed',
      'Thank you for confirming. Your request to {{tenant}} ({{kind}}, reference {{requestId}}) is being handled.\n\nWe will answer by {{dueDate}} at the latest.',
    ],
    extended: [
      'More time is needed for your request',
      'Your request to {{tenant}} ({{kind}}, reference {{requestId}}) needs more time. We will answer by {{dueDate}} at the latest.\n\nReason: {{reason}}',
    ],
    completed: [
      'Your request is done',
      'Your request to {{tenant}} ({{kind}}, reference {{requestId}}) has been carried out.',
    ],
    rejected: [
      'Your request could not be granted',
      'Your request to {{tenant}} ({{kind}}, reference {{requestId}}) has been refused.\n\nReason: {{reason}}\n{{note}}\n\nYou may lodge a complaint with a data protection supervisory authority or seek a judicial remedy.',
    ],
    export_ready: [
      'Your data is ready',
      'The copy of your data held by {{tenant}} (reference {{requestId}}) can be downloaded until {{dueDate}}:\n\n{{link}}',
    ],
  },
  de: {
    verify: [
      'Bitte bestätigen Sie Ihre Datenschutzanfrage',
      '{{tenant}} hat eine Anfrage zu den personenbezogenen Daten dieser Adresse erhalten ({{kind}}, Referenz {{requestId}}). Um zu bestätigen, dass sie von Ihnen stammt, öffnen Sie diesen Link:\n\n{{link}}\n\nWenn Sie sie nicht gesendet haben, ignorieren Sie diese Nachricht: Es geschieht nichts.',
    ],
    received: [
      'Wir haben Ihre Datenschutzanfrage erhalten',
      'Vielen Dank für Ihre Nachricht. {{tenant}} hat Ihre Anfrage ({{kind}}) unter der Referenz {{requestId}} erhalten.\n\nWir antworten Ihnen spätestens bis zum {{dueDate}}.',
    ],
    verified: [
      'Ihre Anfrage ist bestätigt',
      'Danke für Ihre Bestätigung. Ihre Anfrage an {{tenant}} ({{kind}}, Referenz {{requestId}}) wird bearbeitet.\n\nWir antworten Ihnen spätestens bis zum {{dueDate}}.',
    ],
    extended: [
      'Ihre Anfrage braucht mehr Zeit',
      'Für Ihre Anfrage an {{tenant}} ({{kind}}, Referenz {{requestId}}) benötigen wir mehr Zeit. Wir antworten Ihnen spätestens bis zum {{dueDate}}.\n\nGrund: {{reason}}',
    ],
    completed: [
      'Ihre Anfrage ist erledigt',
      'Ihre Anfrage an {{tenant}} ({{kind}}, Referenz {{requestId}}) wurde ausgeführt.',
    ],
    rejected: [
      'Ihrer Anfrage kann nicht entsprochen werden',
      'Ihre Anfrage an {{tenant}} ({{kind}}, Referenz {{requestId}}) wurde abgelehnt.\n\nGrund: {{reason}}\n{{note}}\n\nSie können sich bei einer Datenschutz-Aufsichtsbehörde beschweren oder einen gerichtlichen Rechtsbehelf einlegen.',
    ],
    export_ready: [
      'Ihre Daten stehen bereit',
      'Die Kopie Ihrer Daten bei {{tenant}} (Referenz {{requestId}}) kann bis zum {{dueDate}} heruntergeladen werden:\n\n{{link}}',
    ],
  },
  fr: {
    verify: [
      'Veuillez confirmer votre demande',
      '{{tenant}} a reçu une demande concernant les données personnelles de cette adresse ({{kind}}, référence {{requestId}}). Pour confirmer qu’elle vient de vous, ouvrez ce lien :\n\n{{link}}\n\nSi vous ne l’avez pas envoyée, ignorez ce message : rien ne se passera.',
    ],
    received: [
      'Nous avons bien reçu votre demande',
      'Merci pour votre message. {{tenant}} a bien reçu votre demande ({{kind}}) sous la référence {{requestId}}.\n\nNous vous répondrons au plus tard le {{dueDate}}.',
    ],
    verified: [
      'Votre demande est confirmée',
      'Merci de votre confirmation. Votre demande auprès de {{tenant}} ({{kind}}, référence {{requestId}}) est en cours de traitement.\n\nNous vous répondrons au plus tard le {{dueDate}}.',
    ],
    extended: [
      'Votre demande nécessite plus de temps',
      'Votre demande auprès de {{tenant}} ({{kind}}, référence {{requestId}}) nécessite un délai supplémentaire. Nous vous répondrons au plus tard le {{dueDate}}.\n\nMotif : {{reason}}',
    ],
    completed: [
      'Votre demande a été traitée',
      'Votre demande auprès de {{tenant}} ({{kind}}, référence {{requestId}}) a été exécutée.',
    ],
    rejected: [
      'Votre demande ne peut être satisfaite',
      'Votre demande auprès de {{tenant}} ({{kind}}, référence {{requestId}}) a été refusée.\n\nMotif : {{reason}}\n{{note}}\n\nVous pouvez introduire une réclamation auprès d’une autorité de contrôle de la protection des données ou former un recours juridictionnel.',
    ],
    export_ready: [
      'Vos données sont prêtes',
      'La copie de vos données détenues par {{tenant}} (référence {{requestId}}) peut être téléchargée jusqu’au {{dueDate}} :\n\n{{link}}',
    ],
  },
  nl: {
    verify: [
      'Bevestig uw privacyverzoek',
      '{{tenant}} heeft een verzoek ontvangen over de persoonsgegevens van dit adres ({{kind}}, referentie {{requestId}}). Open deze link om te bevestigen dat het van u komt:\n\n{{link}}\n\nHeeft u het niet verstuurd, negeer dan dit bericht: er gebeurt niets.',
    ],
    received: [
      'Wij hebben uw privacyverzoek ontvangen',
      'Dank u voor uw bericht. {{tenant}} heeft uw verzoek ({{kind}}) ontvangen onder referentie {{requestId}}.\n\nWij antwoorden uiterlijk op {{dueDate}}.',
    ],
    verified: [
      'Uw verzoek is bevestigd',
      'Dank voor uw bevestiging. Uw verzoek aan {{tenant}} ({{kind}}, referentie {{requestId}}) wordt behandeld.\n\nWij antwoorden uiterlijk op {{dueDate}}.',
    ],
    extended: [
      'Uw verzoek heeft meer tijd nodig',
      'Voor uw verzoek aan {{tenant}} ({{kind}}, referentie {{requestId}}) hebben wij meer tijd nodig. Wij antwoorden uiterlijk op {{dueDate}}.\n\nReden: {{reason}}',
    ],
    completed: [
      'Uw verzoek is uitgevoerd',
      'Uw verzoek aan {{tenant}} ({{kind}}, referentie {{requestId}}) is uitgevoerd.',
    ],
    rejected: [
      'Uw verzoek kan niet worden ingewilligd',
      'Uw verzoek aan {{tenant}} ({{kind}}, referentie {{requestId}}) is afgewezen.\n\nReden: {{reason}}\n{{note}}\n\nU kunt een klacht indienen bij een toezichthoudende autoriteit voor gegevensbescherming of in beroep gaan bij de rechter.',
    ],
    export_ready: [
      'Uw gegevens staan klaar',
      'De kopie van uw gegevens bij {{tenant}} (referentie {{requestId}}) kan tot {{dueDate}} worden gedownload:\n\n{{link}}',
    ],
  },
  es: {
    verify: [
      'Confirme su solicitud de privacidad',
      '{{tenant}} ha recibido una solicitud sobre los datos personales de esta dirección ({{kind}}, referencia {{requestId}}). Para confirmar que procede de usted, abra este enlace:\n\n{{link}}\n\nSi no la envió, ignore este mensaje: no ocurrirá nada.',
    ],
    received: [
      'Hemos recibido su solicitud de privacidad',
      'Gracias por su mensaje. {{tenant}} ha recibido su solicitud ({{kind}}) con la referencia {{requestId}}.\n\nLe responderemos a más tardar el {{dueDate}}.',
    ],
    verified: [
      'Su solicitud está confirmada',
      'Gracias por su confirmación. Su solicitud a {{tenant}} ({{kind}}, referencia {{requestId}}) se está tramitando.\n\nLe responderemos a más tardar el {{dueDate}}.',
    ],
    extended: [
      'Necesitamos más tiempo para su solicitud',
      'Su solicitud a {{tenant}} ({{kind}}, referencia {{requestId}}) requiere más tiempo. Le responderemos a más tardar el {{dueDate}}.\n\nMotivo: {{reason}}',
    ],
    completed: [
      'Su solicitud se ha tramitado',
      'Su solicitud a {{tenant}} ({{kind}}, referencia {{requestId}}) se ha llevado a cabo.',
    ],
    rejected: [
      'No podemos atender su solicitud',
      'Su solicitud a {{tenant}} ({{kind}}, referencia {{requestId}}) ha sido denegada.\n\nMotivo: {{reason}}\n{{note}}\n\nPuede presentar una reclamación ante una autoridad de protección de datos o interponer un recurso judicial.',
    ],
    export_ready: [
      'Sus datos están listos',
      'La copia de sus datos en poder de {{tenant}} (referencia {{requestId}}) puede descargarse hasta el {{dueDate}}:\n\n{{link}}',
    ],
  },
  it: {
    verify: [
      'Confermi la sua richiesta sulla privacy',
      '{{tenant}} ha ricevuto una richiesta sui dati personali di questo indirizzo ({{kind}}, riferimento {{requestId}}). Per confermare che proviene da lei, apra questo link:\n\n{{link}}\n\nSe non l’ha inviata, ignori questo messaggio: non succederà nulla.',
    ],
    received: [
      'Abbiamo ricevuto la sua richiesta sulla privacy',
      'Grazie per il suo messaggio. {{tenant}} ha ricevuto la sua richiesta ({{kind}}) con il riferimento {{requestId}}.\n\nLe risponderemo entro il {{dueDate}}.',
    ],
    verified: [
      'La sua richiesta è confermata',
      'Grazie per la conferma. La sua richiesta a {{tenant}} ({{kind}}, riferimento {{requestId}}) è in lavorazione.\n\nLe risponderemo entro il {{dueDate}}.',
    ],
    extended: [
      'La sua richiesta richiede più tempo',
      'Per la sua richiesta a {{tenant}} ({{kind}}, riferimento {{requestId}}) ci serve più tempo. Le risponderemo entro il {{dueDate}}.\n\nMotivo: {{reason}}',
    ],
    completed: [
      'La sua richiesta è stata eseguita',
      'La sua richiesta a {{tenant}} ({{kind}}, riferimento {{requestId}}) è stata eseguita.',
    ],
    rejected: [
      'Non possiamo accogliere la sua richiesta',
      'La sua richiesta a {{tenant}} ({{kind}}, riferimento {{requestId}}) è stata respinta.\n\nMotivo: {{reason}}\n{{note}}\n\nPuò proporre reclamo a un’autorità di controllo per la protezione dei dati o ricorrere all’autorità giudiziaria.',
    ],
    export_ready: [
      'I suoi dati sono pronti',
      'La copia dei suoi dati conservati da {{tenant}} (riferimento {{requestId}}) può essere scaricata fino al {{dueDate}}:\n\n{{link}}',
    ],
  },
  pl: {
    verify: [
      'Potwierdź swoje żądanie',
      'Do {{tenant}} wpłynęło żądanie dotyczące danych osobowych tego adresu ({{kind}}, numer {{requestId}}). Aby potwierdzić, że pochodzi ono od Ciebie, otwórz ten link:\n\n{{link}}\n\nJeśli to żądanie nie pochodzi od Ciebie, zignoruj tę wiadomość: nic się nie stanie.',
    ],
    received: [
      'Otrzymaliśmy Twoje żądanie dotyczące danych osobowych',
      'Dziękujemy za wiadomość. Twoje żądanie ({{kind}}) wpłynęło do {{tenant}} i otrzymało numer {{requestId}}.\n\nOdpowiemy najpóźniej do {{dueDate}}.',
    ],
    verified: [
      'Twoje żądanie zostało potwierdzone',
      'Dziękujemy za potwierdzenie. Twoje żądanie skierowane do {{tenant}} ({{kind}}, numer {{requestId}}) jest w trakcie realizacji.\n\nOdpowiemy najpóźniej do {{dueDate}}.',
    ],
    extended: [
      'Potrzebujemy więcej czasu na Twoje żądanie',
      'Realizacja Twojego żądania skierowanego do {{tenant}} ({{kind}}, numer {{requestId}}) wymaga więcej czasu. Odpowiemy najpóźniej do {{dueDate}}.\n\nPowód: {{reason}}',
    ],
    completed: [
      'Twoje żądanie zostało zrealizowane',
      'Twoje żądanie skierowane do {{tenant}} ({{kind}}, numer {{requestId}}) zostało zrealizowane.',
    ],
    rejected: [
      'Nie możemy spełnić Twojego żądania',
      'Twoje żądanie skierowane do {{tenant}} ({{kind}}, numer {{requestId}}) zostało odrzucone.\n\nPowód: {{reason}}\n{{note}}\n\nMasz prawo wnieść skargę do organu nadzorczego ds. ochrony danych osobowych lub skorzystać ze środka ochrony prawnej przed sądem.',
    ],
    export_ready: [
      'Twoje dane są gotowe',
      'Kopię Twoich danych przechowywanych przez {{tenant}} (numer {{requestId}}) możesz pobrać do {{dueDate}}:\n\n{{link}}',
    ],
  },
  sv: {
    verify: [
      'Bekräfta din begäran',
      '{{tenant}} har tagit emot en begäran om personuppgifterna för den här adressen ({{kind}}, referens {{requestId}}). Öppna länken för att bekräfta att den kommer från dig:\n\n{{link}}\n\nOm du inte skickade den kan du bortse från meddelandet: ingenting händer.',
    ],
    received: [
      'Vi har tagit emot din begäran',
      'Tack för ditt meddelande. {{tenant}} har tagit emot din begäran ({{kind}}) med referens {{requestId}}.\n\nVi svarar senast den {{dueDate}}.',
    ],
    verified: [
      'Din begäran är bekräftad',
      'Tack för din bekräftelse. Din begäran till {{tenant}} ({{kind}}, referens {{requestId}}) behandlas nu.\n\nVi svarar senast den {{dueDate}}.',
    ],
    extended: [
      'Vi behöver mer tid för din begäran',
      'Vi behöver mer tid för din begäran till {{tenant}} ({{kind}}, referens {{requestId}}). Vi svarar senast den {{dueDate}}.\n\nSkäl: {{reason}}',
    ],
    completed: [
      'Din begäran har genomförts',
      'Din begäran till {{tenant}} ({{kind}}, referens {{requestId}}) har genomförts.',
    ],
    rejected: [
      'Din begäran kan inte beviljas',
      'Din begäran till {{tenant}} ({{kind}}, referens {{requestId}}) har avslagits.\n\nSkäl: {{reason}}\n{{note}}\n\nDu kan lämna in ett klagomål till en tillsynsmyndighet för dataskydd eller vända dig till domstol.',
    ],
    export_ready: [
      'Dina uppgifter är klara',
      'Kopian av dina uppgifter hos {{tenant}} (referens {{requestId}}) kan laddas ned till och med den {{dueDate}}:\n\n{{link}}',
    ],
  },
  pt: {
    verify: [
      'Confirme o seu pedido de privacidade',
      '{{tenant}} recebeu um pedido sobre os dados pessoais deste endereço ({{kind}}, referência {{requestId}}). Para confirmar que foi enviado por si, abra esta ligação:\n\n{{link}}\n\nSe não o enviou, ignore esta mensagem: nada acontecerá.',
    ],
    received: [
      'Recebemos o seu pedido de privacidade',
      'Obrigado pela sua mensagem. {{tenant}} recebeu o seu pedido ({{kind}}) com a referência {{requestId}}.\n\nResponderemos o mais tardar até {{dueDate}}.',
    ],
    verified: [
      'O seu pedido foi confirmado',
      'Obrigado pela confirmação. O seu pedido junto de {{tenant}} ({{kind}}, referência {{requestId}}) está a ser tratado.\n\nResponderemos o mais tardar até {{dueDate}}.',
    ],
    extended: [
      'Precisamos de mais tempo para o seu pedido',
      'O seu pedido junto de {{tenant}} ({{kind}}, referência {{requestId}}) precisa de mais tempo. Responderemos o mais tardar até {{dueDate}}.\n\nMotivo: {{reason}}',
    ],
    completed: [
      'O seu pedido foi executado',
      'O seu pedido junto de {{tenant}} ({{kind}}, referência {{requestId}}) foi executado.',
    ],
    rejected: [
      'Não podemos satisfazer o seu pedido',
      'O seu pedido junto de {{tenant}} ({{kind}}, referência {{requestId}}) foi recusado.\n\nMotivo: {{reason}}\n{{note}}\n\nPode apresentar reclamação junto de uma autoridade de controlo da proteção de dados ou recorrer aos tribunais.',
    ],
    export_ready: [
      'Os seus dados estão prontos',
      'A cópia dos seus dados conservados por {{tenant}} (referência {{requestId}}) pode ser descarregada até {{dueDate}}:\n\n{{link}}',
    ],
  },
  da: {
    verify: [
      'Bekræft din anmodning',
      '{{tenant}} har modtaget en anmodning om personoplysningerne for denne adresse ({{kind}}, reference {{requestId}}). Åbn dette link for at bekræfte, at den kommer fra dig:\n\n{{link}}\n\nHvis du ikke har sendt den, kan du se bort fra denne besked: der sker ingenting.',
    ],
    received: [
      'Vi har modtaget din anmodning',
      'Tak for din besked. {{tenant}} har modtaget din anmodning ({{kind}}) med reference {{requestId}}.\n\nVi svarer senest den {{dueDate}}.',
    ],
    verified: [
      'Din anmodning er bekræftet',
      'Tak for din bekræftelse. Din anmodning til {{tenant}} ({{kind}}, reference {{requestId}}) bliver nu behandlet.\n\nVi svarer senest den {{dueDate}}.',
    ],
    extended: [
      'Vi har brug for mere tid til din anmodning',
      'Vi har brug for mere tid til din anmodning til {{tenant}} ({{kind}}, reference {{requestId}}). Vi svarer senest den {{dueDate}}.\n\nBegrundelse: {{reason}}',
    ],
    completed: [
      'Din anmodning er gennemført',
      'Din anmodning til {{tenant}} ({{kind}}, reference {{requestId}}) er gennemført.',
    ],
    rejected: [
      'Din anmodning kan ikke imødekommes',
      'Din anmodning til {{tenant}} ({{kind}}, reference {{requestId}}) er blevet afvist.\n\nBegrundelse: {{reason}}\n{{note}}\n\nDu kan klage til en tilsynsmyndighed for databeskyttelse eller indbringe sagen for domstolene.',
    ],
    export_ready: [
      'Dine oplysninger er klar',
      'Kopien af dine oplysninger hos {{tenant}} (reference {{requestId}}) kan downloades indtil den {{dueDate}}:\n\n{{link}}',
    ],
  },
};

export const KIND_NAMES: Record<NoticeLanguage, Record<RequestKind, string>> = {
  en: {
    erasure: 'erasure',
    access: 'access',
    portability: 'data portability',
    rectification: 'rectification',
    objection: 'objection',
    unsubscribe: 'unsubscribe',
    review: 'privacy',
  },
  de: {
    erasure: 'Löschung',
    access: 'Auskunft',
    portability: 'Datenübertragbarkeit',
    rectification: 'Berichtigung',
    objection: 'Widerspruch',
    unsubscribe: 'Abmeldung',
    review: 'Datenschutz',
  },
  fr: {
    erasure: 'effacement',
    access: 'accès',
    portability: 'portabilité',
    rectification: 'rectification',
    objection: 'opposition',
    unsubscribe: 'désinscription',
    review: 'confidentialité',
  },
  nl: {
    erasure: 'verwijdering',
    access: 'inzage',
    portability: 'overdraagbaarheid',
    rectification: 'rectificatie',
    objection: 'bezwaar',
    unsubscribe: 'afmelding',
    review: 'privacy',
  },
  es: {
    erasure: 'supresión',
    access: 'acceso',
    portability: 'portabilidad',
    rectification: 'rectificación',
    objection: 'oposición',
    unsubscribe: 'baja',
    review: 'privacidad',
  },
  it: {
    erasure: 'cancellazione',
    access: 'accesso',
    portability: 'portabilità',
    rectification: 'rettifica',
    objection: 'opposizione',
    unsubscribe: 'disiscrizione',
    review: 'privacy',
  },
  pl: {
    erasure: 'usunięcie danych',
    access: 'dostęp do danych',
    portability: 'przenoszenie danych',
    rectification: 'sprostowanie danych',
    objection: 'sprzeciw',
    unsubscribe: 'wypisanie z listy',
    review: 'ochrona danych',
  },
  sv: {
    erasure: 'radering',
    access: 'registerutdrag',
    portability: 'dataportabilitet',
    rectification: 'rättelse',
    objection: 'invändning',
    unsubscribe: 'avregistrering',
    review: 'dataskydd',
  },
  pt: {
    erasure: 'apagamento',
    access: 'acesso',
    portability: 'portabilidade',
    rectification: 'retificação',
    objection: 'oposição',
    unsubscribe: 'cancelamento da subscrição',
    review: 'privacidade',
  },
  da: {
    erasure: 'sletning',
    access: 'indsigt',
    portability: 'dataportabilitet',
    rectification: 'berigtigelse',
    objection: 'indsigelse',
    unsubscribe: 'afmelding',
    review: 'databeskyttelse',
  },
};

/** Each refusal reason as the requester's language cites the GDPR (English: REJECT_REASONS). */
export const REASON_NAMES: Record<Exclude<NoticeLanguage, 'en'>, Record<RejectReason, string>> = {
  de: {
    freedom_of_expression:
      'Art. 17 Abs. 3 lit. a DSGVO: Ausübung des Rechts auf freie Meinungsäußerung und Information',
    legal_obligation:
      'Art. 17 Abs. 3 lit. b DSGVO: Erfüllung einer rechtlichen Verpflichtung oder einer Aufgabe im öffentlichen Interesse',
    public_health:
      'Art. 17 Abs. 3 lit. c DSGVO: Gründe des öffentlichen Interesses im Bereich der öffentlichen Gesundheit',
    archiving_research:
      'Art. 17 Abs. 3 lit. d DSGVO: im öffentlichen Interesse liegende Archivzwecke, wissenschaftliche oder historische Forschungszwecke oder statistische Zwecke',
    legal_claims:
      'Art. 17 Abs. 3 lit. e DSGVO: Geltendmachung, Ausübung oder Verteidigung von Rechtsansprüchen',
    manifestly_unfounded: 'Art. 12 Abs. 5 DSGVO: Die Anfrage ist offenkundig unbegründet oder exzessiv',
    identity_not_verified:
      'Art. 12 Abs. 6 und Art. 11 Abs. 2 DSGVO: Ihre Identität als antragstellende Person konnte nicht festgestellt werden',
  },
  fr: {
    freedom_of_expression:
      'Art. 17, par. 3, a) du RGPD : exercice du droit à la liberté d’expression et d’information',
    legal_obligation:
      'Art. 17, par. 3, b) du RGPD : respect d’une obligation légale ou exécution d’une mission d’intérêt public',
    public_health:
      'Art. 17, par. 3, c) du RGPD : motifs d’intérêt public dans le domaine de la santé publique',
    archiving_research:
      'Art. 17, par. 3, d) du RGPD : fins archivistiques dans l’intérêt public, fins de recherche scientifique ou historique ou fins statistiques',
    legal_claims: 'Art. 17, par. 3, e) du RGPD : constatation, exercice ou défense de droits en justice',
    manifestly_unfounded: 'Art. 12, par. 5 du RGPD : la demande est manifestement infondée ou excessive',
    identity_not_verified:
      'Art. 12, par. 6, et art. 11, par. 2 du RGPD : l’identité du demandeur n’a pas pu être établie',
  },
  nl: {
    freedom_of_expression:
      'Art. 17, lid 3, onder a, AVG: uitoefening van het recht op vrijheid van meningsuiting en informatie',
    legal_obligation:
      'Art. 17, lid 3, onder b, AVG: nakoming van een wettelijke verplichting of vervulling van een taak van algemeen belang',
    public_health:
      'Art. 17, lid 3, onder c, AVG: redenen van algemeen belang op het gebied van de volksgezondheid',
    archiving_research:
      'Art. 17, lid 3, onder d, AVG: archivering in het algemeen belang, wetenschappelijk of historisch onderzoek of statistische doeleinden',
    legal_claims:
      'Art. 17, lid 3, onder e, AVG: instelling, uitoefening of onderbouwing van een rechtsvordering',
    manifestly_unfounded: 'Art. 12, lid 5, AVG: het verzoek is kennelijk ongegrond of buitensporig',
    identity_not_verified:
      'Art. 12, lid 6, en art. 11, lid 2, AVG: de identiteit van de verzoeker kon niet worden vastgesteld',
  },
  es: {
    freedom_of_expression:
      'Art. 17.3.a) RGPD: ejercicio del derecho a la libertad de expresión e información',
    legal_obligation:
      'Art. 17.3.b) RGPD: cumplimiento de una obligación legal o de una misión realizada en interés público',
    public_health: 'Art. 17.3.c) RGPD: razones de interés público en el ámbito de la salud pública',
    archiving_research:
      'Art. 17.3.d) RGPD: fines de archivo en interés público, fines de investigación científica o histórica o fines estadísticos',
    legal_claims: 'Art. 17.3.e) RGPD: formulación, ejercicio o defensa de reclamaciones',
    manifestly_unfounded: 'Art. 12.5 RGPD: la solicitud es manifiestamente infundada o excesiva',
    identity_not_verified:
      'Arts. 12.6 y 11.2 RGPD: no ha sido posible acreditar la identidad del solicitante',
  },
  it: {
    freedom_of_expression:
      'Art. 17, par. 3, lett. a), GDPR: esercizio del diritto alla libertà di espressione e di informazione',
    legal_obligation:
      'Art. 17, par. 3, lett. b), GDPR: adempimento di un obbligo di legge o esecuzione di un compito di interesse pubblico',
    public_health:
      'Art. 17, par. 3, lett. c), GDPR: motivi di interesse pubblico nel settore della sanità pubblica',
    archiving_research:
      'Art. 17, par. 3, lett. d), GDPR: archiviazione nel pubblico interesse, ricerca scientifica o storica o fini statistici',
    legal_claims:
      'Art. 17, par. 3, lett. e), GDPR: accertamento, esercizio o difesa di un diritto in sede giudiziaria',
    manifestly_unfounded: 'Art. 12, par. 5, GDPR: la richiesta è manifestamente infondata o eccessiva',
    identity_not_verified:
      'Art. 12, par. 6, e art. 11, par. 2, GDPR: non è stato possibile verificare l’identità del richiedente',
  },
  pl: {
    freedom_of_expression:
      'Art. 17 ust. 3 lit. a RODO: korzystanie z prawa do wolności wypowiedzi i informacji',
    legal_obligation:
      'Art. 17 ust. 3 lit. b RODO: wywiązanie się z obowiązku prawnego lub wykonanie zadania realizowanego w interesie publicznym',
    public_health:
      'Art. 17 ust. 3 lit. c RODO: względy interesu publicznego w dziedzinie zdrowia publicznego',
    archiving_research:
      'Art. 17 ust. 3 lit. d RODO: cele archiwalne w interesie publicznym, cele badań naukowych lub historycznych lub cele statystyczne',
    legal_claims: 'Art. 17 ust. 3 lit. e RODO: ustalenie, dochodzenie lub obrona roszczeń',
    manifestly_unfounded: 'Art. 12 ust. 5 RODO: żądanie jest ewidentnie nieuzasadnione lub nadmierne',
    identity_not_verified:
      'Art. 12 ust. 6 i art. 11 ust. 2 RODO: nie udało się potwierdzić tożsamości osoby składającej żądanie',
  },
  sv: {
    freedom_of_expression:
      'Art. 17.3 a i dataskyddsförordningen: utövande av rätten till yttrande- och informationsfrihet',
    legal_obligation:
      'Art. 17.3 b i dataskyddsförordningen: fullgörande av en rättslig förpliktelse eller av en uppgift av allmänt intresse',
    public_health:
      'Art. 17.3 c i dataskyddsförordningen: skäl som rör ett allmänt intresse på folkhälsoområdet',
    archiving_research:
      'Art. 17.3 d i dataskyddsförordningen: arkivändamål av allmänt intresse, vetenskapliga eller historiska forskningsändamål eller statistiska ändamål',
    legal_claims:
      'Art. 17.3 e i dataskyddsförordningen: för att fastställa, göra gällande eller försvara rättsliga anspråk',
    manifestly_unfounded: 'Art. 12.5 i dataskyddsförordningen: begäran är uppenbart ogrundad eller orimlig',
    identity_not_verified:
      'Art. 12.6 och 11.2 i dataskyddsförordningen: den sökandes identitet kunde inte fastställas',
  },
  pt: {
    freedom_of_expression:
      'Art. 17.º, n.º 3, alínea a), do RGPD: exercício da liberdade de expressão e de informação',
    legal_obligation:
      'Art. 17.º, n.º 3, alínea b), do RGPD: cumprimento de uma obrigação legal ou exercício de funções de interesse público',
    public_health:
      'Art. 17.º, n.º 3, alínea c), do RGPD: motivos de interesse público no domínio da saúde pública',
    archiving_research:
      'Art. 17.º, n.º 3, alínea d), do RGPD: fins de arquivo de interesse público, fins de investigação científica ou histórica ou fins estatísticos',
    legal_claims:
      'Art. 17.º, n.º 3, alínea e), do RGPD: declaração, exercício ou defesa de um direito num processo judicial',
    manifestly_unfounded: 'Art. 12.º, n.º 5, do RGPD: o pedido é manifestamente infundado ou excessivo',
    identity_not_verified:
      'Art. 12.º, n.º 6, e art. 11.º, n.º 2, do RGPD: não foi possível confirmar a identidade do requerente',
  },
  da: {
    freedom_of_expression:
      'Art. 17, stk. 3, litra a, i databeskyttelsesforordningen: udøvelse af retten til ytrings- og informationsfrihed',
    legal_obligation:
      'Art. 17, stk. 3, litra b, i databeskyttelsesforordningen: overholdelse af en retlig forpligtelse eller udførelse af en opgave i samfundets interesse',
    public_health:
      'Art. 17, stk. 3, litra c, i databeskyttelsesforordningen: hensyn til samfundets interesse på folkesundhedsområdet',
    archiving_research:
      'Art. 17, stk. 3, litra d, i databeskyttelsesforordningen: arkivformål i samfundets interesse, videnskabelige eller historiske forskningsformål eller statistiske formål',
    legal_claims:
      'Art. 17, stk. 3, litra e, i databeskyttelsesforordningen: et retskrav skal kunne fastlægges, gøres gældende eller forsvares',
    manifestly_unfounded:
      'Art. 12, stk. 5, i databeskyttelsesforordningen: anmodningen er åbenbart grundløs eller overdreven',
    identity_not_verified:
      'Art. 12, stk. 6, og art. 11, stk. 2, i databeskyttelsesforordningen: anmoderens identitet kunne ikke fastslås',
  },
};
