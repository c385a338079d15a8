// The mails of subscriber self-service in the person's language (en, de, fr, nl, es, it): the
// link to their preference centre that they asked for on `/p`, and the link that confirms a new
// address, sent to that new address. Plain text; the tenant's display name signs them.

import type { PageLanguage } from '../pages/languages';

type Mail = { subject: string; text: string };

type Texts = {
  link: (tenant: string, link: string, until: string) => Mail;
  address: (tenant: string, link: string) => Mail;
};

const TEXTS: Record<PageLanguage, Texts> = {
  en: {
    link: (t, link, until) => ({
      subject: `Your link to your preferences at ${t}`,
      text: `Here is the link to your preferences at ${t}. It opens them until ${until}:\n\n${link}\n\nIf you did not ask for it, ignore this message: nothing changes.`,
    }),
    address: (t, link) => ({
      subject: `Confirm your new address for ${t}`,
      text: `Someone (we hope you) asked ${t} to use this address for their subscription from now on. To confirm, open this link within 24 hours and press the button:\n\n${link}\n\nIf it was not you, ignore this message: nothing changes.`,
    }),
  },
  de: {
    link: (t, link, until) => ({
      subject: `Ihr Link zu Ihren Einstellungen bei ${t}`,
      text: `Hier ist der Link zu Ihren Einstellungen bei ${t}. Er öffnet sie bis ${until}:\n\n${link}\n\nFalls Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht: Es ändert sich nichts.`,
    }),
    address: (t, link) => ({
      subject: `Bestätigen Sie Ihre neue Adresse für ${t}`,
      text: `Jemand (hoffentlich Sie) hat ${t} gebeten, ab jetzt diese Adresse für sein Abonnement zu verwenden. Um das zu bestätigen, öffnen Sie diesen Link innerhalb von 24 Stunden und drücken Sie die Schaltfläche:\n\n${link}\n\nFalls Sie das nicht waren, ignorieren Sie diese Nachricht: Es ändert sich nichts.`,
    }),
  },
  fr: {
    link: (t, link, until) => ({
      subject: `Votre lien vers vos préférences chez ${t}`,
      text: `Voici le lien vers vos préférences chez ${t}. Il les ouvre jusqu’au ${until} :\n\n${link}\n\nSi vous ne l’avez pas demandé, ignorez ce message : rien ne change.`,
    }),
    address: (t, link) => ({
      subject: `Confirmez votre nouvelle adresse pour ${t}`,
      text: `Quelqu’un (vous, nous l’espérons) a demandé à ${t} d’utiliser désormais cette adresse pour son abonnement. Pour confirmer, ouvrez ce lien dans les 24 heures et appuyez sur le bouton :\n\n${link}\n\nSi ce n’était pas vous, ignorez ce message : rien ne change.`,
    }),
  },
  nl: {
    link: (t, link, until) => ({
      subject: `Uw link naar uw voorkeuren bij ${t}`,
      text: `Hier is de link naar uw voorkeuren bij ${t}. Hij opent ze tot ${until}:\n\n${link}\n\nAls u er niet om hebt gevraagd, negeer dan dit bericht: er verandert niets.`,
    }),
    address: (t, link) => ({
      subject: `Bevestig uw nieuwe adres voor ${t}`,
      text: `Iemand (hopelijk u) heeft ${t} gevraagd vanaf nu dit adres voor zijn abonnement te gebruiken. Open ter bevestiging binnen 24 uur deze link en druk op de knop:\n\n${link}\n\nWas u dit niet, negeer dan dit bericht: er verandert niets.`,
    }),
  },
  es: {
    link: (t, link, until) => ({
      subject: `Su enlace a sus preferencias en ${t}`,
      text: `Este es el enlace a sus preferencias en ${t}. Las abre hasta el ${until}:\n\n${link}\n\nSi no lo ha pedido, ignore este mensaje: no cambia nada.`,
    }),
    address: (t, link) => ({
      subject: `Confirme su nueva dirección para ${t}`,
      text: `Alguien (esperamos que usted) ha pedido a ${t} que use a partir de ahora esta dirección para su suscripción. Para confirmarlo, abra este enlace en las próximas 24 horas y pulse el botón:\n\n${link}\n\nSi no ha sido usted, ignore este mensaje: no cambia nada.`,
    }),
  },
  it: {
    link: (t, link, until) => ({
      subject: `Il suo link alle preferenze presso ${t}`,
      text: `Ecco il link alle sue preferenze presso ${t}. Le apre fino al ${until}:\n\n${link}\n\nSe non l’ha richiesto, ignori questo messaggio: non cambia nulla.`,
    }),
    address: (t, link) => ({
      subject: `Confermi il suo nuovo indirizzo per ${t}`,
      text: `Qualcuno (speriamo lei) ha chiesto a ${t} di usare d’ora in poi questo indirizzo per la sua iscrizione. Per confermare, apra questo link entro 24 ore e prema il pulsante:\n\n${link}\n\nSe non è stato lei, ignori questo messaggio: non cambia nulla.`,
    }),
  },
};

export const selfServiceMail = (lang: PageLanguage): Texts => TEXTS[lang];
