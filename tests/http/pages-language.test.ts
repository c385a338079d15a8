// Every page speaks the person's language: the browser's Accept-Language first, then what we
// know (the request's language on /v/ and /x/, the subscriber's on /c/, the form's on form
// errors), then English; in at least en, de, fr, nl, es, it.

import { describe, expect, it } from 'vitest';
import { formFixture, postForm } from '../support/consent';
import { BROWSER_UA, captureQueue, EU_CF, mintLink, seedList, seedSubscriber } from '../support/intercept';
import { documentLanguage, headingsOf, press, requestWithLinks, signUp } from '../support/pages';
import { call, seedTenant } from '../support/seed';

const read = async (res: Response) => {
  const html = await res.text();
  return {
    lang: documentLanguage(html),
    h1: headingsOf(html)[0],
    html,
    contentLanguage: res.headers.get('content-language'),
  };
};
const inLanguage = (path: string, acceptLanguage?: string) =>
  call(path, {
    headers: { 'user-agent': BROWSER_UA, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) },
  });

describe("the requester's pages (/v/, /x/)", () => {
  it("speak the request's language when the browser asks for none we have, and the browser's when it does", async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const { verifyPath, exportPath } = await requestWithLinks(tenant, apiKey, {
      kind: 'access',
      language: 'de',
    });

    const german = await read(await inLanguage(verifyPath));
    expect(german).toMatchObject({ lang: 'de', contentLanguage: 'de', h1: 'Bestätigen Sie Ihre Anfrage' });
    expect(german.html).toContain('Eine Kopie meiner personenbezogenen Daten');
    expect(german.html).toContain('Ja, diese Anfrage ist von mir');
    expect((await read(await inLanguage(verifyPath, 'ja, zh;q=0.8'))).h1).toBe('Bestätigen Sie Ihre Anfrage');
    expect((await read(await inLanguage(verifyPath, 'it-CH, it;q=0.9'))).h1).toBe(
      'Confermi la sua richiesta',
    );
    expect((await read(await inLanguage(exportPath))).h1).toBe('Noch nicht verfügbar');

    const done = await read(await press(verifyPath, { 'accept-language': 'nl' }));
    expect(done).toMatchObject({ lang: 'nl', h1: 'Dank u' });
    const again = await read(await press(verifyPath));
    expect(again).toMatchObject({ lang: 'de', h1: 'Bereits bestätigt' });
  });
});

describe('every page family in every page language', () => {
  it.each([
    [
      'en',
      'Confirm your subscription',
      'Confirm your request',
      'Page not found',
      'May we keep writing to you?',
    ],
    [
      'de',
      'Bestätigen Sie Ihr Abonnement',
      'Bestätigen Sie Ihre Anfrage',
      'Seite nicht gefunden',
      'Dürfen wir Ihnen weiter schreiben?',
    ],
    [
      'fr',
      'Confirmez votre abonnement',
      'Confirmez votre demande',
      'Page introuvable',
      'Pouvons-nous continuer à vous écrire ?',
    ],
    [
      'nl',
      'Bevestig uw inschrijving',
      'Bevestig uw verzoek',
      'Pagina niet gevonden',
      'Mogen we u blijven mailen?',
    ],
    [
      'es',
      'Confirme su suscripción',
      'Confirme su solicitud',
      'Página no encontrada',
      '¿Podemos seguir escribiéndole?',
    ],
    [
      'it',
      'Confermi la sua iscrizione',
      'Confermi la sua richiesta',
      'Pagina non trovata',
      'Possiamo continuare a scriverle?',
    ],
  ])('%s', async (language, confirmTitle, verifyTitle, notFoundTitle, interceptTitle) => {
    captureQueue();
    const { f, link } = await signUp({ language: 'en' });
    const { verifyPath } = await requestWithLinks(f.tenant, f.apiKey, { language: 'en' });
    const subscriber = await seedSubscriber(f.tenant);
    const list = await seedList(f.tenant);
    const token = await mintLink({ tenantId: f.tenant.id, subscriberId: subscriber.id, listId: list.id });
    const accept = `${language}-XX, ${language};q=0.9`;
    const pages = [
      [await inLanguage(link, accept), confirmTitle],
      [await inLanguage(verifyPath, accept), verifyTitle],
      [await inLanguage('/nothing-here', accept), notFoundTitle],
      [
        await call(`/l/${token}`, {
          cf: EU_CF,
          headers: { 'user-agent': BROWSER_UA, 'accept-language': accept },
        }),
        interceptTitle,
      ],
    ] as const;
    for (const [res, title] of pages) {
      expect(await read(res)).toMatchObject({ lang: language, contentLanguage: language, h1: title });
    }
  });
});

describe('form error pages', () => {
  it("speak the browser's language, else the form's, and say what to do", async () => {
    const f = await formFixture('eu', { language: 'es' });
    const spanish = await read(await postForm(f.formId, { email: 'a@example.org' }));
    expect(spanish).toMatchObject({ lang: 'es', h1: 'No ha funcionado' });
    expect(spanish.html).toContain('Marque la casilla para dar su consentimiento');
    const res = await call(`/f/${f.formId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://shop.example.com',
        'accept-language': 'it',
      },
      body: 'email=a%40example.org',
      cf: EU_CF,
    });
    const italian = await read(res);
    expect(italian).toMatchObject({ lang: 'it', h1: 'Non ha funzionato' });
    expect(italian.html).toContain('Spunti la casella');
  });
});
