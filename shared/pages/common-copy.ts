// The words every page shares, in every page language: the footer that names who is
// responsible for the person's data, and the pages for what went wrong (unknown address,
// broken link, expired page, too many attempts, refused input, our own failure).

import type { PageLanguage } from './languages';

type Message = { title: string; body: string };

export type CommonCopy = {
  footer: {
    label: string;
    controller: string;
    privacyOfficer: string;
    euRepresentative: string;
    privacyPolicy: string;
  };
  notFound: Message;
  invalidLink: Message;
  gone: Message;
  stale: Message & { reopen: string };
  tooMany: Message;
  failed: Message;
  failedServer: Message & { reference: string };
  details: string;
};

const COPY: Record<PageLanguage, CommonCopy> = {
  en: {
    footer: {
      label: 'Who is responsible for your data',
      controller: 'Controller',
      privacyOfficer: 'Data protection officer',
      euRepresentative: 'EU representative (Art. 27 GDPR)',
      privacyPolicy: 'Privacy policy',
    },
    notFound: {
      title: 'Page not found',
      body: 'There is nothing at this address. Please check the link, or use the one in your most recent email.',
    },
    invalidLink: {
      title: 'This link is not valid',
      body: 'The link is damaged or has expired. Please use a link from a recent email.',
    },
    gone: {
      title: 'No longer available',
      body: 'What this link was for has expired or was removed.',
    },
    stale: {
      title: 'This page has expired',
      body: 'Your answer could not be accepted because the page was too old or was not sent from our site. Please open the link again.',
      reopen: 'Open the link again',
    },
    tooMany: {
      title: 'Too many attempts',
      body: 'Please wait a few minutes, then try again.',
    },
    failed: {
      title: 'This did not work',
      body: 'We could not accept this. Please go back and check what you entered.',
    },
    failedServer: {
      title: 'Something went wrong',
      body: 'This is our fault, not yours. Please try again in a few minutes.',
      reference: 'Reference',
    },
    details: 'Details',
  },
  de: {
    footer: {
      label: 'Verantwortlich für Ihre Daten',
      controller: 'Verantwortlicher',
      privacyOfficer: 'Datenschutzbeauftragter',
      euRepresentative: 'Vertreter in der EU (Art. 27 DSGVO)',
      privacyPolicy: 'Datenschutzerklärung',
    },
    notFound: {
      title: 'Seite nicht gefunden',
      body: 'Unter dieser Adresse gibt es nichts. Bitte prüfen Sie den Link oder verwenden Sie den aus Ihrer neuesten E-Mail.',
    },
    invalidLink: {
      title: 'Dieser Link ist ungültig',
      body: 'Der Link ist beschädigt oder abgelaufen. Bitte verwenden Sie einen Link aus einer aktuellen E-Mail.',
    },
    gone: {
      title: 'Nicht mehr verfügbar',
      body: 'Wofür dieser Link gedacht war, ist abgelaufen oder wurde entfernt.',
    },
    stale: {
      title: 'Diese Seite ist abgelaufen',
      body: 'Ihre Antwort konnte nicht angenommen werden, weil die Seite zu alt war oder nicht von unserer Website gesendet wurde. Bitte öffnen Sie den Link erneut.',
      reopen: 'Link erneut öffnen',
    },
    tooMany: {
      title: 'Zu viele Versuche',
      body: 'Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.',
    },
    failed: {
      title: 'Das hat nicht geklappt',
      body: 'Wir konnten das nicht annehmen. Bitte gehen Sie zurück und prüfen Sie Ihre Eingaben.',
    },
    failedServer: {
      title: 'Etwas ist schiefgelaufen',
      body: 'Der Fehler liegt bei uns, nicht bei Ihnen. Bitte versuchen Sie es in einigen Minuten erneut.',
      reference: 'Referenz',
    },
    details: 'Einzelheiten',
  },
  fr: {
    footer: {
      label: 'Responsables de vos données',
      controller: 'Responsable du traitement',
      privacyOfficer: 'Délégué à la protection des données',
      euRepresentative: 'Représentant dans l’UE (art. 27 RGPD)',
      privacyPolicy: 'Politique de confidentialité',
    },
    notFound: {
      title: 'Page introuvable',
      body: 'Il n’y a rien à cette adresse. Vérifiez le lien ou utilisez celui de votre e-mail le plus récent.',
    },
    invalidLink: {
      title: 'Ce lien n’est pas valide',
      body: 'Le lien est endommagé ou a expiré. Veuillez utiliser un lien d’un e-mail récent.',
    },
    gone: {
      title: 'N’est plus disponible',
      body: 'Ce à quoi ce lien servait a expiré ou a été supprimé.',
    },
    stale: {
      title: 'Cette page a expiré',
      body: 'Votre réponse n’a pas pu être acceptée car la page était trop ancienne ou ne provenait pas de notre site. Veuillez rouvrir le lien.',
      reopen: 'Rouvrir le lien',
    },
    tooMany: {
      title: 'Trop de tentatives',
      body: 'Veuillez patienter quelques minutes, puis réessayer.',
    },
    failed: {
      title: 'Cela n’a pas fonctionné',
      body: 'Nous n’avons pas pu accepter cette demande. Revenez en arrière et vérifiez ce que vous avez saisi.',
    },
    failedServer: {
      title: 'Une erreur s’est produite',
      body: 'L’erreur vient de nous, pas de vous. Veuillez réessayer dans quelques minutes.',
      reference: 'Référence',
    },
    details: 'Détails',
  },
  nl: {
    footer: {
      label: 'Verantwoordelijk voor uw gegevens',
      controller: 'Verwerkingsverantwoordelijke',
      privacyOfficer: 'Functionaris voor gegevensbescherming',
      euRepresentative: 'Vertegenwoordiger in de EU (art. 27 AVG)',
      privacyPolicy: 'Privacyverklaring',
    },
    notFound: {
      title: 'Pagina niet gevonden',
      body: 'Op dit adres staat niets. Controleer de link of gebruik die uit uw meest recente e-mail.',
    },
    invalidLink: {
      title: 'Deze link is niet geldig',
      body: 'De link is beschadigd of verlopen. Gebruik een link uit een recente e-mail.',
    },
    gone: {
      title: 'Niet meer beschikbaar',
      body: 'Waar deze link voor was, is verlopen of verwijderd.',
    },
    stale: {
      title: 'Deze pagina is verlopen',
      body: 'Uw antwoord kon niet worden aanvaard omdat de pagina te oud was of niet van onze site kwam. Open de link opnieuw.',
      reopen: 'Link opnieuw openen',
    },
    tooMany: {
      title: 'Te veel pogingen',
      body: 'Wacht een paar minuten en probeer het dan opnieuw.',
    },
    failed: {
      title: 'Dat lukte niet',
      body: 'We konden dit niet aannemen. Ga terug en controleer wat u hebt ingevuld.',
    },
    failedServer: {
      title: 'Er ging iets mis',
      body: 'De fout ligt bij ons, niet bij u. Probeer het over een paar minuten opnieuw.',
      reference: 'Referentie',
    },
    details: 'Details',
  },
  es: {
    footer: {
      label: 'Responsables de sus datos',
      controller: 'Responsable del tratamiento',
      privacyOfficer: 'Delegado de protección de datos',
      euRepresentative: 'Representante en la UE (art. 27 RGPD)',
      privacyPolicy: 'Política de privacidad',
    },
    notFound: {
      title: 'Página no encontrada',
      body: 'No hay nada en esta dirección. Compruebe el enlace o utilice el de su correo más reciente.',
    },
    invalidLink: {
      title: 'Este enlace no es válido',
      body: 'El enlace está dañado o ha caducado. Utilice un enlace de un correo reciente.',
    },
    gone: {
      title: 'Ya no está disponible',
      body: 'Aquello para lo que servía este enlace ha caducado o se ha eliminado.',
    },
    stale: {
      title: 'Esta página ha caducado',
      body: 'No se pudo aceptar su respuesta porque la página era demasiado antigua o no se envió desde nuestro sitio. Abra el enlace de nuevo.',
      reopen: 'Abrir el enlace de nuevo',
    },
    tooMany: {
      title: 'Demasiados intentos',
      body: 'Espere unos minutos y vuelva a intentarlo.',
    },
    failed: {
      title: 'No ha funcionado',
      body: 'No hemos podido aceptar esto. Vuelva atrás y compruebe los datos que ha introducido.',
    },
    failedServer: {
      title: 'Algo ha fallado',
      body: 'El error es nuestro, no suyo. Vuelva a intentarlo en unos minutos.',
      reference: 'Referencia',
    },
    details: 'Detalles',
  },
  it: {
    footer: {
      label: 'Responsabili dei suoi dati',
      controller: 'Titolare del trattamento',
      privacyOfficer: 'Responsabile della protezione dei dati',
      euRepresentative: 'Rappresentante nell’UE (art. 27 GDPR)',
      privacyPolicy: 'Informativa sulla privacy',
    },
    notFound: {
      title: 'Pagina non trovata',
      body: 'A questo indirizzo non c’è nulla. Controlli il link o usi quello della sua e-mail più recente.',
    },
    invalidLink: {
      title: 'Questo link non è valido',
      body: 'Il link è danneggiato o scaduto. Utilizzi un link di un’e-mail recente.',
    },
    gone: {
      title: 'Non più disponibile',
      body: 'Ciò a cui serviva questo link è scaduto o è stato rimosso.',
    },
    stale: {
      title: 'Questa pagina è scaduta',
      body: 'Non è stato possibile accettare la risposta perché la pagina era troppo vecchia o non proveniva dal nostro sito. Apra di nuovo il link.',
      reopen: 'Riaprire il link',
    },
    tooMany: {
      title: 'Troppi tentativi',
      body: 'Attenda qualche minuto e poi riprovi.',
    },
    failed: {
      title: 'Non ha funzionato',
      body: 'Non è stato possibile accettare la richiesta. Torni indietro e controlli i dati inseriti.',
    },
    failedServer: {
      title: 'Qualcosa è andato storto',
      body: 'L’errore è nostro, non suo. Riprovi tra qualche minuto.',
      reference: 'Riferimento',
    },
    details: 'Dettagli',
  },
};

export const commonCopy = (language: PageLanguage): CommonCopy => COPY[language];
