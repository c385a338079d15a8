// The one language negotiation every page and mail uses: Accept-Language with q-values and
// regions first, then what we know of the person, then English.

import { describe, expect, it } from 'vitest';
import { acceptedLanguages, baseLanguage, formatDate, negotiateLanguage } from '../../shared/i18n/language';

describe('Accept-Language', () => {
  it.each([
    ['de-DE,de;q=0.9,en;q=0.8', ['de-de', 'de', 'en']],
    ['en;q=0.1, fr;q=0.9, nl', ['nl', 'fr', 'en']],
    ['fr;q=0, de', ['de']],
    ['*', []],
    ['zh-Hant-TW, EN-gb;q=0.5', ['zh-hant-tw', 'en-gb']],
    ['de;q=2, nl;q=abc, fr;q=0.5', ['fr']],
    ['pt_BR', ['pt-br']],
    ['', []],
    [';;;,,,', []],
  ])('%j ranks %j', (header, expected) => {
    expect(acceptedLanguages(header)).toEqual(expected);
  });
});

describe('negotiateLanguage', () => {
  const PAGES = ['en', 'de', 'fr', 'nl', 'es', 'it'] as const;
  it.each([
    ['nl-BE', 'nl'],
    ['ja, de;q=0.3', 'de'],
    ['ja', 'en'],
    [undefined, 'en'],
    ['x'.repeat(5000), 'en'],
    ['fr-CA;q=0.4, it-CH;q=0.8', 'it'],
  ])('header %j gives %j', (header, expected) => {
    expect(negotiateLanguage(PAGES, { acceptLanguage: header })).toBe(expected);
  });

  it('the header wins over what we know; what we know wins over English', () => {
    expect(negotiateLanguage(PAGES, { acceptLanguage: 'es', known: ['de'] })).toBe('es');
    expect(negotiateLanguage(PAGES, { acceptLanguage: 'ja', known: ['fr-BE'] })).toBe('fr');
    expect(negotiateLanguage(PAGES, { known: [null, undefined, 'xx', 'nl_NL'] })).toBe('nl');
    expect(negotiateLanguage(PAGES, { known: ['sv'] })).toBe('en');
  });

  it('a regional variant is preferred where one exists, and reached from its base language', () => {
    const offered = ['en', 'pt-br', 'pt', 'de-ch'] as const;
    expect(negotiateLanguage(offered, { acceptLanguage: 'pt-BR' })).toBe('pt-br');
    expect(negotiateLanguage(offered, { acceptLanguage: 'pt-PT' })).toBe('pt');
    expect(negotiateLanguage(offered, { acceptLanguage: 'de' })).toBe('de-ch');
  });

  it('without English on offer, the first language is the fallback', () => {
    expect(negotiateLanguage(['de', 'fr'] as const, { acceptLanguage: 'ja' })).toBe('de');
  });
});

describe('baseLanguage and formatDate', () => {
  it.each([
    ['de-AT', 'de'],
    ['pt_BR', 'pt'],
    ['EN', 'en'],
    ['', ''],
    [null, ''],
    ['1x-foo', ''],
  ])('%j → %j', (tag, expected) => {
    expect(baseLanguage(tag)).toBe(expected);
  });

  it('writes a date as the language does, in UTC', () => {
    const at = new Date('2026-11-29T23:30:00Z');
    expect(formatDate(at, 'en')).toBe('November 29, 2026');
    expect(formatDate(at, 'de')).toBe('29. November 2026');
    expect(formatDate(at, 'fr')).toBe('29 novembre 2026');
  });
});
