// The words of the link-intercept pages in every language we ship (the page's language is
// chosen by `negotiateLanguage`, shared/i18n/language.ts).

export const PAGE_LANGUAGES = ['en', 'de', 'fr', 'nl', 'es', 'it'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

export type InterceptCopy = {
  title: string;
  intro: (sender: string, purpose: string) => string;
  notice: string;
  yes: string;
  no: string;
  either: (host: string) => string;
  fallbackNotice: (sender: string, purpose: string) => string;
  invalidTitle: string;
  invalidBody: string;
  staleTitle: string;
  staleBody: string;
  reopen: string;
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
    invalidTitle: 'This link is not valid',
    invalidBody: 'The link is damaged or has expired. Please use a link from a recent email.',
    staleTitle: 'This page has expired',
    staleBody:
      'Your answer could not be accepted because the page was too old or was not sent from our site. Please open the link again.',
    reopen: 'Open the link again',
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
    invalidTitle: 'Dieser Link ist ungültig',
    invalidBody:
      'Der Link ist beschädigt oder abgelaufen. Bitte verwenden Sie einen Link aus einer aktuellen E-Mail.',
    staleTitle: 'Diese Seite ist abgelaufen',
    staleBody:
      'Ihre Antwort konnte nicht angenommen werden, weil die Seite zu alt war oder nicht von unserer Website gesendet wurde. Bitte öffnen Sie den Link erneut.',
    reopen: 'Link erneut öffnen',
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
    invalidTitle: 'Ce lien n’est pas valide',
    invalidBody: 'Le lien est endommagé ou a expiré. Veuillez utiliser un lien d’un e-mail récent.',
    staleTitle: 'Cette page a expiré',
    staleBody:
      'Votre réponse n’a pas pu être acceptée car la page était trop ancienne ou ne provenait pas de notre site. Veuillez rouvrir le lien.',
    reopen: 'Rouvrir le lien',
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
    invalidTitle: 'Deze link is niet geldig',
    invalidBody: 'De link is beschadigd of verlopen. Gebruik een link uit een recente e-mail.',
    staleTitle: 'Deze pagina is verlopen',
    staleBody:
      'Uw antwoord kon niet worden aanvaard omdat de pagina te oud was of niet van onze site kwam. Open de link opnieuw.',
    reopen: 'Link opnieuw openen',
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
    invalidTitle: 'Este enlace no es válido',
    invalidBody: 'El enlace está dañado o ha caducado. Utilice un enlace de un correo reciente.',
    staleTitle: 'Esta página ha caducado',
    staleBody:
      'No se pudo aceptar su respuesta porque la página era demasiado antigua o no se envió desde nuestro sitio. Abra el enlace de nuevo.',
    reopen: 'Abrir el enlace de nuevo',
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
    invalidTitle: 'Questo link non è valido',
    invalidBody: 'Il link è danneggiato o scaduto. Utilizzi un link di un’e-mail recente.',
    staleTitle: 'Questa pagina è scaduta',
    staleBody:
      'Non è stato possibile accettare la risposta perché la pagina era troppo vecchia o non proveniva dal nostro sito. Apra di nuovo il link.',
    reopen: 'Riaprire il link',
  },
};

export const copyFor = (language: PageLanguage): InterceptCopy => COPY[language];
