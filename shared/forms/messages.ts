// The words the embedded form and its answers show, in the form's language (en, de, fr, nl, es,
// it; English otherwise).

import { negotiateLanguage } from '../i18n/language';

export type FormWords = {
  email: string;
  name: string;
  submit: string;
  sending: string;
  pending: string;
  confirmed: string;
  consentRequired: string;
  failed: string;
  tooMany: string;
};

const WORDS: Record<'en' | 'de' | 'fr' | 'nl' | 'es' | 'it', FormWords> = {
  en: {
    email: 'Email address',
    name: 'Name',
    submit: 'Subscribe',
    sending: 'Sending…',
    pending:
      'Almost done: please check your inbox. If this address still needs confirming, we have sent it a link to click.',
    confirmed: 'Thank you, you are subscribed.',
    consentRequired: 'Please tick the box to agree, or we cannot subscribe you.',
    failed: 'This did not work. Please check your address and try again.',
    tooMany: 'Too many attempts from here. Please wait a minute and try again.',
  },
  de: {
    email: 'E-Mail-Adresse',
    name: 'Name',
    submit: 'Abonnieren',
    sending: 'Wird gesendet…',
    pending:
      'Fast geschafft: Bitte sehen Sie in Ihr Postfach. Muss diese Adresse noch bestätigt werden, haben wir ihr einen Link geschickt.',
    confirmed: 'Danke, Sie sind angemeldet.',
    consentRequired: 'Bitte setzen Sie das Häkchen, sonst können wir Sie nicht anmelden.',
    failed: 'Das hat nicht geklappt. Bitte prüfen Sie Ihre Adresse.',
    tooMany: 'Zu viele Versuche von hier. Bitte warten Sie eine Minute und versuchen Sie es erneut.',
  },
  fr: {
    email: 'Adresse e-mail',
    name: 'Nom',
    submit: "S'abonner",
    sending: 'Envoi…',
    pending:
      'Presque fini : consultez votre boîte de réception. Si cette adresse doit encore être confirmée, nous lui avons envoyé un lien.',
    confirmed: 'Merci, vous êtes abonné.',
    consentRequired: 'Cochez la case pour donner votre accord, sinon nous ne pouvons pas vous abonner.',
    failed: "Cela n'a pas fonctionné. Vérifiez votre adresse.",
    tooMany: 'Trop de tentatives depuis cet endroit. Patientez une minute, puis réessayez.',
  },
  nl: {
    email: 'E-mailadres',
    name: 'Naam',
    submit: 'Inschrijven',
    sending: 'Bezig…',
    pending:
      'Bijna klaar: kijk in uw inbox. Moet dit adres nog bevestigd worden, dan hebben we er een link naartoe gestuurd.',
    confirmed: 'Dank u, u bent ingeschreven.',
    consentRequired: 'Vink het vakje aan om akkoord te gaan, anders kunnen we u niet inschrijven.',
    failed: 'Dat lukte niet. Controleer uw adres.',
    tooMany: 'Te veel pogingen vanaf hier. Wacht een minuut en probeer het opnieuw.',
  },
  es: {
    email: 'Correo electrónico',
    name: 'Nombre',
    submit: 'Suscribirme',
    sending: 'Enviando…',
    pending:
      'Casi listo: revise su bandeja de entrada. Si esta dirección aún debe confirmarse, le hemos enviado un enlace.',
    confirmed: 'Gracias, ya está suscrito.',
    consentRequired: 'Marque la casilla para dar su consentimiento; si no, no podemos suscribirle.',
    failed: 'No ha funcionado. Compruebe su dirección.',
    tooMany: 'Demasiados intentos desde aquí. Espere un minuto y vuelva a intentarlo.',
  },
  it: {
    email: 'Indirizzo e-mail',
    name: 'Nome',
    submit: 'Iscriviti',
    sending: 'Invio in corso…',
    pending:
      'Quasi fatto: controlli la sua casella di posta. Se questo indirizzo deve ancora essere confermato, gli abbiamo inviato un link.',
    confirmed: 'Grazie, l’iscrizione è attiva.',
    consentRequired: 'Spunti la casella per dare il consenso, altrimenti non possiamo iscriverla.',
    failed: 'Non ha funzionato. Controlli il suo indirizzo.',
    tooMany: 'Troppi tentativi da qui. Attenda un minuto e riprovi.',
  },
};

export function formWords(language: string | null | undefined): FormWords {
  return WORDS[negotiateLanguage(Object.keys(WORDS) as (keyof typeof WORDS)[], { known: [language] })];
}
