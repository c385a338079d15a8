// The words of the requester's pages in every page language: `/v/` asks the person to confirm
// a privacy request made in their name (Art. 12(6) GDPR) and `/x/` explains a download that is
// not open yet. The request is named in the person's own voice ("Erasure of my personal data").

import type { RequestKind } from '../request-lifecycle';
import type { PageLanguage } from './languages';

type RequestLinkCopy = {
  askTitle: string;
  ask: (tenant: string) => string;
  request: Record<RequestKind, string>;
  onlyIfYou: string;
  button: string;
  doneTitle: string;
  done: (tenant: string) => string;
  alreadyTitle: string;
  already: (tenant: string) => string;
  closedTitle: string;
  closed: (tenant: string) => string;
  exportLockedTitle: string;
  exportLocked: string;
  exportErasedTitle: string;
  exportErased: string;
};

const COPY: Record<PageLanguage, RequestLinkCopy> = {
  en: {
    askTitle: 'Confirm your request',
    ask: (t) => `${t} received this privacy request in your name:`,
    request: {
      erasure: 'Erasure of my personal data',
      access: 'A copy of my personal data',
      portability: 'My personal data in a portable format',
      rectification: 'Correction of my personal data',
      objection: 'Objection to the use of my personal data',
      unsubscribe: 'No more emails (unsubscribe)',
      review: 'A question about my personal data',
    },
    onlyIfYou: 'Confirm it only if you made it. If you did not, close this page: nothing happens.',
    button: 'Yes, I made this request',
    doneTitle: 'Thank you',
    done: (t) => `Your request to ${t} is confirmed. You will hear from us when it has been carried out.`,
    alreadyTitle: 'Already confirmed',
    already: (t) => `Your request to ${t} is confirmed. Nothing else to do.`,
    closedTitle: 'Request closed',
    closed: (t) =>
      `This request to ${t} is closed and cannot be confirmed any more. If you still want it, make a new request.`,
    exportLockedTitle: 'Not available yet',
    exportLocked: 'This download opens once the request has been confirmed.',
    exportErasedTitle: 'Nothing left to download',
    exportErased: 'Your personal data was erased at your request, so there is nothing left to download.',
  },
  de: {
    askTitle: 'Bestätigen Sie Ihre Anfrage',
    ask: (t) => `${t} hat diese Datenschutzanfrage in Ihrem Namen erhalten:`,
    request: {
      erasure: 'Löschung meiner personenbezogenen Daten',
      access: 'Eine Kopie meiner personenbezogenen Daten',
      portability: 'Meine personenbezogenen Daten in einem übertragbaren Format',
      rectification: 'Berichtigung meiner personenbezogenen Daten',
      objection: 'Widerspruch gegen die Verwendung meiner personenbezogenen Daten',
      unsubscribe: 'Keine E-Mails mehr (Abmeldung)',
      review: 'Eine Frage zu meinen personenbezogenen Daten',
    },
    onlyIfYou:
      'Bestätigen Sie sie nur, wenn sie von Ihnen stammt. Andernfalls schließen Sie diese Seite: Es passiert nichts.',
    button: 'Ja, diese Anfrage ist von mir',
    doneTitle: 'Danke',
    done: (t) => `Ihre Anfrage an ${t} ist bestätigt. Sie hören von uns, sobald sie ausgeführt ist.`,
    alreadyTitle: 'Bereits bestätigt',
    already: (t) => `Ihre Anfrage an ${t} ist bestätigt. Es ist nichts weiter zu tun.`,
    closedTitle: 'Anfrage geschlossen',
    closed: (t) =>
      `Diese Anfrage an ${t} ist geschlossen und kann nicht mehr bestätigt werden. Wenn Sie sie weiterhin wünschen, stellen Sie bitte eine neue Anfrage.`,
    exportLockedTitle: 'Noch nicht verfügbar',
    exportLocked: 'Dieser Download ist verfügbar, sobald die Anfrage bestätigt wurde.',
    exportErasedTitle: 'Nichts mehr herunterzuladen',
    exportErased:
      'Ihre personenbezogenen Daten wurden auf Ihren Wunsch gelöscht; es gibt daher nichts mehr herunterzuladen.',
  },
  fr: {
    askTitle: 'Confirmez votre demande',
    ask: (t) => `${t} a reçu cette demande relative à vos données en votre nom :`,
    request: {
      erasure: 'Effacement de mes données personnelles',
      access: 'Une copie de mes données personnelles',
      portability: 'Mes données personnelles dans un format portable',
      rectification: 'Rectification de mes données personnelles',
      objection: 'Opposition à l’utilisation de mes données personnelles',
      unsubscribe: 'Ne plus recevoir d’e-mails (désinscription)',
      review: 'Une question sur mes données personnelles',
    },
    onlyIfYou: 'Ne la confirmez que si elle vient de vous. Sinon, fermez cette page : il ne se passera rien.',
    button: 'Oui, cette demande vient de moi',
    doneTitle: 'Merci',
    done: (t) =>
      `Votre demande adressée à ${t} est confirmée. Nous vous tiendrons informé dès qu’elle aura été traitée.`,
    alreadyTitle: 'Déjà confirmée',
    already: (t) => `Votre demande adressée à ${t} est confirmée. Vous n’avez rien d’autre à faire.`,
    closedTitle: 'Demande clôturée',
    closed: (t) =>
      `Cette demande adressée à ${t} est clôturée et ne peut plus être confirmée. Si vous le souhaitez toujours, faites une nouvelle demande.`,
    exportLockedTitle: 'Pas encore disponible',
    exportLocked: 'Ce téléchargement sera disponible dès que la demande aura été confirmée.',
    exportErasedTitle: 'Plus rien à télécharger',
    exportErased:
      'Vos données personnelles ont été effacées à votre demande : il n’y a donc plus rien à télécharger.',
  },
  nl: {
    askTitle: 'Bevestig uw verzoek',
    ask: (t) => `${t} heeft dit privacyverzoek op uw naam ontvangen:`,
    request: {
      erasure: 'Verwijdering van mijn persoonsgegevens',
      access: 'Een kopie van mijn persoonsgegevens',
      portability: 'Mijn persoonsgegevens in een overdraagbaar formaat',
      rectification: 'Rectificatie van mijn persoonsgegevens',
      objection: 'Bezwaar tegen het gebruik van mijn persoonsgegevens',
      unsubscribe: 'Geen e-mails meer (afmelden)',
      review: 'Een vraag over mijn persoonsgegevens',
    },
    onlyIfYou: 'Bevestig het alleen als het van u komt. Zo niet, sluit dan deze pagina: er gebeurt niets.',
    button: 'Ja, dit verzoek komt van mij',
    doneTitle: 'Dank u',
    done: (t) => `Uw verzoek aan ${t} is bevestigd. U hoort van ons zodra het is uitgevoerd.`,
    alreadyTitle: 'Al bevestigd',
    already: (t) => `Uw verzoek aan ${t} is bevestigd. U hoeft niets meer te doen.`,
    closedTitle: 'Verzoek gesloten',
    closed: (t) =>
      `Dit verzoek aan ${t} is gesloten en kan niet meer worden bevestigd. Wilt u het nog steeds, dien dan een nieuw verzoek in.`,
    exportLockedTitle: 'Nog niet beschikbaar',
    exportLocked: 'Deze download is beschikbaar zodra het verzoek is bevestigd.',
    exportErasedTitle: 'Niets meer te downloaden',
    exportErased: 'Uw persoonsgegevens zijn op uw verzoek verwijderd, dus er valt niets meer te downloaden.',
  },
  es: {
    askTitle: 'Confirme su solicitud',
    ask: (t) => `${t} ha recibido esta solicitud sobre sus datos en su nombre:`,
    request: {
      erasure: 'Supresión de mis datos personales',
      access: 'Una copia de mis datos personales',
      portability: 'Mis datos personales en un formato portable',
      rectification: 'Rectificación de mis datos personales',
      objection: 'Oposición al uso de mis datos personales',
      unsubscribe: 'No recibir más correos (baja)',
      review: 'Una consulta sobre mis datos personales',
    },
    onlyIfYou: 'Confírmela solo si la ha hecho usted. Si no, cierre esta página: no pasará nada.',
    button: 'Sí, he hecho esta solicitud',
    doneTitle: 'Gracias',
    done: (t) => `Su solicitud a ${t} está confirmada. Le avisaremos cuando se haya llevado a cabo.`,
    alreadyTitle: 'Ya confirmada',
    already: (t) => `Su solicitud a ${t} está confirmada. No tiene que hacer nada más.`,
    closedTitle: 'Solicitud cerrada',
    closed: (t) =>
      `Esta solicitud a ${t} está cerrada y ya no se puede confirmar. Si aún la desea, haga una nueva solicitud.`,
    exportLockedTitle: 'Aún no disponible',
    exportLocked: 'Esta descarga estará disponible en cuanto se confirme la solicitud.',
    exportErasedTitle: 'Ya no hay nada que descargar',
    exportErased:
      'Sus datos personales se suprimieron a petición suya, por lo que ya no hay nada que descargar.',
  },
  it: {
    askTitle: 'Confermi la sua richiesta',
    ask: (t) => `${t} ha ricevuto questa richiesta sui suoi dati a suo nome:`,
    request: {
      erasure: 'Cancellazione dei miei dati personali',
      access: 'Una copia dei miei dati personali',
      portability: 'I miei dati personali in un formato portabile',
      rectification: 'Rettifica dei miei dati personali',
      objection: 'Opposizione all’uso dei miei dati personali',
      unsubscribe: 'Non ricevere più e-mail (disiscrizione)',
      review: 'Una domanda sui miei dati personali',
    },
    onlyIfYou: 'La confermi solo se l’ha fatta lei. Altrimenti chiuda questa pagina: non succederà nulla.',
    button: 'Sì, ho fatto io questa richiesta',
    doneTitle: 'Grazie',
    done: (t) => `La sua richiesta a ${t} è confermata. Le faremo sapere quando sarà stata eseguita.`,
    alreadyTitle: 'Già confermata',
    already: (t) => `La sua richiesta a ${t} è confermata. Non deve fare altro.`,
    closedTitle: 'Richiesta chiusa',
    closed: (t) =>
      `Questa richiesta a ${t} è chiusa e non può più essere confermata. Se la desidera ancora, faccia una nuova richiesta.`,
    exportLockedTitle: 'Non ancora disponibile',
    exportLocked: 'Questo download sarà disponibile non appena la richiesta sarà confermata.',
    exportErasedTitle: 'Non c’è più nulla da scaricare',
    exportErased:
      'I suoi dati personali sono stati cancellati su sua richiesta, quindi non c’è più nulla da scaricare.',
  },
};

export const requestLinkCopy = (language: PageLanguage): RequestLinkCopy => COPY[language];
