// Built-in wording of the mails a requester receives at each stage of a privacy request, in the
// languages of our markets, and the renderer of `{{placeholder}}` templates (built-in or the
// tenant's own). Mails are plain text: values are inserted as they are, never as markup.

import { negotiateLanguage } from './i18n/language';

export const NOTICE_STAGES = [
  'verify',
  'received',
  'verified',
  'extended',
  'completed',
  'rejected',
  'export_ready',
] as const;
export type NoticeStage = (typeof NOTICE_STAGES)[number];

export const NOTICE_LANGUAGES = ['en', 'de', 'fr', 'nl'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

export const PLACEHOLDERS = ['tenant', 'kind', 'requestId', 'dueDate', 'link', 'reason', 'note'] as const;
export type NoticeVars = Partial<Record<(typeof PLACEHOLDERS)[number], string>>;

type Text = { subject: string; body: string };

const KIND_NAMES: Record<NoticeLanguage, Record<string, string>> = {
  en: {
    erasure: 'erasure',
    access: 'access',
    portability: 'data portability',
    rectification: 'rectification',
    objection: 'objection',
    unsubscribe: 'unsubscribe',
    review: 'privacy',
  },
  de: {
    erasure: 'Löschung',
    access: 'Auskunft',
    portability: 'Datenübertragbarkeit',
    rectification: 'Berichtigung',
    objection: 'Widerspruch',
    unsubscribe: 'Abmeldung',
    review: 'Datenschutz',
  },
  fr: {
    erasure: 'effacement',
    access: 'accès',
    portability: 'portabilité',
    rectification: 'rectification',
    objection: 'opposition',
    unsubscribe: 'désinscription',
    review: 'confidentialité',
  },
  nl: {
    erasure: 'verwijdering',
    access: 'inzage',
    portability: 'overdraagbaarheid',
    rectification: 'rectificatie',
    objection: 'bezwaar',
    unsubscribe: 'afmelding',
    review: 'privacy',
  },
};

const TEXTS: Record<NoticeLanguage, Record<NoticeStage, Text>> = {
  en: {
    verify: {
      subject: 'Please confirm your request',
      body: 'We received a request for {{kind}} of your data held by {{tenant}}.\n\nTo protect you, we act only once you confirm it was you:\n{{link}}\n\nIf you did not make this request, ignore this message.',
    },
    received: {
      subject: 'We received your request',
      body: 'Your request for {{kind}} ({{requestId}}) reached {{tenant}}. We will answer by {{dueDate}}.',
    },
    verified: {
      subject: 'Your request is confirmed',
      body: 'Thank you for confirming. Your request for {{kind}} ({{requestId}}) is being handled; we will answer by {{dueDate}}.',
    },
    extended: {
      subject: 'More time is needed for your request',
      body: 'Your request for {{kind}} ({{requestId}}) needs more time. The new date is {{dueDate}}.\n\nReason: {{reason}}',
    },
    completed: {
      subject: 'Your request is done',
      body: 'Your request for {{kind}} ({{requestId}}) to {{tenant}} has been carried out.',
    },
    rejected: {
      subject: 'Your request could not be granted',
      body: 'Your request for {{kind}} ({{requestId}}) was refused.\n\nReason: {{reason}}\n{{note}}\n\nYou may lodge a complaint with a supervisory authority or seek a judicial remedy.',
    },
    export_ready: {
      subject: 'Your data is ready',
      body: 'The copy of your data held by {{tenant}} ({{requestId}}) can be downloaded until {{dueDate}}:\n{{link}}',
    },
  },
  de: {
    verify: {
      subject: 'Bitte bestätigen Sie Ihre Anfrage',
      body: 'Wir haben eine Anfrage auf {{kind}} Ihrer Daten bei {{tenant}} erhalten.\n\nZu Ihrem Schutz handeln wir erst, wenn Sie bestätigen, dass sie von Ihnen stammt:\n{{link}}\n\nFalls Sie diese Anfrage nicht gestellt haben, ignorieren Sie diese Nachricht.',
    },
    received: {
      subject: 'Wir haben Ihre Anfrage erhalten',
      body: 'Ihre Anfrage auf {{kind}} ({{requestId}}) ist bei {{tenant}} eingegangen. Wir antworten bis zum {{dueDate}}.',
    },
    verified: {
      subject: 'Ihre Anfrage ist bestätigt',
      body: 'Danke für Ihre Bestätigung. Ihre Anfrage auf {{kind}} ({{requestId}}) wird bearbeitet; wir antworten bis zum {{dueDate}}.',
    },
    extended: {
      subject: 'Ihre Anfrage braucht mehr Zeit',
      body: 'Für Ihre Anfrage auf {{kind}} ({{requestId}}) benötigen wir mehr Zeit. Neues Datum: {{dueDate}}.\n\nGrund: {{reason}}',
    },
    completed: {
      subject: 'Ihre Anfrage ist erledigt',
      body: 'Ihre Anfrage auf {{kind}} ({{requestId}}) an {{tenant}} wurde ausgeführt.',
    },
    rejected: {
      subject: 'Ihrer Anfrage kann nicht entsprochen werden',
      body: 'Ihre Anfrage auf {{kind}} ({{requestId}}) wurde abgelehnt.\n\nGrund: {{reason}}\n{{note}}\n\nSie können sich bei einer Aufsichtsbehörde beschweren oder einen gerichtlichen Rechtsbehelf einlegen.',
    },
    export_ready: {
      subject: 'Ihre Daten stehen bereit',
      body: 'Die Kopie Ihrer Daten bei {{tenant}} ({{requestId}}) kann bis zum {{dueDate}} heruntergeladen werden:\n{{link}}',
    },
  },
  fr: {
    verify: {
      subject: 'Merci de confirmer votre demande',
      body: 'Nous avons reçu une demande d’{{kind}} de vos données détenues par {{tenant}}.\n\nPour vous protéger, nous n’agissons qu’après votre confirmation :\n{{link}}\n\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
    },
    received: {
      subject: 'Nous avons reçu votre demande',
      body: 'Votre demande d’{{kind}} ({{requestId}}) est parvenue à {{tenant}}. Nous répondrons au plus tard le {{dueDate}}.',
    },
    verified: {
      subject: 'Votre demande est confirmée',
      body: 'Merci de votre confirmation. Votre demande d’{{kind}} ({{requestId}}) est en cours ; réponse au plus tard le {{dueDate}}.',
    },
    extended: {
      subject: 'Votre demande nécessite plus de temps',
      body: 'Votre demande d’{{kind}} ({{requestId}}) nécessite un délai supplémentaire. Nouvelle date : {{dueDate}}.\n\nMotif : {{reason}}',
    },
    completed: {
      subject: 'Votre demande a été traitée',
      body: 'Votre demande d’{{kind}} ({{requestId}}) auprès de {{tenant}} a été exécutée.',
    },
    rejected: {
      subject: 'Votre demande ne peut être satisfaite',
      body: 'Votre demande d’{{kind}} ({{requestId}}) a été refusée.\n\nMotif : {{reason}}\n{{note}}\n\nVous pouvez introduire une réclamation auprès d’une autorité de contrôle ou former un recours juridictionnel.',
    },
    export_ready: {
      subject: 'Vos données sont prêtes',
      body: 'La copie de vos données détenues par {{tenant}} ({{requestId}}) peut être téléchargée jusqu’au {{dueDate}} :\n{{link}}',
    },
  },
  nl: {
    verify: {
      subject: 'Bevestig uw verzoek',
      body: 'Wij ontvingen een verzoek tot {{kind}} van uw gegevens bij {{tenant}}.\n\nTer bescherming handelen wij pas nadat u bevestigt dat het van u komt:\n{{link}}\n\nHeeft u dit verzoek niet gedaan, negeer dan dit bericht.',
    },
    received: {
      subject: 'Wij hebben uw verzoek ontvangen',
      body: 'Uw verzoek tot {{kind}} ({{requestId}}) is bij {{tenant}} binnengekomen. Wij antwoorden uiterlijk op {{dueDate}}.',
    },
    verified: {
      subject: 'Uw verzoek is bevestigd',
      body: 'Dank voor uw bevestiging. Uw verzoek tot {{kind}} ({{requestId}}) wordt behandeld; wij antwoorden uiterlijk op {{dueDate}}.',
    },
    extended: {
      subject: 'Uw verzoek heeft meer tijd nodig',
      body: 'Uw verzoek tot {{kind}} ({{requestId}}) heeft meer tijd nodig. Nieuwe datum: {{dueDate}}.\n\nReden: {{reason}}',
    },
    completed: {
      subject: 'Uw verzoek is uitgevoerd',
      body: 'Uw verzoek tot {{kind}} ({{requestId}}) bij {{tenant}} is uitgevoerd.',
    },
    rejected: {
      subject: 'Uw verzoek kan niet worden ingewilligd',
      body: 'Uw verzoek tot {{kind}} ({{requestId}}) is afgewezen.\n\nReden: {{reason}}\n{{note}}\n\nU kunt een klacht indienen bij een toezichthoudende autoriteit of een beroep instellen bij de rechter.',
    },
    export_ready: {
      subject: 'Uw gegevens staan klaar',
      body: 'De kopie van uw gegevens bij {{tenant}} ({{requestId}}) kan tot {{dueDate}} worden gedownload:\n{{link}}',
    },
  },
};

/** The built-in language closest to `language` (`de-AT` → `de`), English otherwise. */
export function noticeLanguage(language: string | null | undefined): NoticeLanguage {
  return negotiateLanguage(NOTICE_LANGUAGES, { known: [language] });
}

export function builtInNotice(stage: NoticeStage, language: NoticeLanguage): Text {
  return TEXTS[language][stage];
}

export function kindName(kind: string, language: NoticeLanguage): string {
  return KIND_NAMES[language][kind] ?? kind;
}

/** Replaces `{{name}}` with its value; unknown names and missing values become empty. */
export function renderNotice(text: Text, vars: NoticeVars): Text {
  const fill = (s: string) =>
    s.replace(
      /\{\{\s*(\w+)\s*\}\}/g,
      (_, name: string) => (vars as Record<string, string | undefined>)[name] ?? '',
    );
  return {
    subject: fill(text.subject)
      .replace(/[\r\n]+/g, ' ')
      .trim(),
    body: fill(text.body).replace(/\n{3,}/g, '\n\n'),
  };
}
