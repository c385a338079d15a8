// The words of the smaller self-service pages in every page language: the "send me my link" form
// (`/p`), the confirmation of a new address (`/p/address/:token`) and the unsubscribe page
// (`/u/:token`). The preference centre's own words are in preferences-copy.ts.

import type { PageLanguage } from './languages';

export type SelfServiceCopy = {
  link: {
    title: string;
    intro: (tenant: string) => string;
    label: string;
    button: string;
    sentTitle: string;
    sent: (tenant: string, days: number) => string;
    invalidEmail: string;
  };
  address: {
    askTitle: string;
    ask: (tenant: string, email: string) => string;
    button: string;
    doneTitle: string;
    done: (tenant: string, email: string) => string;
    alreadyTitle: string;
    already: string;
    staleTitle: string;
    stale: string;
    unavailableTitle: string;
    unavailable: (tenant: string) => string;
  };
  unsubscribe: {
    title: string;
    ask: (list: string, tenant: string) => string;
    button: string;
    manage: string;
    doneTitle: string;
    done: (list: string, tenant: string) => string;
    alreadyTitle: string;
    already: (list: string, tenant: string) => string;
  };
};

const COPY: Record<PageLanguage, SelfServiceCopy> = {
  en: {
    link: {
      title: 'Get the link to your preferences',
      intro: (t) =>
        `Enter your email address. If it is registered with ${t}, we send it a link that opens your preferences.`,
      label: 'Your email address',
      button: 'Send me my link',
      sentTitle: 'Check your inbox',
      sent: (t, days) =>
        `If this address is registered with ${t}, a link is on its way to it. It opens your preferences for ${days} days.`,
      invalidEmail: 'Please enter a valid email address.',
    },
    address: {
      askTitle: 'Confirm your new address',
      ask: (t, e) => `Use ${e} as your address with ${t} from now on?`,
      button: 'Yes, use this address',
      doneTitle: 'Your address is changed',
      done: (t, e) => `${t} now writes to you at ${e}.`,
      alreadyTitle: 'Already changed',
      already: 'This address is already yours. Nothing else to do.',
      staleTitle: 'This link no longer applies',
      stale: 'Your address has changed since this link was sent. Ask for a new one on your preferences page.',
      unavailableTitle: 'This address cannot be used',
      unavailable: (t) =>
        `This address is already registered with ${t}, or it cannot be used again. Nothing was changed. To manage that address, use the links in the messages sent to it.`,
    },
    unsubscribe: {
      title: 'Unsubscribe',
      ask: (l, t) => `Stop receiving “${l}” from ${t}?`,
      button: 'Unsubscribe',
      manage: 'Manage all your preferences',
      doneTitle: 'You are unsubscribed',
      done: (l, t) => `You will no longer receive “${l}” from ${t}.`,
      alreadyTitle: 'Already unsubscribed',
      already: (l, t) => `You do not receive “${l}” from ${t}.`,
    },
  },
  de: {
    link: {
      title: 'Link zu Ihren Einstellungen anfordern',
      intro: (t) =>
        `Geben Sie Ihre E-Mail-Adresse ein. Wenn sie bei ${t} registriert ist, senden wir ihr einen Link zu Ihren Einstellungen.`,
      label: 'Ihre E-Mail-Adresse',
      button: 'Link senden',
      sentTitle: 'Sehen Sie in Ihrem Posteingang nach',
      sent: (t, days) =>
        `Wenn diese Adresse bei ${t} registriert ist, ist ein Link an sie unterwegs. Er öffnet Ihre Einstellungen ${days} Tage lang.`,
      invalidEmail: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    },
    address: {
      askTitle: 'Bestätigen Sie Ihre neue Adresse',
      ask: (t, e) => `Ab jetzt ${e} als Ihre Adresse bei ${t} verwenden?`,
      button: 'Ja, diese Adresse verwenden',
      doneTitle: 'Ihre Adresse ist geändert',
      done: (t, e) => `${t} schreibt Ihnen jetzt an ${e}.`,
      alreadyTitle: 'Bereits geändert',
      already: 'Diese Adresse ist bereits Ihre. Es ist nichts weiter zu tun.',
      staleTitle: 'Dieser Link gilt nicht mehr',
      stale:
        'Ihre Adresse hat sich geändert, seit dieser Link gesendet wurde. Fordern Sie auf Ihrer Einstellungsseite einen neuen an.',
      unavailableTitle: 'Diese Adresse kann nicht verwendet werden',
      unavailable: (t) =>
        `Diese Adresse ist bei ${t} bereits registriert oder kann nicht wieder verwendet werden. Es wurde nichts geändert. Um diese Adresse zu verwalten, verwenden Sie die Links in den Nachrichten an sie.`,
    },
    unsubscribe: {
      title: 'Abmelden',
      ask: (l, t) => `„${l}“ von ${t} nicht mehr erhalten?`,
      button: 'Abmelden',
      manage: 'Alle Einstellungen verwalten',
      doneTitle: 'Sie sind abgemeldet',
      done: (l, t) => `Sie erhalten „${l}“ von ${t} nicht mehr.`,
      alreadyTitle: 'Bereits abgemeldet',
      already: (l, t) => `Sie erhalten „${l}“ von ${t} nicht.`,
    },
  },
  fr: {
    link: {
      title: 'Recevoir le lien vers vos préférences',
      intro: (t) =>
        `Saisissez votre adresse e-mail. Si elle est enregistrée chez ${t}, nous lui envoyons un lien qui ouvre vos préférences.`,
      label: 'Votre adresse e-mail',
      button: 'M’envoyer mon lien',
      sentTitle: 'Consultez votre boîte de réception',
      sent: (t, days) =>
        `Si cette adresse est enregistrée chez ${t}, un lien lui a été envoyé. Il ouvre vos préférences pendant ${days} jours.`,
      invalidEmail: 'Veuillez saisir une adresse e-mail valide.',
    },
    address: {
      askTitle: 'Confirmez votre nouvelle adresse',
      ask: (t, e) => `Utiliser désormais ${e} comme adresse chez ${t} ?`,
      button: 'Oui, utiliser cette adresse',
      doneTitle: 'Votre adresse est modifiée',
      done: (t, e) => `${t} vous écrit désormais à ${e}.`,
      alreadyTitle: 'Déjà modifiée',
      already: 'Cette adresse est déjà la vôtre. Il n’y a rien d’autre à faire.',
      staleTitle: 'Ce lien ne s’applique plus',
      stale:
        'Votre adresse a changé depuis l’envoi de ce lien. Demandez-en un nouveau sur votre page de préférences.',
      unavailableTitle: 'Cette adresse ne peut pas être utilisée',
      unavailable: (t) =>
        `Cette adresse est déjà enregistrée chez ${t}, ou elle ne peut plus être utilisée. Rien n’a été modifié. Pour gérer cette adresse, utilisez les liens des messages qui lui sont envoyés.`,
    },
    unsubscribe: {
      title: 'Se désabonner',
      ask: (l, t) => `Ne plus recevoir « ${l} » de ${t} ?`,
      button: 'Me désabonner',
      manage: 'Gérer toutes vos préférences',
      doneTitle: 'Vous êtes désabonné(e)',
      done: (l, t) => `Vous ne recevrez plus « ${l} » de ${t}.`,
      alreadyTitle: 'Déjà désabonné(e)',
      already: (l, t) => `Vous ne recevez pas « ${l} » de ${t}.`,
    },
  },
  nl: {
    link: {
      title: 'Vraag de link naar uw voorkeuren aan',
      intro: (t) =>
        `Vul uw e-mailadres in. Als het bij ${t} bekend is, sturen we er een link naartoe die uw voorkeuren opent.`,
      label: 'Uw e-mailadres',
      button: 'Stuur mij mijn link',
      sentTitle: 'Kijk in uw inbox',
      sent: (t, days) =>
        `Als dit adres bij ${t} bekend is, is er een link naar onderweg. Die opent uw voorkeuren gedurende ${days} dagen.`,
      invalidEmail: 'Vul een geldig e-mailadres in.',
    },
    address: {
      askTitle: 'Bevestig uw nieuwe adres',
      ask: (t, e) => `Vanaf nu ${e} gebruiken als uw adres bij ${t}?`,
      button: 'Ja, dit adres gebruiken',
      doneTitle: 'Uw adres is gewijzigd',
      done: (t, e) => `${t} schrijft u nu op ${e}.`,
      alreadyTitle: 'Al gewijzigd',
      already: 'Dit adres is al van u. Er hoeft niets meer te gebeuren.',
      staleTitle: 'Deze link geldt niet meer',
      stale:
        'Uw adres is gewijzigd sinds deze link is verstuurd. Vraag een nieuwe aan op uw voorkeurenpagina.',
      unavailableTitle: 'Dit adres kan niet worden gebruikt',
      unavailable: (t) =>
        `Dit adres is al bij ${t} bekend, of het kan niet opnieuw worden gebruikt. Er is niets gewijzigd. Gebruik voor dat adres de links in de berichten die ernaar zijn gestuurd.`,
    },
    unsubscribe: {
      title: 'Afmelden',
      ask: (l, t) => `‘${l}’ van ${t} niet meer ontvangen?`,
      button: 'Afmelden',
      manage: 'Al uw voorkeuren beheren',
      doneTitle: 'U bent afgemeld',
      done: (l, t) => `U ontvangt ‘${l}’ van ${t} niet meer.`,
      alreadyTitle: 'Al afgemeld',
      already: (l, t) => `U ontvangt ‘${l}’ van ${t} niet.`,
    },
  },
  es: {
    link: {
      title: 'Obtenga el enlace a sus preferencias',
      intro: (t) =>
        `Introduzca su dirección de correo. Si está registrada en ${t}, le enviamos un enlace que abre sus preferencias.`,
      label: 'Su dirección de correo',
      button: 'Enviarme mi enlace',
      sentTitle: 'Revise su bandeja de entrada',
      sent: (t, days) =>
        `Si esta dirección está registrada en ${t}, se le ha enviado un enlace. Abre sus preferencias durante ${days} días.`,
      invalidEmail: 'Introduzca una dirección de correo válida.',
    },
    address: {
      askTitle: 'Confirme su nueva dirección',
      ask: (t, e) => `¿Usar a partir de ahora ${e} como su dirección en ${t}?`,
      button: 'Sí, usar esta dirección',
      doneTitle: 'Su dirección ha cambiado',
      done: (t, e) => `${t} le escribe ahora a ${e}.`,
      alreadyTitle: 'Ya cambiada',
      already: 'Esta dirección ya es la suya. No hay nada más que hacer.',
      staleTitle: 'Este enlace ya no es válido',
      stale:
        'Su dirección ha cambiado desde que se envió este enlace. Pida uno nuevo en su página de preferencias.',
      unavailableTitle: 'Esta dirección no se puede usar',
      unavailable: (t) =>
        `Esta dirección ya está registrada en ${t}, o no se puede volver a usar. No se ha cambiado nada. Para gestionar esa dirección, use los enlaces de los mensajes que se le envían.`,
    },
    unsubscribe: {
      title: 'Darse de baja',
      ask: (l, t) => `¿Dejar de recibir «${l}» de ${t}?`,
      button: 'Darme de baja',
      manage: 'Gestionar todas sus preferencias',
      doneTitle: 'Se ha dado de baja',
      done: (l, t) => `Ya no recibirá «${l}» de ${t}.`,
      alreadyTitle: 'Ya se había dado de baja',
      already: (l, t) => `No recibe «${l}» de ${t}.`,
    },
  },
  it: {
    link: {
      title: 'Riceva il link alle sue preferenze',
      intro: (t) =>
        `Inserisca il suo indirizzo e-mail. Se è registrato presso ${t}, gli inviamo un link che apre le sue preferenze.`,
      label: 'Il suo indirizzo e-mail',
      button: 'Inviami il link',
      sentTitle: 'Controlli la sua casella di posta',
      sent: (t, days) =>
        `Se questo indirizzo è registrato presso ${t}, gli è stato inviato un link. Apre le sue preferenze per ${days} giorni.`,
      invalidEmail: 'Inserisca un indirizzo e-mail valido.',
    },
    address: {
      askTitle: 'Confermi il suo nuovo indirizzo',
      ask: (t, e) => `Usare d’ora in poi ${e} come suo indirizzo presso ${t}?`,
      button: 'Sì, usa questo indirizzo',
      doneTitle: 'Il suo indirizzo è cambiato',
      done: (t, e) => `${t} ora le scrive a ${e}.`,
      alreadyTitle: 'Già cambiato',
      already: 'Questo indirizzo è già il suo. Non c’è altro da fare.',
      staleTitle: 'Questo link non vale più',
      stale:
        'Il suo indirizzo è cambiato da quando è stato inviato questo link. Ne chieda uno nuovo nella pagina delle preferenze.',
      unavailableTitle: 'Questo indirizzo non può essere usato',
      unavailable: (t) =>
        `Questo indirizzo è già registrato presso ${t}, oppure non può più essere usato. Non è stato modificato nulla. Per gestire quell’indirizzo, usi i link nei messaggi inviati a esso.`,
    },
    unsubscribe: {
      title: 'Disiscriviti',
      ask: (l, t) => `Non ricevere più «${l}» da ${t}?`,
      button: 'Disiscrivimi',
      manage: 'Gestisci tutte le sue preferenze',
      doneTitle: 'Disiscrizione effettuata',
      done: (l, t) => `Non riceverà più «${l}» da ${t}.`,
      alreadyTitle: 'Già disiscritto',
      already: (l, t) => `Non riceve «${l}» da ${t}.`,
    },
  },
};

export const selfServiceCopy = (lang: PageLanguage): SelfServiceCopy => COPY[lang];
