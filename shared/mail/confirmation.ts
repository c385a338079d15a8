// The double opt-in confirmation mail in the notice's language (en, de, fr, nl; English for any
// other): subject, plain text and HTML with the one-click confirmation link.

import { negotiateLanguage } from '../i18n/language';
import { escapeHtmlText } from './escape';

export const CONFIRMATION_LANGUAGES = ['en', 'de', 'fr', 'nl'] as const;
export type ConfirmationLanguage = (typeof CONFIRMATION_LANGUAGES)[number];

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
      `You (or someone using your address) asked to receive email from ${s}: ${l}. Confirm with one click:`,
    action: 'Confirm my subscription',
    ignore: (d) =>
      `If this was not you, ignore this message: nothing happens and your address is deleted after ${d} days.`,
  },
  de: {
    subject: (s) => `Bitte bestätigen Sie Ihr Abonnement bei ${s}`,
    intro: (s, l) =>
      `Sie (oder jemand mit Ihrer Adresse) möchten E-Mails von ${s} erhalten: ${l}. Bestätigen Sie mit einem Klick:`,
    action: 'Abonnement bestätigen',
    ignore: (d) =>
      `Falls Sie das nicht waren, ignorieren Sie diese Nachricht: Es passiert nichts, und Ihre Adresse wird nach ${d} Tagen gelöscht.`,
  },
  fr: {
    subject: (s) => `Merci de confirmer votre abonnement à ${s}`,
    intro: (s, l) =>
      `Vous (ou quelqu'un utilisant votre adresse) avez demandé à recevoir des e-mails de ${s} : ${l}. Confirmez en un clic :`,
    action: 'Confirmer mon abonnement',
    ignore: (d) =>
      `Si ce n'était pas vous, ignorez ce message : rien ne se passe et votre adresse est supprimée après ${d} jours.`,
  },
  nl: {
    subject: (s) => `Bevestig uw inschrijving bij ${s}`,
    intro: (s, l) =>
      `U (of iemand met uw adres) wilt e-mail ontvangen van ${s}: ${l}. Bevestig met één klik:`,
    action: 'Mijn inschrijving bevestigen',
    ignore: (d) =>
      `Was u dit niet? Negeer dit bericht: er gebeurt niets en uw adres wordt na ${d} dagen verwijderd.`,
  },
};

/** The template language for a notice language such as `de-AT`. */
export function confirmationLanguage(language: string | null | undefined): ConfirmationLanguage {
  return negotiateLanguage(CONFIRMATION_LANGUAGES, { known: [language] });
}

export function confirmationMail(opts: {
  language: string | null;
  sender: string;
  lists: string[];
  link: string;
  purgeDays: number;
}) {
  const lang = confirmationLanguage(opts.language);
  const t = TEMPLATES[lang];
  const lists = opts.lists.join(', ');
  const text = `${t.intro(opts.sender, lists)}\n\n${opts.link}\n\n${t.ignore(opts.purgeDays)}\n`;
  const html =
    `<!doctype html><html lang="${lang}"><body style="font:16px/1.5 system-ui,sans-serif">` +
    `<p>${escapeHtmlText(t.intro(opts.sender, lists))}</p>` +
    `<p><a href="${escapeHtmlText(opts.link)}" style="display:inline-block;padding:.6rem 1.2rem;background:#1b5fd1;color:#fff;border-radius:8px;text-decoration:none">${escapeHtmlText(t.action)}</a></p>` +
    `<p style="color:#5b6470;font-size:.9rem">${escapeHtmlText(t.ignore(opts.purgeDays))}</p></body></html>`;
  return { language: lang, subject: t.subject(opts.sender), text, html };
}
