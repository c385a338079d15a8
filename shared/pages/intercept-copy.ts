// The words of the link-intercept consent page in every page language (the language is chosen
// by `pageLanguage`, shared/pages/languages.ts; the invalid and expired pages use common-copy).

import type { PageLanguage } from './languages';

export type InterceptCopy = {
  title: string;
  intro: (sender: string, purpose: string) => string;
  notice: string;
  yes: string;
  no: string;
  either: (host: string) => string;
  fallbackNotice: (sender: string, purpose: string) => string;
};

const COPY: Record<PageLanguage, InterceptCopy> = {
  en: {
    title: 'May we keep writing to you?',
    intro: (s, p) => `${s} asks for your consent to keep sending you emails about: ${p}.`,
    notice: 'What you agree to',
    yes: 'Yes, keep me subscribed',
    no: 'No, stop these emails',
    either: (h) => `Either way, you will continue to ${h}.`,
    fallbackNotice: (s, p) =>
      `${s} would like to keep sending you emails about ${p}. You can withdraw your consent at any time with the unsubscribe link in every email.`,
  },
  de: {
    title: 'Dürfen wir Ihnen weiter schreiben?',
    intro: (s, p) =>
      `${s} bittet um Ihre Einwilligung, Ihnen weiterhin E-Mails zu diesem Thema zu senden: ${p}.`,
    notice: 'Worin Sie einwilligen',
    yes: 'Ja, ich möchte weiter E-Mails erhalten',
    no: 'Nein, keine E-Mails mehr',
    either: (h) => `In beiden Fällen geht es danach weiter zu ${h}.`,
    fallbackNotice: (s, p) =>
      `${s} möchte Ihnen weiterhin E-Mails zu ${p} senden. Sie können Ihre Einwilligung jederzeit über den Abmeldelink in jeder E-Mail widerrufen.`,
  },
  fr: {
    title: 'Pouvons-nous continuer à vous écrire ?',
    intro: (s, p) =>
      `${s} vous demande votre consentement pour continuer à vous envoyer des e-mails sur : ${p}.`,
    notice: 'Ce que vous acceptez',
    yes: 'Oui, je veux continuer à les recevoir',
    no: 'Non, ne plus m’écrire',
    either: (h) => `Dans les deux cas, vous serez redirigé vers ${h}.`,
    fallbackNotice: (s, p) =>
      `${s} souhaite continuer à vous envoyer des e-mails sur ${p}. Vous pouvez retirer votre consentement à tout moment grâce au lien de désinscription présent dans chaque e-mail.`,
  },
  nl: {
    title: 'Mogen we u blijven mailen?',
    intro: (s, p) => `${s} vraagt uw toestemming om u e-mails te blijven sturen over: ${p}.`,
    notice: 'Waarmee u instemt',
    yes: 'Ja, ik blijf ingeschreven',
    no: 'Nee, geen e-mails meer',
    either: (h) => `In beide gevallen gaat u daarna verder naar ${h}.`,
    fallbackNotice: (s, p) =>
      `${s} wil u e-mails blijven sturen over ${p}. U kunt uw toestemming altijd intrekken via de afmeldlink in elke e-mail.`,
  },
  es: {
    title: '¿Podemos seguir escribiéndole?',
    intro: (s, p) => `${s} le pide su consentimiento para seguir enviándole correos sobre: ${p}.`,
    notice: 'Lo que acepta',
    yes: 'Sí, quiero seguir suscrito',
    no: 'No, no más correos',
    either: (h) => `En ambos casos, continuará a ${h}.`,
    fallbackNotice: (s, p) =>
      `${s} desea seguir enviándole correos sobre ${p}. Puede retirar su consentimiento en cualquier momento con el enlace de baja de cada correo.`,
  },
  it: {
    title: 'Possiamo continuare a scriverle?',
    intro: (s, p) => `${s} le chiede il consenso per continuare a inviarle e-mail su: ${p}.`,
    notice: 'A cosa acconsente',
    yes: 'Sì, voglio restare iscritto',
    no: 'No, basta e-mail',
    either: (h) => `In entrambi i casi, proseguirà verso ${h}.`,
    fallbackNotice: (s, p) =>
      `${s} desidera continuare a inviarle e-mail su ${p}. Può revocare il consenso in qualsiasi momento con il link di disiscrizione presente in ogni e-mail.`,
  },
};

export const copyFor = (language: PageLanguage): InterceptCopy => COPY[language];
