// Short replies people send to a newsletter that are not privacy requests (praise), and the
// corrections they send without naming a right ("my name is spelled wrong"). Written for this
// test in each language.

import { describe, expect, it } from 'vitest';
import { classifyIntent } from '../../shared/intent/classify';
import { DEFAULT_AUTO_THRESHOLD, decideIntent } from '../../shared/inbound/decide';

const PRAISE: readonly (readonly [lang: string, text: string])[] = [
  ['en', 'Thanks, great newsletter as always!'],
  ['en', 'Love this newsletter, keep it up. Best mailing in my inbox.'],
  ['de', 'Danke, toller Newsletter wie immer!'],
  ['fr', 'Merci, super newsletter comme toujours !'],
  ['nl', 'Bedankt, weer een leuke nieuwsbrief!'],
  ['es', '¡Gracias, gran newsletter como siempre!'],
  ['it', 'Grazie, bellissima newsletter come sempre!'],
  ['pt', 'Obrigada, excelente newsletter como sempre!'],
  ['pl', 'Dzięki, świetny newsletter jak zawsze!'],
  ['sv', 'Tack, ett riktigt bra nyhetsbrev som vanligt!'],
  ['da', 'Tak, et super nyhedsbrev som altid!'],
  ['cs', 'Díky, skvělý newsletter jako vždy!'],
  ['hr', 'Hvala, odličan newsletter kao i uvijek!'],
  ['ro', 'Mulțumesc, un newsletter excelent ca de obicei!'],
  ['el', 'Ευχαριστώ, υπέροχο newsletter όπως πάντα!'],
];

const MISSPELT: readonly (readonly [lang: string, text: string])[] = [
  ['en', 'My name is spelled wrong in your records, it should be Jansen not Janssen.'],
  ['en', 'You misspelled my surname: it is Smyth, not Smith.'],
  ['de', 'Mein Name ist bei Ihnen falsch geschrieben, richtig ist Jansen (nicht Janssen).'],
  ['fr', 'Mon nom est mal orthographié dans vos fichiers : il faut écrire Jansen et non Janssen.'],
  ['nl', 'Mijn achternaam is verkeerd gespeld, het moet Jansen zijn en niet Janssen.'],
  ['es', 'Mi apellido está mal escrito en sus registros, debería ser Jansen y no Janssen.'],
  ['it', 'Il mio cognome è scritto male nei vostri archivi: dovrebbe essere Jansen, non Janssen.'],
  ['pt', 'O meu apelido está mal escrito nos vossos registos, deveria ser Jansen e não Janssen.'],
  ['pl', 'Moje nazwisko jest błędnie zapisane, powinno być Jansen, a nie Janssen.'],
  ['sv', 'Mitt efternamn är felstavat hos er, det ska vara Jansen och inte Janssen.'],
  ['da', 'Mit efternavn er stavet forkert hos jer, det skal være Jansen og ikke Janssen.'],
  ['cs', 'Moje příjmení je u vás chybně napsané, správně je Jansen, ne Janssen.'],
  ['hr', 'Moje prezime je kod vas pogrešno napisano, treba biti Jansen, a ne Janssen.'],
  ['ro', 'Numele meu este scris greșit în evidențele dumneavoastră, ar trebui să fie Jansen, nu Janssen.'],
  ['el', 'Το επώνυμό μου είναι γραμμένο λάθος, το σωστό είναι Jansen και όχι Janssen.'],
];

const decide = (text: string) => decideIntent({ subject: '', text, textSource: 'text' }, undefined);

describe('classifyIntent: praise for a newsletter is not a request', () => {
  it.each(PRAISE)('[%s] %s', (_lang, text) => {
    const result = classifyIntent({ text });
    expect(result.kind).toBe('review');
    expect(result.confidence).toBeLessThan(DEFAULT_AUTO_THRESHOLD);
    expect(decide(text).kind).toBe('review');
  });

  it('counts a word every language knows once, in the language the text is written in', () => {
    const { matched, language } = classifyIntent({
      text: 'Danke, toller Newsletter wie immer, ich freue mich!',
    });
    expect(language).toBe('de');
    expect(matched).toEqual(['de:newsletter']);
  });

  it('still files a real unsubscribe that names the newsletter', () => {
    expect(decide('Thanks for the newsletter, but please unsubscribe me.').kind).toBe('unsubscribe');
    expect(decide('Danke für den Newsletter, aber bitte melden Sie mich ab.').kind).toBe('unsubscribe');
  });
});

describe('classifyIntent: a misspelt detail with its right spelling is a rectification', () => {
  it.each(MISSPELT)('[%s] %s', (_lang, text) => {
    const result = classifyIntent({ text });
    expect(result.kind).toBe('rectification');
    expect(decide(text).kind).toBe('rectification');
  });
});
