// The double opt-in confirmation mail in the subscriber's language (en, de, fr, nl, es, it;
// English for any other): subject, the words of its HTML body, and its plain text. The link
// opens a page whose one button confirms: that press is the person's click.

import { negotiateLanguage } from '../i18n/language';

const CONFIRMATION_LANGUAGES = ['en', 'de', 'fr', 'nl', 'es', 'it'] as const;
type ConfirmationLanguage = (typeof CONFIRMATION_LANGUAGES)[number];

type Template = {
  subject: (sender: string) => string;
  intro: (sender: string, lists: string) => string;
  action: string;
  ignore: (days: number) => string;
};

const TEMPLATES: Record<ConfirmationLanguage, Template> = {
  en: {
    subject: (s) => `Please confirm your subscription to ${s}`,
    intro: (s, l) =>
      `You (or someone using your address) asked to receive email from ${s}: ${l}. Open the link and press the button on the page to confirm:`,
    action: 'Confirm my subscription',
    ignore: (d) =>
      `If this was not you, ignore this message: nothing happens and your address is deleted after ${d} days.`,
  },
  de: {
    subject: (s) => `Bitte bestätigen Sie Ihr Abonnement bei ${s}`,
    intro: (s, l) =>
      `Sie (oder jemand mit Ihrer Adresse) möchten E-Mails von ${s} erhalten: ${l}. Öffnen Sie den Link und bestätigen Sie mit der Schaltfläche auf der Seite:`,
    action: 'Abonnement bestätigen',
    ignore: (d) =>
      `Falls Sie das nicht waren, ignorieren Sie diese Nachricht: Es passiert nichts, und Ihre Adresse wird nach ${d} Tagen gelöscht.`,
  },
  fr: {
    subject: (s) => `Merci de confirmer votre abonnement à ${s}`,
    intro: (s, l) =>
      `Vous (ou quelqu'un utilisant votre adresse) avez demandé à recevoir des e-mails de ${s} : ${l}. Ouvrez le lien et confirmez avec le bouton de la page :`,
    action: 'Confirmer mon abonnement',
    ignore: (d) =>
      `Si ce n'était pas vous, ignorez ce message : rien ne se passe et votre adresse est supprimée après ${d} jours.`,
  },
  nl: {
    subject: (s) => `Bevestig uw inschrijving bij ${s}`,
    intro: (s, l) =>
      `U (of iemand met uw adres) wilt e-mail ontvangen van ${s}: ${l}. Open de link en bevestig met de knop op de pagina:`,
    action: 'Mijn inschrijving bevestigen',
    ignore: (d) =>
      `Was u dit niet? Negeer dit bericht: er gebeurt niets en uw adres wordt na ${d} dagen verwijderd.`,
  },
  es: {
    subject: (s) => `Confirme su suscripción a ${s}`,
    intro: (s, l) =>
      `Usted (o alguien que usa su dirección) ha pedido recibir correos de ${s}: ${l}. Abra el enlace y confirme con el botón de la página:`,
    action: 'Confirmar mi suscripción',
    ignore: (d) =>
      `Si no ha sido usted, ignore este mensaje: no pasará nada y su dirección se eliminará al cabo de ${d} días.`,
  },
  it: {
    subject: (s) => `Confermi la sua iscrizione a ${s}`,
    intro: (s, l) =>
      `Lei (o qualcuno che usa il suo indirizzo) ha chiesto di ricevere e-mail da ${s}: ${l}. Apra il link e confermi con il pulsante nella pagina:`,
    action: 'Conferma la mia iscrizione',
    ignore: (d) =>
      `Se non è stato lei, ignori questo messaggio: non succederà nulla e il suo indirizzo sarà cancellato dopo ${d} giorni.`,
  },
};

/** The template language for a notice language such as `de-AT`. */
function confirmationLanguage(language: string | null | undefined): ConfirmationLanguage {
  return negotiateLanguage(CONFIRMATION_LANGUAGES, { known: [language] });
}

export type ConfirmationMail = {
  language: ConfirmationLanguage;
  subject: string;
  /** The sentences of the body, for the plain text here and the HTML part (workers/mail). */
  intro: string;
  action: string;
  link: string;
  ignore: string;
  text: string;
};

export function confirmationMail(opts: {
  language: string | null;
  sender: string;
  lists: string[];
  link: string;
  purgeDays: number;
}): ConfirmationMail {
  const language = confirmationLanguage(opts.language);
  const t = TEMPLATES[language];
  const intro = t.intro(opts.sender, opts.lists.join(', '));
  const ignore = t.ignore(opts.purgeDays);
  return {
    language,
    subject: t.subject(opts.sender),
    intro,
    action: t.action,
    link: opts.link,
    ignore,
    text: `${intro}\n\n${opts.link}\n\n${ignore}\n`,
  };
}
