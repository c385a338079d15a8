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
};

const WORDS: Record<'en' | 'de' | 'fr' | 'nl' | 'es' | 'it', FormWords> = {
  en: {
    email: 'Email address',
    name: 'Name',
    submit: 'Subscribe',
    sending: 'Sending…',
    pending: 'Almost done: please click the link in the email we just sent you.',
    confirmed: 'Thank you, you are subscribed.',
    consentRequired: 'Please tick the box to agree, or we cannot subscribe you.',
    failed: 'This did not work. Please check your address and try again.',
  },
  de: {
    email: 'E-Mail-Adresse',
    name: 'Name',
    submit: 'Abonnieren',
    sending: 'Wird gesendet…',
    pending:
      'Fast geschafft: Bitte klicken Sie auf den Link in der E-Mail, die wir Ihnen gerade geschickt haben.',
    confirmed: 'Danke, Sie sind angemeldet.',
    consentRequired: 'Bitte setzen Sie das Häkchen, sonst können wir Sie nicht anmelden.',
    failed: 'Das hat nicht geklappt. Bitte prüfen Sie Ihre Adresse.',
  },
  fr: {
    email: 'Adresse e-mail',
    name: 'Nom',
    submit: "S'abonner",
    sending: 'Envoi…',
    pending: "Presque fini : cliquez sur le lien de l'e-mail que nous venons de vous envoyer.",
    confirmed: 'Merci, vous êtes abonné.',
    consentRequired: 'Cochez la case pour donner votre accord, sinon nous ne pouvons pas vous abonner.',
    failed: "Cela n'a pas fonctionné. Vérifiez votre adresse.",
  },
  nl: {
    email: 'E-mailadres',
    name: 'Naam',
    submit: 'Inschrijven',
    sending: 'Bezig…',
    pending: 'Bijna klaar: klik op de link in de e-mail die we u net stuurden.',
    confirmed: 'Dank u, u bent ingeschreven.',
    consentRequired: 'Vink het vakje aan om akkoord te gaan, anders kunnen we u niet inschrijven.',
    failed: 'Dat lukte niet. Controleer uw adres.',
  },
  es: {
    email: 'Correo electrónico',
    name: 'Nombre',
    submit: 'Suscribirme',
    sending: 'Enviando…',
    pending: 'Casi listo: haga clic en el enlace del correo que acabamos de enviarle.',
    confirmed: 'Gracias, ya está suscrito.',
    consentRequired: 'Marque la casilla para dar su consentimiento; si no, no podemos suscribirle.',
    failed: 'No ha funcionado. Compruebe su dirección.',
  },
  it: {
    email: 'Indirizzo e-mail',
    name: 'Nome',
    submit: 'Iscriviti',
    sending: 'Invio in corso…',
    pending: 'Quasi fatto: clicchi sul link nell’e-mail che le abbiamo appena inviato.',
    confirmed: 'Grazie, l’iscrizione è attiva.',
    consentRequired: 'Spunti la casella per dare il consenso, altrimenti non possiamo iscriverla.',
    failed: 'Non ha funzionato. Controlli il suo indirizzo.',
  },
};

export function formWords(language: string | null | undefined): FormWords {
  return WORDS[negotiateLanguage(Object.keys(WORDS) as (keyof typeof WORDS)[], { known: [language] })];
}
