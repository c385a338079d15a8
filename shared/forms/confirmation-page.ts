// The words of the page shown after the double opt-in click, in the subscriber's language.

import { negotiateLanguage } from '../i18n/language';

const WORDS = {
  en: {
    title: 'Subscription confirmed',
    body: (n: string) =>
      `Thank you. You will now receive email from ${n}. Every message has a link to unsubscribe.`,
    alreadyTitle: 'Already confirmed',
    alreadyBody: 'Your subscription was confirmed before. Nothing else to do.',
  },
  de: {
    title: 'Abonnement bestätigt',
    body: (n: string) =>
      `Danke. Sie erhalten jetzt E-Mails von ${n}. Jede Nachricht enthält einen Link zum Abbestellen.`,
    alreadyTitle: 'Bereits bestätigt',
    alreadyBody: 'Ihr Abonnement war schon bestätigt. Es ist nichts weiter zu tun.',
  },
  fr: {
    title: 'Abonnement confirmé',
    body: (n: string) =>
      `Merci. Vous recevrez désormais des e-mails de ${n}. Chaque message contient un lien de désabonnement.`,
    alreadyTitle: 'Déjà confirmé',
    alreadyBody: "Votre abonnement était déjà confirmé. Rien d'autre à faire.",
  },
  nl: {
    title: 'Inschrijving bevestigd',
    body: (n: string) =>
      `Dank u. U ontvangt nu e-mail van ${n}. Elk bericht bevat een link om u uit te schrijven.`,
    alreadyTitle: 'Al bevestigd',
    alreadyBody: 'Uw inschrijving was al bevestigd. U hoeft niets meer te doen.',
  },
} as const;

export function confirmationPageWords(language: string | null | undefined) {
  const lang = negotiateLanguage(Object.keys(WORDS) as (keyof typeof WORDS)[], { known: [language] });
  return { lang, ...WORDS[lang] };
}
