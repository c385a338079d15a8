// An erasure is the one outcome that cannot be undone, so a sentence that only hedges, asks how
// deletion works, threatens it conditionally or says NOT to delete must never classify as a
// confident erasure. All sentences were written for this test.

import { describe, expect, it } from 'vitest';
import { classifyIntent, type IntentKind } from '../../shared/intent/classify';
import { erasureGuard } from '../../shared/intent/erasure-guards';
import { normaliseText } from '../../shared/intent/normalise';

const AUTO_THRESHOLD = 0.6;

type Case = readonly [lang: string, text: string];

const HEDGES: readonly Case[] = [
  ['en', 'Hmm, maybe delete my account some day?'],
  ['en', 'Maybe I should delete my account.'],
  ['en', 'I might want you to delete my data at some point.'],
  ['en', 'Perhaps you could erase my data eventually, not sure yet.'],
  ['de', 'Vielleicht lösche ich irgendwann mein Konto.'],
  ['de', 'Eventuell möchte ich später meine Daten löschen lassen.'],
  ['fr', 'Peut-être que je supprimerai mon compte un jour.'],
  ['fr', 'Je vais peut-être supprimer mes données.'],
  ['nl', 'Misschien verwijder ik ooit mijn account.'],
  ['nl', 'Wellicht wil ik later eens mijn gegevens laten verwijderen.'],
  ['es', 'Quizás borre mi cuenta algún día.'],
  ['es', 'Tal vez quiera que borren mis datos más adelante.'],
  ['it', 'Forse un giorno cancellerò i miei dati.'],
  ['pt', 'Talvez um dia apague os meus dados.'],
  ['sv', 'Kanske raderar jag mitt konto någon gång.'],
];

const PROCESS_QUESTIONS: readonly Case[] = [
  ['en', 'How do I delete my account?'],
  ['en', 'How can I delete all my data?'],
  ['en', 'Can you tell me how long you keep my data?'],
  ['en', 'What happens to my data if I delete my account?'],
  ['de', 'Wie kann ich mein Konto löschen?'],
  ['de', 'Wie lösche ich meine Daten?'],
  ['de', 'Wie lange speichern Sie meine Daten?'],
  ['fr', 'Comment puis-je supprimer mon compte ?'],
  ['fr', 'Comment supprimer mes données ?'],
  ['fr', 'Combien de temps conservez-vous mes données ?'],
  ['nl', 'Hoe kan ik mijn account verwijderen?'],
  ['nl', 'Hoe verwijder ik mijn gegevens?'],
  ['nl', 'Hoe lang bewaren jullie mijn gegevens?'],
  ['es', '¿Cómo puedo borrar mi cuenta?'],
  ['es', '¿Cómo elimino mis datos?'],
  ['es', '¿Cuánto tiempo conservan mis datos?'],
  ['it', 'Come posso cancellare il mio account?'],
  ['da', 'Hvordan sletter jeg mine oplysninger?'],
];

const CONDITIONALS: readonly Case[] = [
  ['en', "If you don't stop, I will ask you to delete my data."],
  ['en', 'If this continues I will have my data erased.'],
  ['de', 'Wenn Sie so weitermachen, verlange ich die Löschung meiner Daten.'],
  ['de', 'Falls das nicht aufhört, lasse ich meine Daten löschen.'],
  ['fr', 'Si vous continuez, je demanderai la suppression de mes données.'],
  ['nl', 'Als jullie niet stoppen, vraag ik om verwijdering van mijn gegevens.'],
  ['es', 'Si no paran, les pediré que borren mis datos.'],
];

const NEGATIONS: readonly Case[] = [
  ['en', 'Please do not erase my data, I still use the app.'],
  ['de', 'Löschen Sie bitte meine Daten nicht.'],
  ['de', 'Mein Konto bitte nicht löschen.'],
  ['fr', 'Merci de ne pas supprimer mes données.'],
  ['fr', 'Ne supprimez pas mon compte.'],
  ['nl', 'Verwijder mijn gegevens niet.'],
  ['nl', 'Mijn account niet verwijderen alstublieft.'],
  ['es', 'Por favor, no borre mis datos.'],
  ['sv', 'Radera inte mitt konto.'],
  // The negation governs the clause after the comma ("nicht, dass …").
  ['de', 'Ich möchte nicht, dass Sie meine Daten löschen.'],
  ['da', 'Jeg ønsker ikke, at I sletter mine oplysninger.'],
  ['pl', 'Nie chcę, żeby usunięto moje dane.'],
  ['hu', 'Nem szeretném, hogy töröljék az adataimat.'],
  ['fi', 'En halua, että poistatte tietoni.'],
  // The negation stands between the polite request and the verb.
  ['hr', 'Molim vas, nemojte izbrisati moje podatke.'],
  ['sl', 'Prosim, ne izbrišite mojih podatkov.'],
  ['fi', 'Pyydän, ettei tietojani poisteta.'],
  ['da', 'Slet venligst ikke mine oplysninger.'],
];

/** Negated or hedged erasure next to a clear request for something else: that other kind wins. */
const OTHER_KIND: readonly (readonly [lang: string, text: string, kind: IntentKind])[] = [
  ['en', "Don't delete my account, just stop the emails.", 'unsubscribe'],
  ['de', 'Bitte mein Konto nicht löschen, nur keine Newsletter mehr.', 'unsubscribe'],
  ['fr', 'Ne supprimez pas mon compte, arrêtez juste les e-mails.', 'unsubscribe'],
  ['nl', 'Mijn account niet verwijderen alstublieft, alleen geen nieuwsbrief meer.', 'unsubscribe'],
  ['es', 'No borren mi cuenta, solo dejen de enviarme correos.', 'unsubscribe'],
  [
    'en',
    'Maybe I will delete my account one day, but for now please correct my surname to Smyth.',
    'rectification',
  ],
];

/** Real requests that look like the cases above and must stay confident erasures. */
const STILL_ERASURE: readonly Case[] = [
  ['en', 'Please delete all my data.'],
  ['en', 'Can you please delete my account?'],
  ['en', 'Could you delete all my personal data, please?'],
  ['en', 'Delete my account now, I do not want it any more.'],
  ['en', 'Please delete all my personal data no later than 30 days from today.'],
  ['de', 'Können Sie bitte meine Daten löschen?'],
  ['de', 'Bitte löschen Sie mein Konto. Ich möchte nicht mehr kontaktiert werden.'],
  ['de', 'Bitte löschen Sie nicht nur mein Konto, sondern alle meine Daten.'],
  ['fr', 'Pouvez-vous supprimer mon compte, s’il vous plaît ?'],
  ['fr', 'Veuillez supprimer toutes mes données au plus tard le 1er mai.'],
  ['nl', 'Kunt u mijn gegevens verwijderen?'],
  ['nl', 'Verwijder mijn gegevens zo snel mogelijk.'],
  ['es', '¿Pueden borrar mis datos, por favor?'],
  ['es', 'Por favor, borren todos mis datos cuanto antes.'],
  ['sl', 'Izbrišite ne samo moj račun, ampak tudi vse moje podatke.'],
  ['pl', 'Proszę usunąć nie tylko moje konto, ale i wszystkie dane.'],
  ['hu', 'Szeretném, ha törölnék a regisztrációmat és minden rólam tárolt adatot.'],
  ['sk', 'Prosím, vymažte všetky moje osobné údaje čo možno najskôr.'],
  ['lv', 'Lūdzu, dzēsiet visus manus datus ne vēlāk kā 30 dienu laikā.'],
];

describe('classifyIntent: undecided erasure is never a confident erasure', () => {
  for (const [label, cases] of [
    ['hedge', HEDGES],
    ['process question', PROCESS_QUESTIONS],
    ['conditional', CONDITIONALS],
    ['negation', NEGATIONS],
  ] as const) {
    it.each(cases)(`${label} [%s] %s`, (_lang, text) => {
      const result = classifyIntent({ text });
      expect(result.kind).toBe('review');
      expect(result.confidence).toBeLessThan(AUTO_THRESHOLD);
    });
  }

  it.each(OTHER_KIND)('[%s] %s → %s', (_lang, text, kind) => {
    expect(classifyIntent({ text }).kind).toBe(kind);
  });

  it.each(STILL_ERASURE)('stays erasure [%s] %s', (_lang, text) => {
    const result = classifyIntent({ text });
    expect(result.kind).toBe('erasure');
    expect(result.confidence).toBeGreaterThanOrEqual(AUTO_THRESHOLD);
  });
});

describe('erasureGuard', () => {
  const guard = (sentence: string, phrase: string, langs = ['en', 'de', 'nl', 'fr', 'es', 'sv']) => {
    const s = normaliseText(sentence);
    const p = normaliseText(phrase);
    const at = s.indexOf(p);
    return erasureGuard(s, p, s.slice(at + p.length), langs);
  };

  it.each([
    ['Maybe delete my data.', 'delete my data', 'hedge'],
    ['How do I delete my data?', 'delete my data', 'question'],
    ['Löschen Sie meine Daten nicht.', 'löschen sie meine daten', 'negated'],
    ['Bitte mein Konto nicht löschen.', 'konto nicht löschen', 'negated'],
    ['Verwijder mijn gegevens alstublieft niet.', 'verwijder mijn gegevens', 'negated'],
    ['Delete my data.', 'delete my data', null],
    ['Löschen Sie meine Daten, die Sie nicht mehr brauchen.', 'löschen sie meine daten', null],
    ['Löschen Sie nicht nur mein Konto.', 'löschen sie nicht nur mein konto', null],
    ['Radera inte mitt konto.', 'radera inte mitt konto', 'negated'],
  ] as const)('%s → %s', (sentence, phrase, expected) => {
    expect(guard(sentence, phrase)).toBe(expected);
  });

  it('only applies the languages it is given', () => {
    expect(erasureGuard('vielleicht daten loschen', 'daten loschen', '', ['en'])).toBeNull();
    expect(erasureGuard('vielleicht daten loschen', 'daten loschen', '', ['en', 'de'])).toBe('hedge');
  });
});

describe('classifyIntent: a deletion asked for only in the subject', () => {
  it.each([
    ['en', 'Delete my account', "Maybe some day, I'm not sure yet."],
    ['en', 'Delete my data', 'How would I do that, and how long do you keep it?'],
    ['de', 'Konto löschen', 'Vielleicht irgendwann, ich überlege noch.'],
    ['fr', 'Supprimer mes données', 'Peut-être plus tard, je ne suis pas sûre.'],
    ['fi', 'Tilini poistaminen', 'Ehkä joskus myöhemmin, en ole vielä varma.'],
    ['hu', 'Adataim törlése', 'Talán később, még nem vagyok biztos benne.'],
  ])('[%s] is undecided when the body hesitates: %s / %s', (_lang, subject, text) => {
    const result = classifyIntent({ subject, text });
    expect(result.kind).not.toBe('erasure');
    expect(result.confidence).toBeLessThan(AUTO_THRESHOLD);
  });

  it.each([
    ['en', 'Delete my account', 'Thanks.'],
    [
      'de',
      'Löschung meiner Daten',
      'Bitte löschen Sie alle meine Daten. Falls Sie Fragen haben, melden Sie sich.',
    ],
  ])('[%s] stays an erasure otherwise: %s / %s', (_lang, subject, text) => {
    const result = classifyIntent({ subject, text });
    expect(result.kind).toBe('erasure');
    expect(result.confidence).toBeGreaterThanOrEqual(AUTO_THRESHOLD);
  });
});
