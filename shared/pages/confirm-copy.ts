// The words of the double opt-in pages (`/c/:token`) in every page language: the question with
// its one button, the answer after the press, and the pages for a repeat and an expired sign-up.

import type { PageLanguage } from './languages';

type ConfirmCopy = {
  askTitle: string;
  ask: (sender: string) => string;
  button: string;
  title: string;
  body: (sender: string) => string;
  alreadyTitle: string;
  alreadyBody: string;
  goneTitle: string;
  goneBody: string;
};

const COPY: Record<PageLanguage, ConfirmCopy> = {
  en: {
    askTitle: 'Confirm your subscription',
    ask: (n) =>
      `Please confirm that you want to receive email from ${n}. Nothing is sent to you until you do.`,
    button: 'Yes, confirm my subscription',
    title: 'Subscription confirmed',
    body: (n) => `Thank you. You will now receive email from ${n}. Every message has a link to unsubscribe.`,
    alreadyTitle: 'Already confirmed',
    alreadyBody: 'Your subscription was confirmed before. Nothing else to do.',
    goneTitle: 'This sign-up has expired',
    goneBody: 'This sign-up has expired or was removed. Please subscribe again.',
  },
  de: {
    askTitle: 'Bestätigen Sie Ihr Abonnement',
    ask: (n) =>
      `Bitte bestätigen Sie, dass Sie E-Mails von ${n} erhalten möchten. Bis dahin senden wir Ihnen nichts.`,
    button: 'Ja, Abonnement bestätigen',
    title: 'Abonnement bestätigt',
    body: (n) =>
      `Danke. Sie erhalten jetzt E-Mails von ${n}. Jede Nachricht enthält einen Link zum Abbestellen.`,
    alreadyTitle: 'Bereits bestätigt',
    alreadyBody: 'Ihr Abonnement war schon bestätigt. Es ist nichts weiter zu tun.',
    goneTitle: 'Diese Anmeldung ist abgelaufen',
    goneBody: 'Diese Anmeldung ist abgelaufen oder wurde entfernt. Bitte melden Sie sich erneut an.',
  },
  fr: {
    askTitle: 'Confirmez votre abonnement',
    ask: (n) =>
      `Veuillez confirmer que vous souhaitez recevoir des e-mails de ${n}. Rien ne vous sera envoyé avant votre confirmation.`,
    button: 'Oui, je confirme mon abonnement',
    title: 'Abonnement confirmé',
    body: (n) =>
      `Merci. Vous recevrez désormais des e-mails de ${n}. Chaque message contient un lien de désabonnement.`,
    alreadyTitle: 'Déjà confirmé',
    alreadyBody: "Votre abonnement était déjà confirmé. Rien d'autre à faire.",
    goneTitle: 'Cette inscription a expiré',
    goneBody: 'Cette inscription a expiré ou a été supprimée. Veuillez vous abonner à nouveau.',
  },
  nl: {
    askTitle: 'Bevestig uw inschrijving',
    ask: (n) => `Bevestig dat u e-mail van ${n} wilt ontvangen. Tot dan sturen we u niets.`,
    button: 'Ja, inschrijving bevestigen',
    title: 'Inschrijving bevestigd',
    body: (n) => `Dank u. U ontvangt nu e-mail van ${n}. Elk bericht bevat een link om u uit te schrijven.`,
    alreadyTitle: 'Al bevestigd',
    alreadyBody: 'Uw inschrijving was al bevestigd. U hoeft niets meer te doen.',
    goneTitle: 'Deze inschrijving is verlopen',
    goneBody: 'Deze inschrijving is verlopen of verwijderd. Schrijf u opnieuw in.',
  },
  es: {
    askTitle: 'Confirme su suscripción',
    ask: (n) => `Confirme que desea recibir correos de ${n}. No le enviaremos nada hasta que lo haga.`,
    button: 'Sí, confirmar mi suscripción',
    title: 'Suscripción confirmada',
    body: (n) =>
      `Gracias. A partir de ahora recibirá correos de ${n}. Cada mensaje incluye un enlace para darse de baja.`,
    alreadyTitle: 'Ya confirmada',
    alreadyBody: 'Su suscripción ya estaba confirmada. No tiene que hacer nada más.',
    goneTitle: 'Esta suscripción ha caducado',
    goneBody: 'Esta suscripción ha caducado o se ha eliminado. Suscríbase de nuevo.',
  },
  it: {
    askTitle: 'Confermi la sua iscrizione',
    ask: (n) => `Confermi di voler ricevere e-mail da ${n}. Fino ad allora non le invieremo nulla.`,
    button: 'Sì, confermo l’iscrizione',
    title: 'Iscrizione confermata',
    body: (n) =>
      `Grazie. D’ora in poi riceverà e-mail da ${n}. Ogni messaggio contiene un link per disiscriversi.`,
    alreadyTitle: 'Già confermata',
    alreadyBody: 'La sua iscrizione era già confermata. Non deve fare altro.',
    goneTitle: 'Questa iscrizione è scaduta',
    goneBody: 'Questa iscrizione è scaduta o è stata rimossa. Si iscriva di nuovo.',
  },
};

export const confirmCopy = (language: PageLanguage): ConfirmCopy => COPY[language];
