// The acknowledgement a requester gets for a privacy request that arrived by email, in the ten
// languages of our markets (English when the language is unknown). It names the reference and
// the deadline, quotes nothing of the message, and carries no personal data besides the date.

import { formatDate, negotiateLanguage } from '../i18n/language';

export const ACK_LANGUAGES = ['en', 'de', 'fr', 'nl', 'es', 'it', 'pl', 'sv', 'pt', 'da'] as const;
export type AckLanguage = (typeof ACK_LANGUAGES)[number];

type Texts = { subject: string; body: (p: AckParams) => string };
export type AckParams = { tenantName: string; reference: string; dueDate: string };

const TEXTS: Record<AckLanguage, Texts> = {
  en: {
    subject: 'We have received your privacy request',
    body: (p) =>
      `Thank you for your message. ${p.tenantName} has received your request about your personal data under reference ${p.reference}.\n\nWe will answer by ${p.dueDate} at the latest.`,
  },
  de: {
    subject: 'Wir haben Ihre Datenschutzanfrage erhalten',
    body: (p) =>
      `Vielen Dank für Ihre Nachricht. ${p.tenantName} hat Ihre Anfrage zu Ihren personenbezogenen Daten unter der Referenz ${p.reference} erhalten.\n\nWir antworten Ihnen spätestens bis zum ${p.dueDate}.`,
  },
  fr: {
    subject: 'Nous avons bien reçu votre demande',
    body: (p) =>
      `Merci pour votre message. ${p.tenantName} a bien reçu votre demande concernant vos données personnelles, sous la référence ${p.reference}.\n\nNous vous répondrons au plus tard le ${p.dueDate}.`,
  },
  nl: {
    subject: 'Wij hebben uw privacyverzoek ontvangen',
    body: (p) =>
      `Dank u voor uw bericht. ${p.tenantName} heeft uw verzoek over uw persoonsgegevens ontvangen onder referentie ${p.reference}.\n\nWij antwoorden uiterlijk op ${p.dueDate}.`,
  },
  es: {
    subject: 'Hemos recibido su solicitud de privacidad',
    body: (p) =>
      `Gracias por su mensaje. ${p.tenantName} ha recibido su solicitud sobre sus datos personales con la referencia ${p.reference}.\n\nLe responderemos a más tardar el ${p.dueDate}.`,
  },
  it: {
    subject: 'Abbiamo ricevuto la sua richiesta sulla privacy',
    body: (p) =>
      `Grazie per il suo messaggio. ${p.tenantName} ha ricevuto la sua richiesta relativa ai suoi dati personali con il riferimento ${p.reference}.\n\nLe risponderemo entro il ${p.dueDate}.`,
  },
  pl: {
    subject: 'Otrzymaliśmy Twoje żądanie dotyczące danych osobowych',
    body: (p) =>
      `Dziękujemy za wiadomość. ${p.tenantName} otrzymał Twoje żądanie dotyczące danych osobowych, numer referencyjny ${p.reference}.\n\nOdpowiemy najpóźniej do ${p.dueDate}.`,
  },
  sv: {
    subject: 'Vi har tagit emot din begäran',
    body: (p) =>
      `Tack för ditt meddelande. ${p.tenantName} har tagit emot din begäran om dina personuppgifter med referens ${p.reference}.\n\nVi svarar senast ${p.dueDate}.`,
  },
  pt: {
    subject: 'Recebemos o seu pedido de privacidade',
    body: (p) =>
      `Obrigado pela sua mensagem. ${p.tenantName} recebeu o seu pedido relativo aos seus dados pessoais com a referência ${p.reference}.\n\nResponderemos até ${p.dueDate}, o mais tardar.`,
  },
  da: {
    subject: 'Vi har modtaget din anmodning',
    body: (p) =>
      `Tak for din besked. ${p.tenantName} har modtaget din anmodning om dine personoplysninger med reference ${p.reference}.\n\nVi svarer senest ${p.dueDate}.`,
  },
};

export function ackLanguage(...candidates: (string | null | undefined)[]): AckLanguage {
  return negotiateLanguage(ACK_LANGUAGES, { known: candidates });
}

/** Subject and text of the acknowledgement; the date is formatted for the language. */
export function acknowledgementText(
  language: AckLanguage,
  params: { tenantName: string; reference: string; dueAt: Date },
): { subject: string; text: string } {
  const dueDate = formatDate(params.dueAt, language);
  const texts = TEXTS[language];
  return {
    subject: texts.subject,
    text: texts.body({ tenantName: params.tenantName, reference: params.reference, dueDate }),
  };
}
