// The words of the few server pages and mails of dashboard sign-in, in every page language: the
// page behind a mailed one-time link that sets a password (invitation, reset, expired password),
// the page an SSO sign-in that failed ends on, and the invitation and reset mails.

import type { Role } from '../access';
import type { PasswordProblem } from '../auth/password-policy';
import type { PageLanguage } from './languages';

export type SsoFailure = 'failed' | 'unknown_user' | 'not_configured';

type AdminCopy = {
  password: {
    title: string;
    intro: (workspace: string) => string;
    rules: string;
    newPassword: string;
    repeat: string;
    button: string;
    mismatch: string;
    problems: Record<PasswordProblem, string>;
    doneTitle: string;
    doneBody: string;
    signIn: string;
  };
  sso: { title: string; reasons: Record<SsoFailure, string>; back: string };
  roles: Record<Role, string>;
  invitation: {
    subject: (name: string) => string;
    body: (v: MailVars & { role: string; sso: boolean }) => string;
  };
  reset: { subject: (name: string) => string; body: (v: Omit<MailVars, 'until'>) => string };
};

type MailVars = { name: string; workspace: string; link: string; signIn: string; until: string };

const COPY: Record<PageLanguage, AdminCopy> = {
  en: {
    password: {
      title: 'Set your password',
      intro: (w) => `Choose the password you will sign in to the workspace ${w} with.`,
      rules:
        'At least 12 characters. Not one of the most common passwords, not your address or the workspace name, not one of your last five passwords.',
      newPassword: 'New password',
      repeat: 'The same password again',
      button: 'Set password',
      mismatch: 'The two passwords differ.',
      problems: {
        too_short: 'The password is shorter than 12 characters.',
        too_long: 'The password is longer than 256 characters.',
        too_common: 'This is one of the most common passwords. Choose another.',
        personal: 'The password may not be built on your address or the workspace name.',
        reused: 'This is one of your last five passwords. Choose a new one.',
      },
      doneTitle: 'Your password is set',
      doneBody: 'Sign in with your address and your new password.',
      signIn: 'Go to sign-in',
    },
    sso: {
      title: 'Sign-in failed',
      reasons: {
        failed:
          'The sign-in with your organisation could not be completed. Start again from the sign-in page.',
        unknown_user:
          'Your account is not a user of this workspace, or it is disabled. Ask an owner of the workspace to invite you.',
        not_configured: 'This workspace does not sign in with single sign-on.',
      },
      back: 'Back to sign-in',
    },
    roles: {
      owner: 'owner',
      privacy_officer: 'privacy officer',
      marketer: 'marketer',
      analyst: 'analyst',
      auditor: 'auditor',
    },
    invitation: {
      subject: (n) => `Your access to ${n}`,
      body: (v) =>
        `You have been given access to the workspace ${v.name} (${v.workspace}) as ${v.role}.\n\nSet your password here (the link works once, until ${v.until}):\n${v.link}\n\n${v.sso ? 'You can also sign in with your organisation’s single sign-on.\n\n' : ''}Sign in at ${v.signIn} with the workspace name ${v.workspace}.`,
    },
    reset: {
      subject: (n) => `Set a new password for ${n}`,
      body: (v) =>
        `Someone asked to set a new password for your access to ${v.name} (${v.workspace}).\n\nThe link works once, for one hour:\n${v.link}\n\nIf that was not you, ignore this mail: your password stays as it is.\n\nSign in at ${v.signIn}.`,
    },
  },
  de: {
    password: {
      title: 'Passwort festlegen',
      intro: (w) => `Wählen Sie das Passwort, mit dem Sie sich beim Arbeitsbereich ${w} anmelden.`,
      rules:
        'Mindestens 12 Zeichen. Keines der häufigsten Passwörter, nicht Ihre Adresse oder der Name des Arbeitsbereichs, keines Ihrer letzten fünf Passwörter.',
      newPassword: 'Neues Passwort',
      repeat: 'Dasselbe Passwort noch einmal',
      button: 'Passwort festlegen',
      mismatch: 'Die beiden Passwörter stimmen nicht überein.',
      problems: {
        too_short: 'Das Passwort ist kürzer als 12 Zeichen.',
        too_long: 'Das Passwort ist länger als 256 Zeichen.',
        too_common: 'Dies ist eines der häufigsten Passwörter. Wählen Sie ein anderes.',
        personal: 'Das Passwort darf nicht auf Ihrer Adresse oder dem Namen des Arbeitsbereichs beruhen.',
        reused: 'Dies ist eines Ihrer letzten fünf Passwörter. Wählen Sie ein neues.',
      },
      doneTitle: 'Ihr Passwort ist festgelegt',
      doneBody: 'Melden Sie sich mit Ihrer Adresse und dem neuen Passwort an.',
      signIn: 'Zur Anmeldung',
    },
    sso: {
      title: 'Anmeldung fehlgeschlagen',
      reasons: {
        failed:
          'Die Anmeldung über Ihre Organisation konnte nicht abgeschlossen werden. Beginnen Sie erneut auf der Anmeldeseite.',
        unknown_user:
          'Ihr Konto ist kein Benutzer dieses Arbeitsbereichs oder ist gesperrt. Bitten Sie einen Inhaber des Arbeitsbereichs um eine Einladung.',
        not_configured: 'Dieser Arbeitsbereich meldet sich nicht über Single Sign-On an.',
      },
      back: 'Zurück zur Anmeldung',
    },
    roles: {
      owner: 'Inhaber',
      privacy_officer: 'Datenschutzbeauftragter',
      marketer: 'Marketing',
      analyst: 'Analyst',
      auditor: 'Prüfer',
    },
    invitation: {
      subject: (n) => `Ihr Zugang zu ${n}`,
      body: (v) =>
        `Sie haben Zugang zum Arbeitsbereich ${v.name} (${v.workspace}) mit der Rolle ${v.role} erhalten.\n\nLegen Sie hier Ihr Passwort fest (der Link gilt einmal, bis ${v.until}):\n${v.link}\n\n${v.sso ? 'Sie können sich auch über das Single Sign-On Ihrer Organisation anmelden.\n\n' : ''}Melden Sie sich unter ${v.signIn} mit dem Arbeitsbereich ${v.workspace} an.`,
    },
    reset: {
      subject: (n) => `Neues Passwort für ${n}`,
      body: (v) =>
        `Jemand hat ein neues Passwort für Ihren Zugang zu ${v.name} (${v.workspace}) angefordert.\n\nDer Link gilt einmal, eine Stunde lang:\n${v.link}\n\nWaren Sie das nicht, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.\n\nAnmeldung: ${v.signIn}`,
    },
  },
  fr: {
    password: {
      title: 'Choisir votre mot de passe',
      intro: (w) => `Choisissez le mot de passe avec lequel vous vous connecterez à l’espace ${w}.`,
      rules:
        'Au moins 12 caractères. Pas un des mots de passe les plus courants, ni votre adresse ni le nom de l’espace, ni l’un de vos cinq derniers mots de passe.',
      newPassword: 'Nouveau mot de passe',
      repeat: 'Le même mot de passe encore une fois',
      button: 'Enregistrer le mot de passe',
      mismatch: 'Les deux mots de passe sont différents.',
      problems: {
        too_short: 'Le mot de passe compte moins de 12 caractères.',
        too_long: 'Le mot de passe compte plus de 256 caractères.',
        too_common: 'C’est l’un des mots de passe les plus courants. Choisissez-en un autre.',
        personal: 'Le mot de passe ne peut pas reposer sur votre adresse ou le nom de l’espace.',
        reused: 'C’est l’un de vos cinq derniers mots de passe. Choisissez-en un nouveau.',
      },
      doneTitle: 'Votre mot de passe est enregistré',
      doneBody: 'Connectez-vous avec votre adresse et votre nouveau mot de passe.',
      signIn: 'Aller à la connexion',
    },
    sso: {
      title: 'Échec de la connexion',
      reasons: {
        failed:
          'La connexion par votre organisation n’a pas pu aboutir. Recommencez depuis la page de connexion.',
        unknown_user:
          'Votre compte n’est pas un utilisateur de cet espace, ou il est désactivé. Demandez à un propriétaire de l’espace de vous inviter.',
        not_configured: 'Cet espace ne se connecte pas par authentification unique.',
      },
      back: 'Retour à la connexion',
    },
    roles: {
      owner: 'propriétaire',
      privacy_officer: 'délégué à la protection des données',
      marketer: 'marketing',
      analyst: 'analyste',
      auditor: 'auditeur',
    },
    invitation: {
      subject: (n) => `Votre accès à ${n}`,
      body: (v) =>
        `Vous avez reçu un accès à l’espace ${v.name} (${v.workspace}) avec le rôle ${v.role}.\n\nChoisissez votre mot de passe ici (le lien fonctionne une fois, jusqu’au ${v.until}) :\n${v.link}\n\n${v.sso ? 'Vous pouvez aussi vous connecter par l’authentification unique de votre organisation.\n\n' : ''}Connectez-vous sur ${v.signIn} avec le nom d’espace ${v.workspace}.`,
    },
    reset: {
      subject: (n) => `Nouveau mot de passe pour ${n}`,
      body: (v) =>
        `Quelqu’un a demandé un nouveau mot de passe pour votre accès à ${v.name} (${v.workspace}).\n\nLe lien fonctionne une fois, pendant une heure :\n${v.link}\n\nSi ce n’était pas vous, ignorez ce message : votre mot de passe reste inchangé.\n\nConnexion : ${v.signIn}`,
    },
  },
  nl: {
    password: {
      title: 'Wachtwoord instellen',
      intro: (w) => `Kies het wachtwoord waarmee u zich aanmeldt bij de werkruimte ${w}.`,
      rules:
        'Minstens 12 tekens. Niet een van de meest gebruikte wachtwoorden, niet uw adres of de naam van de werkruimte, niet een van uw laatste vijf wachtwoorden.',
      newPassword: 'Nieuw wachtwoord',
      repeat: 'Hetzelfde wachtwoord nog eens',
      button: 'Wachtwoord instellen',
      mismatch: 'De twee wachtwoorden zijn verschillend.',
      problems: {
        too_short: 'Het wachtwoord is korter dan 12 tekens.',
        too_long: 'Het wachtwoord is langer dan 256 tekens.',
        too_common: 'Dit is een van de meest gebruikte wachtwoorden. Kies een ander.',
        personal: 'Het wachtwoord mag niet op uw adres of de naam van de werkruimte gebaseerd zijn.',
        reused: 'Dit is een van uw laatste vijf wachtwoorden. Kies een nieuw.',
      },
      doneTitle: 'Uw wachtwoord is ingesteld',
      doneBody: 'Meld u aan met uw adres en uw nieuwe wachtwoord.',
      signIn: 'Naar aanmelden',
    },
    sso: {
      title: 'Aanmelden mislukt',
      reasons: {
        failed: 'Aanmelden via uw organisatie kon niet worden voltooid. Begin opnieuw op de aanmeldpagina.',
        unknown_user:
          'Uw account is geen gebruiker van deze werkruimte, of is uitgeschakeld. Vraag een eigenaar van de werkruimte om u uit te nodigen.',
        not_configured: 'Deze werkruimte meldt zich niet aan met single sign-on.',
      },
      back: 'Terug naar aanmelden',
    },
    roles: {
      owner: 'eigenaar',
      privacy_officer: 'functionaris gegevensbescherming',
      marketer: 'marketing',
      analyst: 'analist',
      auditor: 'auditor',
    },
    invitation: {
      subject: (n) => `Uw toegang tot ${n}`,
      body: (v) =>
        `U hebt toegang gekregen tot de werkruimte ${v.name} (${v.workspace}) als ${v.role}.\n\nStel hier uw wachtwoord in (de link werkt één keer, tot ${v.until}):\n${v.link}\n\n${v.sso ? 'U kunt zich ook aanmelden met de single sign-on van uw organisatie.\n\n' : ''}Meld u aan op ${v.signIn} met de werkruimte ${v.workspace}.`,
    },
    reset: {
      subject: (n) => `Nieuw wachtwoord voor ${n}`,
      body: (v) =>
        `Iemand heeft een nieuw wachtwoord aangevraagd voor uw toegang tot ${v.name} (${v.workspace}).\n\nDe link werkt één keer, een uur lang:\n${v.link}\n\nWas u dat niet, negeer dan deze e-mail: uw wachtwoord blijft zoals het is.\n\nAanmelden: ${v.signIn}`,
    },
  },
  es: {
    password: {
      title: 'Establezca su contraseña',
      intro: (w) => `Elija la contraseña con la que iniciará sesión en el espacio de trabajo ${w}.`,
      rules:
        'Al menos 12 caracteres. Que no sea una de las contraseñas más comunes, ni su dirección ni el nombre del espacio, ni una de sus cinco últimas contraseñas.',
      newPassword: 'Nueva contraseña',
      repeat: 'La misma contraseña otra vez',
      button: 'Establecer contraseña',
      mismatch: 'Las dos contraseñas no coinciden.',
      problems: {
        too_short: 'La contraseña tiene menos de 12 caracteres.',
        too_long: 'La contraseña tiene más de 256 caracteres.',
        too_common: 'Es una de las contraseñas más comunes. Elija otra.',
        personal: 'La contraseña no puede basarse en su dirección ni en el nombre del espacio.',
        reused: 'Es una de sus cinco últimas contraseñas. Elija una nueva.',
      },
      doneTitle: 'Su contraseña está establecida',
      doneBody: 'Inicie sesión con su dirección y su nueva contraseña.',
      signIn: 'Ir al inicio de sesión',
    },
    sso: {
      title: 'No se pudo iniciar sesión',
      reasons: {
        failed:
          'No se pudo completar el inicio de sesión con su organización. Vuelva a empezar desde la página de inicio de sesión.',
        unknown_user:
          'Su cuenta no es usuaria de este espacio de trabajo o está desactivada. Pida a un propietario del espacio que le invite.',
        not_configured: 'Este espacio de trabajo no inicia sesión con inicio de sesión único.',
      },
      back: 'Volver al inicio de sesión',
    },
    roles: {
      owner: 'propietario',
      privacy_officer: 'delegado de protección de datos',
      marketer: 'marketing',
      analyst: 'analista',
      auditor: 'auditor',
    },
    invitation: {
      subject: (n) => `Su acceso a ${n}`,
      body: (v) =>
        `Ha recibido acceso al espacio de trabajo ${v.name} (${v.workspace}) con el rol ${v.role}.\n\nEstablezca su contraseña aquí (el enlace funciona una vez, hasta el ${v.until}):\n${v.link}\n\n${v.sso ? 'También puede iniciar sesión con el inicio de sesión único de su organización.\n\n' : ''}Inicie sesión en ${v.signIn} con el espacio de trabajo ${v.workspace}.`,
    },
    reset: {
      subject: (n) => `Nueva contraseña para ${n}`,
      body: (v) =>
        `Alguien ha pedido una nueva contraseña para su acceso a ${v.name} (${v.workspace}).\n\nEl enlace funciona una vez, durante una hora:\n${v.link}\n\nSi no fue usted, ignore este correo: su contraseña no cambia.\n\nInicio de sesión: ${v.signIn}`,
    },
  },
  it: {
    password: {
      title: 'Imposta la password',
      intro: (w) => `Scegli la password con cui accederai allo spazio di lavoro ${w}.`,
      rules:
        'Almeno 12 caratteri. Non una delle password più comuni, non il tuo indirizzo né il nome dello spazio, non una delle tue ultime cinque password.',
      newPassword: 'Nuova password',
      repeat: 'La stessa password di nuovo',
      button: 'Imposta password',
      mismatch: 'Le due password sono diverse.',
      problems: {
        too_short: 'La password ha meno di 12 caratteri.',
        too_long: 'La password ha più di 256 caratteri.',
        too_common: 'È una delle password più comuni. Scegline un’altra.',
        personal: 'La password non può basarsi sul tuo indirizzo o sul nome dello spazio.',
        reused: 'È una delle tue ultime cinque password. Scegline una nuova.',
      },
      doneTitle: 'La password è impostata',
      doneBody: 'Accedi con il tuo indirizzo e la nuova password.',
      signIn: 'Vai all’accesso',
    },
    sso: {
      title: 'Accesso non riuscito',
      reasons: {
        failed:
          'Non è stato possibile completare l’accesso tramite la tua organizzazione. Ricomincia dalla pagina di accesso.',
        unknown_user:
          'Il tuo account non è un utente di questo spazio di lavoro oppure è disattivato. Chiedi a un proprietario dello spazio di invitarti.',
        not_configured: 'Questo spazio di lavoro non accede con il single sign-on.',
      },
      back: 'Torna all’accesso',
    },
    roles: {
      owner: 'proprietario',
      privacy_officer: 'responsabile della protezione dei dati',
      marketer: 'marketing',
      analyst: 'analista',
      auditor: 'revisore',
    },
    invitation: {
      subject: (n) => `Il tuo accesso a ${n}`,
      body: (v) =>
        `Hai ricevuto accesso allo spazio di lavoro ${v.name} (${v.workspace}) con il ruolo ${v.role}.\n\nImposta qui la tua password (il link funziona una volta, fino al ${v.until}):\n${v.link}\n\n${v.sso ? 'Puoi anche accedere con il single sign-on della tua organizzazione.\n\n' : ''}Accedi su ${v.signIn} con lo spazio di lavoro ${v.workspace}.`,
    },
    reset: {
      subject: (n) => `Nuova password per ${n}`,
      body: (v) =>
        `Qualcuno ha chiesto una nuova password per il tuo accesso a ${v.name} (${v.workspace}).\n\nIl link funziona una volta, per un’ora:\n${v.link}\n\nSe non sei stato tu, ignora questa e-mail: la tua password non cambia.\n\nAccesso: ${v.signIn}`,
    },
  },
};

export function adminCopy(lang: PageLanguage): AdminCopy {
  return COPY[lang];
}
