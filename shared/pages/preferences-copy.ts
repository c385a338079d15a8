// The words of the preference centre (`/p/:token`) in every page language: what the person sees
// of their data, the label of every action, the confirmation after each change and the sentence
// for each refused input. Data only (long for that reason: six languages of one page).

import type { PreferenceDone } from '../schemas/preferences';
import type { PageLanguage } from './languages';

type Basis = 'consent' | 'contract' | 'legitimate_interest';
type D = string;

export type PreferencesCopy = {
  title: string;
  intro: (tenant: string) => string;
  done: Record<PreferenceDone, string>;
  problems: {
    heading: string;
    email: string;
    sameAddress: string;
    tooLong: (label: string) => string;
    notANumber: (label: string) => string;
    notADate: (label: string) => string;
    paymentData: (label: string) => string;
    specialCategory: (label: string) => string;
    notOpen: string;
  };
  details: {
    heading: string;
    email: string;
    name: string;
    none: string;
    yes: string;
    no: string;
    correct: string;
    correctNote: (tenant: string) => string;
    save: string;
  };
  address: { heading: string; label: string; note: string; send: string };
  lists: {
    heading: string;
    none: string;
    basis: string;
    basisNames: Record<Basis, string>;
    state: string;
    subscribedSince: (date: D) => string;
    pending: string;
    unsubscribedSince: (date: D) => string;
    never: string;
    unsubscribe: (list: string) => string;
    subscribe: (list: string) => string;
    agree: string;
    withdrawAll: string;
    withdrawAllNote: string;
  };
  interests: { heading: string; legend: string; save: string };
  requests: {
    heading: string;
    none: string;
    received: (date: D) => string;
    due: (date: D) => string;
    cancel: string;
  };
  data: { heading: string; intro: (tenant: string) => string; json: string; zip: string };
  forget: {
    heading: string;
    explain: (tenant: string, days: number) => string;
    button: string;
    open: (tenant: string, date: D) => string;
    clock: (tenant: string, date: D) => string;
    cancel: string;
  };
  gone: { title: string; body: string };
};

const COPY: Record<PageLanguage, PreferencesCopy> = {
  en: {
    title: 'Your preferences',
    intro: (t) =>
      `This page shows what ${t} holds about you and lets you change it. The link was sent to your address only: do not forward it.`,
    done: {
      subscribed: 'You are subscribed.',
      unsubscribed: 'You are unsubscribed.',
      withdrawn_all: 'You have withdrawn all your consent. You will receive no more messages.',
      interests: 'Your interests are saved.',
      profile: 'Your details are corrected.',
      address_sent:
        'We have sent a link to your new address. Your address changes when you open it (within 24 hours).',
      erasure_filed: 'Your request to erase your data has been received.',
      cancelled: 'Your request is cancelled.',
      download_later:
        'Your earlier request for your data is still being handled. Its due date is shown below.',
      nothing_changed: 'Nothing needed to change.',
    },
    problems: {
      heading: 'Nothing was changed',
      email: 'Please enter a valid email address.',
      sameAddress: 'This is already your address.',
      tooLong: (l) => `The value of “${l}” is too long.`,
      notANumber: (l) => `“${l}” must be a number.`,
      notADate: (l) => `“${l}” must be a date.`,
      paymentData: (l) =>
        `The value of “${l}” looks like a card number or bank account. Payment data is never kept in a profile.`,
      specialCategory: (l) =>
        `“${l}” asks for sensitive data (such as health, religion or politics), which is not kept for email marketing.`,
      notOpen: 'This request can no longer be cancelled.',
    },
    details: {
      heading: 'Your details',
      email: 'Email address',
      name: 'Name',
      none: 'not given',
      yes: 'yes',
      no: 'no',
      correct: 'Correct your details',
      correctNote: (t) =>
        `Corrections apply at once, and ${t} is told of them. Leave a field empty to remove it.`,
      save: 'Save my details',
    },
    address: {
      heading: 'Change your email address',
      label: 'New email address',
      note: 'We send a link to the new address. Your address changes only when you open it.',
      send: 'Send the link to my new address',
    },
    lists: {
      heading: 'Your subscriptions',
      none: 'There is nothing to subscribe to.',
      basis: 'Legal basis',
      basisNames: {
        consent: 'your consent',
        contract: 'a contract with you',
        legitimate_interest: 'a legitimate interest',
      },
      state: 'Status',
      subscribedSince: (d) => `subscribed since ${d}`,
      pending: 'waiting for your confirmation',
      unsubscribedSince: (d) => `unsubscribed since ${d}`,
      never: 'not subscribed',
      unsubscribe: (l) => `Unsubscribe from ${l}`,
      subscribe: (l) => `Subscribe to ${l}`,
      agree: 'By subscribing you agree to this text:',
      withdrawAll: 'Withdraw all my consent',
      withdrawAllNote: 'Unsubscribes you from every list at once.',
    },
    interests: {
      heading: 'Your interests',
      legend: 'What would you like to hear about?',
      save: 'Save my interests',
    },
    requests: {
      heading: 'Your privacy requests',
      none: 'You have no open requests.',
      received: (d) => `received on ${d}`,
      due: (d) => `answer due by ${d}`,
      cancel: 'Cancel this request',
    },
    data: {
      heading: 'Download your data',
      intro: (t) => `A copy of everything ${t} holds about you, at once.`,
      json: 'Download a copy (JSON)',
      zip: 'Download for another service (ZIP)',
    },
    forget: {
      heading: 'Forget me',
      explain: (t, days) =>
        `${t} then erases everything it holds about you. It has ${days} days to do so: it may confirm your request earlier, or refuse it only for a reason the law allows. If it does neither, the erasure is carried out automatically when the ${days} days are over.`,
      button: 'Erase my data',
      open: (t, d) => `You asked ${t} to erase your data. It must answer by ${d}.`,
      clock: (t, d) =>
        `Unless ${t} confirms it earlier or refuses it for a reason the law allows, your data is erased automatically on ${d}. Until then you can change your mind.`,
      cancel: 'Cancel my erasure request',
    },
    gone: {
      title: 'Nothing left to manage',
      body: 'The data this link was for has been erased, or the link belongs to nobody any more.',
    },
  },
  de: {
    title: 'Ihre Einstellungen',
    intro: (t) =>
      `Diese Seite zeigt, was ${t} über Sie gespeichert hat, und lässt Sie es ändern. Der Link wurde nur an Ihre Adresse gesendet: Leiten Sie ihn nicht weiter.`,
    done: {
      subscribed: 'Sie sind angemeldet.',
      unsubscribed: 'Sie sind abgemeldet.',
      withdrawn_all: 'Sie haben alle Einwilligungen widerrufen. Sie erhalten keine Nachrichten mehr.',
      interests: 'Ihre Interessen sind gespeichert.',
      profile: 'Ihre Angaben sind berichtigt.',
      address_sent:
        'Wir haben einen Link an Ihre neue Adresse gesendet. Ihre Adresse ändert sich, wenn Sie ihn öffnen (innerhalb von 24 Stunden).',
      erasure_filed: 'Ihr Antrag auf Löschung Ihrer Daten ist eingegangen.',
      cancelled: 'Ihr Antrag ist zurückgezogen.',
      download_later: 'Ihr früherer Antrag auf Ihre Daten wird noch bearbeitet. Seine Frist steht unten.',
      nothing_changed: 'Es war nichts zu ändern.',
    },
    problems: {
      heading: 'Es wurde nichts geändert',
      email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
      sameAddress: 'Das ist bereits Ihre Adresse.',
      tooLong: (l) => `Der Wert von „${l}“ ist zu lang.`,
      notANumber: (l) => `„${l}“ muss eine Zahl sein.`,
      notADate: (l) => `„${l}“ muss ein Datum sein.`,
      paymentData: (l) =>
        `Der Wert von „${l}“ sieht aus wie eine Kartennummer oder ein Bankkonto. Zahlungsdaten werden nie in einem Profil gespeichert.`,
      specialCategory: (l) =>
        `„${l}“ fragt nach sensiblen Daten (etwa Gesundheit, Religion oder Politik), die für E-Mail-Marketing nicht gespeichert werden.`,
      notOpen: 'Dieser Antrag kann nicht mehr zurückgezogen werden.',
    },
    details: {
      heading: 'Ihre Angaben',
      email: 'E-Mail-Adresse',
      name: 'Name',
      none: 'nicht angegeben',
      yes: 'ja',
      no: 'nein',
      correct: 'Angaben berichtigen',
      correctNote: (t) =>
        `Berichtigungen gelten sofort, und ${t} wird darüber informiert. Lassen Sie ein Feld leer, um es zu entfernen.`,
      save: 'Meine Angaben speichern',
    },
    address: {
      heading: 'E-Mail-Adresse ändern',
      label: 'Neue E-Mail-Adresse',
      note: 'Wir senden einen Link an die neue Adresse. Ihre Adresse ändert sich erst, wenn Sie ihn öffnen.',
      send: 'Link an meine neue Adresse senden',
    },
    lists: {
      heading: 'Ihre Abonnements',
      none: 'Es gibt nichts zu abonnieren.',
      basis: 'Rechtsgrundlage',
      basisNames: {
        consent: 'Ihre Einwilligung',
        contract: 'ein Vertrag mit Ihnen',
        legitimate_interest: 'ein berechtigtes Interesse',
      },
      state: 'Status',
      subscribedSince: (d) => `angemeldet seit ${d}`,
      pending: 'wartet auf Ihre Bestätigung',
      unsubscribedSince: (d) => `abgemeldet seit ${d}`,
      never: 'nicht angemeldet',
      unsubscribe: (l) => `Von ${l} abmelden`,
      subscribe: (l) => `${l} abonnieren`,
      agree: 'Mit der Anmeldung stimmen Sie diesem Text zu:',
      withdrawAll: 'Alle Einwilligungen widerrufen',
      withdrawAllNote: 'Meldet Sie auf einmal von allen Listen ab.',
    },
    interests: {
      heading: 'Ihre Interessen',
      legend: 'Worüber möchten Sie informiert werden?',
      save: 'Meine Interessen speichern',
    },
    requests: {
      heading: 'Ihre Datenschutzanträge',
      none: 'Sie haben keine offenen Anträge.',
      received: (d) => `eingegangen am ${d}`,
      due: (d) => `Antwort fällig bis ${d}`,
      cancel: 'Diesen Antrag zurückziehen',
    },
    data: {
      heading: 'Ihre Daten herunterladen',
      intro: (t) => `Eine Kopie von allem, was ${t} über Sie gespeichert hat, sofort.`,
      json: 'Kopie herunterladen (JSON)',
      zip: 'Für einen anderen Dienst herunterladen (ZIP)',
    },
    forget: {
      heading: 'Meine Daten löschen',
      explain: (t, days) =>
        `${t} löscht dann alles, was über Sie gespeichert ist. Dafür hat ${t} ${days} Tage Zeit: Der Antrag kann früher bestätigt oder nur aus einem gesetzlich zulässigen Grund abgelehnt werden. Geschieht keines von beiden, wird nach ${days} Tagen automatisch gelöscht.`,
      button: 'Meine Daten löschen',
      open: (t, d) => `Sie haben ${t} gebeten, Ihre Daten zu löschen. Die Antwort ist bis ${d} fällig.`,
      clock: (t, d) =>
        `Sofern ${t} den Antrag nicht früher bestätigt oder aus einem gesetzlich zulässigen Grund ablehnt, werden Ihre Daten am ${d} automatisch gelöscht. Bis dahin können Sie es sich anders überlegen.`,
      cancel: 'Löschantrag zurückziehen',
    },
    gone: {
      title: 'Nichts mehr zu verwalten',
      body: 'Die Daten, für die dieser Link galt, wurden gelöscht, oder der Link gehört niemandem mehr.',
    },
  },
  fr: {
    title: 'Vos préférences',
    intro: (t) =>
      `Cette page montre ce que ${t} conserve à votre sujet et vous permet de le modifier. Le lien n’a été envoyé qu’à votre adresse : ne le transférez pas.`,
    done: {
      subscribed: 'Vous êtes abonné(e).',
      unsubscribed: 'Vous êtes désabonné(e).',
      withdrawn_all: 'Vous avez retiré tous vos consentements. Vous ne recevrez plus de messages.',
      interests: 'Vos centres d’intérêt sont enregistrés.',
      profile: 'Vos informations sont rectifiées.',
      address_sent:
        'Nous avons envoyé un lien à votre nouvelle adresse. Votre adresse change lorsque vous l’ouvrez (dans les 24 heures).',
      erasure_filed: 'Votre demande d’effacement de vos données a été reçue.',
      cancelled: 'Votre demande est annulée.',
      download_later:
        'Votre demande précédente concernant vos données est encore en cours. Son échéance figure ci-dessous.',
      nothing_changed: 'Il n’y avait rien à modifier.',
    },
    problems: {
      heading: 'Rien n’a été modifié',
      email: 'Veuillez saisir une adresse e-mail valide.',
      sameAddress: 'C’est déjà votre adresse.',
      tooLong: (l) => `La valeur de « ${l} » est trop longue.`,
      notANumber: (l) => `« ${l} » doit être un nombre.`,
      notADate: (l) => `« ${l} » doit être une date.`,
      paymentData: (l) =>
        `La valeur de « ${l} » ressemble à un numéro de carte ou de compte bancaire. Les données de paiement ne sont jamais conservées dans un profil.`,
      specialCategory: (l) =>
        `« ${l} » demande des données sensibles (santé, religion ou opinions politiques, par exemple), qui ne sont pas conservées pour le marketing par e-mail.`,
      notOpen: 'Cette demande ne peut plus être annulée.',
    },
    details: {
      heading: 'Vos informations',
      email: 'Adresse e-mail',
      name: 'Nom',
      none: 'non renseigné',
      yes: 'oui',
      no: 'non',
      correct: 'Rectifier vos informations',
      correctNote: (t) =>
        `Les rectifications s’appliquent immédiatement et ${t} en est informé. Laissez un champ vide pour le supprimer.`,
      save: 'Enregistrer mes informations',
    },
    address: {
      heading: 'Changer votre adresse e-mail',
      label: 'Nouvelle adresse e-mail',
      note: 'Nous envoyons un lien à la nouvelle adresse. Votre adresse ne change que lorsque vous l’ouvrez.',
      send: 'Envoyer le lien à ma nouvelle adresse',
    },
    lists: {
      heading: 'Vos abonnements',
      none: 'Il n’y a rien à quoi s’abonner.',
      basis: 'Base juridique',
      basisNames: {
        consent: 'votre consentement',
        contract: 'un contrat avec vous',
        legitimate_interest: 'un intérêt légitime',
      },
      state: 'Statut',
      subscribedSince: (d) => `abonné(e) depuis le ${d}`,
      pending: 'en attente de votre confirmation',
      unsubscribedSince: (d) => `désabonné(e) depuis le ${d}`,
      never: 'non abonné(e)',
      unsubscribe: (l) => `Se désabonner de ${l}`,
      subscribe: (l) => `S’abonner à ${l}`,
      agree: 'En vous abonnant, vous acceptez ce texte :',
      withdrawAll: 'Retirer tous mes consentements',
      withdrawAllNote: 'Vous désabonne de toutes les listes en une fois.',
    },
    interests: {
      heading: 'Vos centres d’intérêt',
      legend: 'Sur quels sujets souhaitez-vous être informé(e) ?',
      save: 'Enregistrer mes centres d’intérêt',
    },
    requests: {
      heading: 'Vos demandes relatives à vos données',
      none: 'Vous n’avez aucune demande en cours.',
      received: (d) => `reçue le ${d}`,
      due: (d) => `réponse attendue au plus tard le ${d}`,
      cancel: 'Annuler cette demande',
    },
    data: {
      heading: 'Télécharger vos données',
      intro: (t) => `Une copie de tout ce que ${t} conserve à votre sujet, immédiatement.`,
      json: 'Télécharger une copie (JSON)',
      zip: 'Télécharger pour un autre service (ZIP)',
    },
    forget: {
      heading: 'M’oublier',
      explain: (t, days) =>
        `${t} efface alors tout ce qu’il conserve à votre sujet. Il dispose de ${days} jours : il peut confirmer votre demande plus tôt, ou la refuser uniquement pour un motif prévu par la loi. S’il ne fait ni l’un ni l’autre, l’effacement a lieu automatiquement à l’issue des ${days} jours.`,
      button: 'Effacer mes données',
      open: (t, d) =>
        `Vous avez demandé à ${t} d’effacer vos données. Il doit répondre au plus tard le ${d}.`,
      clock: (t, d) =>
        `Sauf si ${t} la confirme plus tôt ou la refuse pour un motif prévu par la loi, vos données seront effacées automatiquement le ${d}. D’ici là, vous pouvez changer d’avis.`,
      cancel: 'Annuler ma demande d’effacement',
    },
    gone: {
      title: 'Plus rien à gérer',
      body: 'Les données concernées par ce lien ont été effacées, ou le lien n’appartient plus à personne.',
    },
  },
  nl: {
    title: 'Uw voorkeuren',
    intro: (t) =>
      `Deze pagina toont wat ${t} over u bewaart en laat u het wijzigen. De link is alleen naar uw adres gestuurd: stuur hem niet door.`,
    done: {
      subscribed: 'U bent aangemeld.',
      unsubscribed: 'U bent afgemeld.',
      withdrawn_all: 'U hebt al uw toestemming ingetrokken. U ontvangt geen berichten meer.',
      interests: 'Uw interesses zijn opgeslagen.',
      profile: 'Uw gegevens zijn gecorrigeerd.',
      address_sent:
        'We hebben een link naar uw nieuwe adres gestuurd. Uw adres verandert wanneer u hem opent (binnen 24 uur).',
      erasure_filed: 'Uw verzoek om uw gegevens te wissen is ontvangen.',
      cancelled: 'Uw verzoek is ingetrokken.',
      download_later:
        'Uw eerdere verzoek om uw gegevens wordt nog behandeld. De uiterste datum staat hieronder.',
      nothing_changed: 'Er hoefde niets te veranderen.',
    },
    problems: {
      heading: 'Er is niets gewijzigd',
      email: 'Vul een geldig e-mailadres in.',
      sameAddress: 'Dit is al uw adres.',
      tooLong: (l) => `De waarde van ‘${l}’ is te lang.`,
      notANumber: (l) => `‘${l}’ moet een getal zijn.`,
      notADate: (l) => `‘${l}’ moet een datum zijn.`,
      paymentData: (l) =>
        `De waarde van ‘${l}’ lijkt op een kaartnummer of bankrekening. Betaalgegevens worden nooit in een profiel bewaard.`,
      specialCategory: (l) =>
        `‘${l}’ vraagt om gevoelige gegevens (zoals gezondheid, religie of politiek), die voor e-mailmarketing niet worden bewaard.`,
      notOpen: 'Dit verzoek kan niet meer worden ingetrokken.',
    },
    details: {
      heading: 'Uw gegevens',
      email: 'E-mailadres',
      name: 'Naam',
      none: 'niet opgegeven',
      yes: 'ja',
      no: 'nee',
      correct: 'Uw gegevens corrigeren',
      correctNote: (t) =>
        `Correcties gelden meteen, en ${t} wordt ervan op de hoogte gebracht. Laat een veld leeg om het te verwijderen.`,
      save: 'Mijn gegevens opslaan',
    },
    address: {
      heading: 'Uw e-mailadres wijzigen',
      label: 'Nieuw e-mailadres',
      note: 'We sturen een link naar het nieuwe adres. Uw adres verandert pas wanneer u hem opent.',
      send: 'Link naar mijn nieuwe adres sturen',
    },
    lists: {
      heading: 'Uw abonnementen',
      none: 'Er is niets om op te abonneren.',
      basis: 'Rechtsgrond',
      basisNames: {
        consent: 'uw toestemming',
        contract: 'een overeenkomst met u',
        legitimate_interest: 'een gerechtvaardigd belang',
      },
      state: 'Status',
      subscribedSince: (d) => `aangemeld sinds ${d}`,
      pending: 'wacht op uw bevestiging',
      unsubscribedSince: (d) => `afgemeld sinds ${d}`,
      never: 'niet aangemeld',
      unsubscribe: (l) => `Afmelden voor ${l}`,
      subscribe: (l) => `Aanmelden voor ${l}`,
      agree: 'Door u aan te melden gaat u akkoord met deze tekst:',
      withdrawAll: 'Al mijn toestemming intrekken',
      withdrawAllNote: 'Meldt u in één keer af voor alle lijsten.',
    },
    interests: {
      heading: 'Uw interesses',
      legend: 'Waarover wilt u iets horen?',
      save: 'Mijn interesses opslaan',
    },
    requests: {
      heading: 'Uw privacyverzoeken',
      none: 'U hebt geen openstaande verzoeken.',
      received: (d) => `ontvangen op ${d}`,
      due: (d) => `antwoord uiterlijk ${d}`,
      cancel: 'Dit verzoek intrekken',
    },
    data: {
      heading: 'Uw gegevens downloaden',
      intro: (t) => `Een kopie van alles wat ${t} over u bewaart, meteen.`,
      json: 'Een kopie downloaden (JSON)',
      zip: 'Downloaden voor een andere dienst (ZIP)',
    },
    forget: {
      heading: 'Vergeet mij',
      explain: (t, days) =>
        `${t} wist dan alles wat het over u bewaart. Het heeft daarvoor ${days} dagen: het kan uw verzoek eerder bevestigen, of het alleen weigeren om een reden die de wet toestaat. Gebeurt geen van beide, dan worden uw gegevens na ${days} dagen automatisch gewist.`,
      button: 'Mijn gegevens wissen',
      open: (t, d) => `U hebt ${t} gevraagd uw gegevens te wissen. Het antwoord moet er uiterlijk ${d} zijn.`,
      clock: (t, d) =>
        `Tenzij ${t} het eerder bevestigt of weigert om een reden die de wet toestaat, worden uw gegevens op ${d} automatisch gewist. Tot dan kunt u van gedachten veranderen.`,
      cancel: 'Mijn verzoek om te wissen intrekken',
    },
    gone: {
      title: 'Niets meer te beheren',
      body: 'De gegevens waarvoor deze link was, zijn gewist, of de link hoort bij niemand meer.',
    },
  },
  es: {
    title: 'Sus preferencias',
    intro: (t) =>
      `Esta página muestra lo que ${t} guarda sobre usted y le permite cambiarlo. El enlace se envió solo a su dirección: no lo reenvíe.`,
    done: {
      subscribed: 'Se ha suscrito.',
      unsubscribed: 'Se ha dado de baja.',
      withdrawn_all: 'Ha retirado todo su consentimiento. No recibirá más mensajes.',
      interests: 'Sus intereses se han guardado.',
      profile: 'Sus datos se han rectificado.',
      address_sent:
        'Hemos enviado un enlace a su nueva dirección. Su dirección cambia cuando lo abra (en un plazo de 24 horas).',
      erasure_filed: 'Hemos recibido su solicitud de supresión de sus datos.',
      cancelled: 'Su solicitud se ha retirado.',
      download_later:
        'Su solicitud anterior sobre sus datos aún se está tramitando. Su plazo figura más abajo.',
      nothing_changed: 'No había nada que cambiar.',
    },
    problems: {
      heading: 'No se ha cambiado nada',
      email: 'Introduzca una dirección de correo válida.',
      sameAddress: 'Esta ya es su dirección.',
      tooLong: (l) => `El valor de «${l}» es demasiado largo.`,
      notANumber: (l) => `«${l}» debe ser un número.`,
      notADate: (l) => `«${l}» debe ser una fecha.`,
      paymentData: (l) =>
        `El valor de «${l}» parece un número de tarjeta o de cuenta bancaria. Los datos de pago nunca se guardan en un perfil.`,
      specialCategory: (l) =>
        `«${l}» pide datos sensibles (como salud, religión o política), que no se guardan para el marketing por correo.`,
      notOpen: 'Esta solicitud ya no se puede retirar.',
    },
    details: {
      heading: 'Sus datos',
      email: 'Dirección de correo',
      name: 'Nombre',
      none: 'no indicado',
      yes: 'sí',
      no: 'no',
      correct: 'Rectificar sus datos',
      correctNote: (t) =>
        `Las rectificaciones se aplican al momento y se informa a ${t}. Deje un campo vacío para eliminarlo.`,
      save: 'Guardar mis datos',
    },
    address: {
      heading: 'Cambiar su dirección de correo',
      label: 'Nueva dirección de correo',
      note: 'Enviamos un enlace a la nueva dirección. Su dirección solo cambia cuando lo abra.',
      send: 'Enviar el enlace a mi nueva dirección',
    },
    lists: {
      heading: 'Sus suscripciones',
      none: 'No hay nada a lo que suscribirse.',
      basis: 'Base jurídica',
      basisNames: {
        consent: 'su consentimiento',
        contract: 'un contrato con usted',
        legitimate_interest: 'un interés legítimo',
      },
      state: 'Estado',
      subscribedSince: (d) => `suscrito desde el ${d}`,
      pending: 'pendiente de su confirmación',
      unsubscribedSince: (d) => `dado de baja desde el ${d}`,
      never: 'no suscrito',
      unsubscribe: (l) => `Darse de baja de ${l}`,
      subscribe: (l) => `Suscribirse a ${l}`,
      agree: 'Al suscribirse acepta este texto:',
      withdrawAll: 'Retirar todo mi consentimiento',
      withdrawAllNote: 'Le da de baja de todas las listas a la vez.',
    },
    interests: {
      heading: 'Sus intereses',
      legend: '¿Sobre qué le gustaría recibir noticias?',
      save: 'Guardar mis intereses',
    },
    requests: {
      heading: 'Sus solicitudes de privacidad',
      none: 'No tiene solicitudes abiertas.',
      received: (d) => `recibida el ${d}`,
      due: (d) => `respuesta a más tardar el ${d}`,
      cancel: 'Retirar esta solicitud',
    },
    data: {
      heading: 'Descargar sus datos',
      intro: (t) => `Una copia de todo lo que ${t} guarda sobre usted, al momento.`,
      json: 'Descargar una copia (JSON)',
      zip: 'Descargar para otro servicio (ZIP)',
    },
    forget: {
      heading: 'Olvídenme',
      explain: (t, days) =>
        `${t} suprime entonces todo lo que guarda sobre usted. Dispone de ${days} días: puede confirmar su solicitud antes, o denegarla solo por un motivo que la ley permita. Si no hace ninguna de las dos cosas, la supresión se lleva a cabo automáticamente al cabo de ${days} días.`,
      button: 'Suprimir mis datos',
      open: (t, d) => `Ha pedido a ${t} que suprima sus datos. Debe responder a más tardar el ${d}.`,
      clock: (t, d) =>
        `Salvo que ${t} la confirme antes o la deniegue por un motivo que la ley permita, sus datos se suprimirán automáticamente el ${d}. Hasta entonces puede cambiar de opinión.`,
      cancel: 'Retirar mi solicitud de supresión',
    },
    gone: {
      title: 'Ya no hay nada que gestionar',
      body: 'Los datos a los que se refería este enlace se han suprimido, o el enlace ya no pertenece a nadie.',
    },
  },
  it: {
    title: 'Le sue preferenze',
    intro: (t) =>
      `Questa pagina mostra ciò che ${t} conserva su di lei e le permette di modificarlo. Il link è stato inviato solo al suo indirizzo: non lo inoltri.`,
    done: {
      subscribed: 'Iscrizione effettuata.',
      unsubscribed: 'Disiscrizione effettuata.',
      withdrawn_all: 'Ha revocato tutti i consensi. Non riceverà più messaggi.',
      interests: 'I suoi interessi sono stati salvati.',
      profile: 'I suoi dati sono stati rettificati.',
      address_sent:
        'Abbiamo inviato un link al suo nuovo indirizzo. L’indirizzo cambia quando lo apre (entro 24 ore).',
      erasure_filed: 'La sua richiesta di cancellazione dei dati è stata ricevuta.',
      cancelled: 'La sua richiesta è stata ritirata.',
      download_later:
        'La sua richiesta precedente relativa ai dati è ancora in corso. La scadenza è indicata qui sotto.',
      nothing_changed: 'Non c’era nulla da modificare.',
    },
    problems: {
      heading: 'Non è stato modificato nulla',
      email: 'Inserisca un indirizzo e-mail valido.',
      sameAddress: 'Questo è già il suo indirizzo.',
      tooLong: (l) => `Il valore di «${l}» è troppo lungo.`,
      notANumber: (l) => `«${l}» deve essere un numero.`,
      notADate: (l) => `«${l}» deve essere una data.`,
      paymentData: (l) =>
        `Il valore di «${l}» sembra un numero di carta o di conto bancario. I dati di pagamento non vengono mai conservati in un profilo.`,
      specialCategory: (l) =>
        `«${l}» chiede dati sensibili (come salute, religione o politica), che non vengono conservati per il marketing via e-mail.`,
      notOpen: 'Questa richiesta non può più essere ritirata.',
    },
    details: {
      heading: 'I suoi dati',
      email: 'Indirizzo e-mail',
      name: 'Nome',
      none: 'non indicato',
      yes: 'sì',
      no: 'no',
      correct: 'Rettifichi i suoi dati',
      correctNote: (t) =>
        `Le rettifiche valgono subito e ${t} ne viene informato. Lasci vuoto un campo per eliminarlo.`,
      save: 'Salva i miei dati',
    },
    address: {
      heading: 'Cambi il suo indirizzo e-mail',
      label: 'Nuovo indirizzo e-mail',
      note: 'Inviamo un link al nuovo indirizzo. L’indirizzo cambia solo quando lo apre.',
      send: 'Invia il link al mio nuovo indirizzo',
    },
    lists: {
      heading: 'Le sue iscrizioni',
      none: 'Non c’è nulla a cui iscriversi.',
      basis: 'Base giuridica',
      basisNames: {
        consent: 'il suo consenso',
        contract: 'un contratto con lei',
        legitimate_interest: 'un interesse legittimo',
      },
      state: 'Stato',
      subscribedSince: (d) => `iscritto dal ${d}`,
      pending: 'in attesa della sua conferma',
      unsubscribedSince: (d) => `disiscritto dal ${d}`,
      never: 'non iscritto',
      unsubscribe: (l) => `Disiscriviti da ${l}`,
      subscribe: (l) => `Iscriviti a ${l}`,
      agree: 'Iscrivendosi accetta questo testo:',
      withdrawAll: 'Revoca tutti i miei consensi',
      withdrawAllNote: 'La disiscrive da tutte le liste in una volta.',
    },
    interests: {
      heading: 'I suoi interessi',
      legend: 'Di che cosa vorrebbe ricevere notizie?',
      save: 'Salva i miei interessi',
    },
    requests: {
      heading: 'Le sue richieste sulla privacy',
      none: 'Non ha richieste aperte.',
      received: (d) => `ricevuta il ${d}`,
      due: (d) => `risposta entro il ${d}`,
      cancel: 'Ritira questa richiesta',
    },
    data: {
      heading: 'Scarichi i suoi dati',
      intro: (t) => `Una copia di tutto ciò che ${t} conserva su di lei, subito.`,
      json: 'Scarica una copia (JSON)',
      zip: 'Scarica per un altro servizio (ZIP)',
    },
    forget: {
      heading: 'Dimenticami',
      explain: (t, days) =>
        `${t} cancella quindi tutto ciò che conserva su di lei. Ha ${days} giorni per farlo: può confermare la richiesta prima, oppure rifiutarla solo per un motivo previsto dalla legge. Se non fa né l’una né l’altra cosa, la cancellazione avviene automaticamente allo scadere dei ${days} giorni.`,
      button: 'Cancella i miei dati',
      open: (t, d) => `Ha chiesto a ${t} di cancellare i suoi dati. Deve rispondere entro il ${d}.`,
      clock: (t, d) =>
        `Salvo che ${t} la confermi prima o la rifiuti per un motivo previsto dalla legge, i suoi dati saranno cancellati automaticamente il ${d}. Fino ad allora può cambiare idea.`,
      cancel: 'Ritira la mia richiesta di cancellazione',
    },
    gone: {
      title: 'Più nulla da gestire',
      body: 'I dati a cui si riferiva questo link sono stati cancellati, oppure il link non appartiene più a nessuno.',
    },
  },
};

export const preferencesCopy = (lang: PageLanguage): PreferencesCopy => COPY[lang];
