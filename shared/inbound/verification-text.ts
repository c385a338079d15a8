// The confirmation mail an unverified inbound request waits on, in the ten languages of our
// markets: one link, the reference, and what happens when nobody confirms (nothing).

import type { AckLanguage } from './acknowledgement';

type Texts = { subject: string; body: (link: string, reference: string, tenant: string) => string };

const TEXTS: Record<AckLanguage, Texts> = {
  en: {
    subject: 'Please confirm your privacy request',
    body: (l, r, t) =>
      `${t} received a request about the personal data of this address (reference ${r}). To confirm that it comes from you, open this link:\n\n${l}\n\nIf you did not send it, ignore this message: nothing will happen.`,
  },
  de: {
    subject: 'Bitte bestätigen Sie Ihre Datenschutzanfrage',
    body: (l, r, t) =>
      `${t} hat eine Anfrage zu den personenbezogenen Daten dieser Adresse erhalten (Referenz ${r}). Um zu bestätigen, dass sie von Ihnen stammt, öffnen Sie diesen Link:\n\n${l}\n\nWenn Sie sie nicht gesendet haben, ignorieren Sie diese Nachricht: Es geschieht nichts.`,
  },
  fr: {
    subject: 'Veuillez confirmer votre demande',
    body: (l, r, t) =>
      `${t} a reçu une demande concernant les données personnelles de cette adresse (référence ${r}). Pour confirmer qu'elle vient de vous, ouvrez ce lien :\n\n${l}\n\nSi vous ne l'avez pas envoyée, ignorez ce message : rien ne se passera.`,
  },
  nl: {
    subject: 'Bevestig uw privacyverzoek',
    body: (l, r, t) =>
      `${t} heeft een verzoek ontvangen over de persoonsgegevens van dit adres (referentie ${r}). Open deze link om te bevestigen dat het van u komt:\n\n${l}\n\nHeeft u het niet verstuurd, negeer dan dit bericht: er gebeurt niets.`,
  },
  es: {
    subject: 'Confirme su solicitud de privacidad',
    body: (l, r, t) =>
      `${t} ha recibido una solicitud sobre los datos personales de esta dirección (referencia ${r}). Para confirmar que procede de usted, abra este enlace:\n\n${l}\n\nSi no la envió, ignore este mensaje: no ocurrirá nada.`,
  },
  it: {
    subject: 'Confermi la sua richiesta sulla privacy',
    body: (l, r, t) =>
      `${t} ha ricevuto una richiesta sui dati personali di questo indirizzo (riferimento ${r}). Per confermare che proviene da lei, apra questo link:\n\n${l}\n\nSe non l'ha inviata, ignori questo messaggio: non succederà nulla.`,
  },
  pl: {
    subject: 'Potwierdź swoje żądanie',
    body: (l, r, t) =>
      `${t} otrzymał żądanie dotyczące danych osobowych tego adresu (numer ${r}). Aby potwierdzić, że pochodzi od Ciebie, otwórz ten link:\n\n${l}\n\nJeśli go nie wysłałeś, zignoruj tę wiadomość: nic się nie stanie.`,
  },
  sv: {
    subject: 'Bekräfta din begäran',
    body: (l, r, t) =>
      `${t} har tagit emot en begäran om personuppgifterna för den här adressen (referens ${r}). Öppna länken för att bekräfta att den kommer från dig:\n\n${l}\n\nOm du inte skickade den kan du bortse från meddelandet: ingenting händer.`,
  },
  pt: {
    subject: 'Confirme o seu pedido de privacidade',
    body: (l, r, t) =>
      `${t} recebeu um pedido sobre os dados pessoais deste endereço (referência ${r}). Para confirmar que foi enviado por si, abra esta ligação:\n\n${l}\n\nSe não o enviou, ignore esta mensagem: nada acontecerá.`,
  },
  da: {
    subject: 'Bekræft din anmodning',
    body: (l, r, t) =>
      `${t} har modtaget en anmodning om personoplysningerne for denne adresse (reference ${r}). Åbn dette link for at bekræfte, at den kommer fra dig:\n\n${l}\n\nHvis du ikke har sendt den, kan du se bort fra denne besked: der sker ingenting.`,
  },
};

export function verificationText(
  language: AckLanguage,
  params: { link: string; reference: string; tenantName: string },
): { subject: string; text: string } {
  const t = TEXTS[language];
  return { subject: t.subject, text: t.body(params.link, params.reference, params.tenantName) };
}
