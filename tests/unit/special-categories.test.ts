import { describe, expect, it } from 'vitest';
import {
  assertAllowedValues,
  forbiddenValues,
  looksLikeCardNumber,
  looksLikeIban,
  specialCategoryOf,
} from '../../shared/privacy/special-categories';

describe('specialCategoryOf', () => {
  it.each([
    ['Health condition', 'health'],
    ['Krankheiten', 'health'],
    ['État de santé', 'health'],
    ['Gezondheid', 'health'],
    ['Medication list', 'health'],
    ['Religion', 'religion'],
    ['Konfession', 'religion'],
    ['Croyance religieuse', 'religion'],
    ['Godsdienst', 'religion'],
    ['Ethnic origin', 'ethnicity'],
    ['Ethnische Herkunft', 'ethnicity'],
    ['Origine ethnique', 'ethnicity'],
    ['Etniciteit', 'ethnicity'],
    ['Political party', 'politics'],
    ['Politische Meinung', 'politics'],
    ['Opinion politique', 'politics'],
    ['Politieke voorkeur', 'politics'],
    ['Sexual orientation', 'sex_life_or_orientation'],
    ['Sexuelle Orientierung', 'sex_life_or_orientation'],
    ['Orientation sexuelle', 'sex_life_or_orientation'],
    ['Seksuele geaardheid', 'sex_life_or_orientation'],
    ['Fingerprint', 'biometrics'],
    ['Fingerabdruck', 'biometrics'],
    ['Empreinte digitale', 'biometrics'],
    ['Vingerafdruk', 'biometrics'],
    ['DNA profile', 'genetics'],
    ['Genetische Daten', 'genetics'],
    ['Données génétiques', 'genetics'],
    ['Trade union', 'union_membership'],
    ['Gewerkschaft', 'union_membership'],
    ['Syndicat', 'union_membership'],
    ['Vakbond', 'union_membership'],
    ['Criminal record', 'criminal_records'],
    ['Vorstrafen', 'criminal_records'],
    ['Casier judiciaire', 'criminal_records'],
    ['Strafblad', 'criminal_records'],
    ['Annual income', 'finances'],
    ['Gehalt', 'finances'],
    ['Salaire', 'finances'],
    ['Inkomen', 'finances'],
    ['creditCardNumber', 'finances'],
    ['Religie', 'religion'],
    ['Religieuze overtuiging', 'religion'],
    ['Levensovertuiging', 'religion'],
    ['Religiöse Zugehörigkeit', 'religion'],
    ['Appartenance religieuse', 'religion'],
    ['Hautfarbe', 'ethnicity'],
    ['Huidskleur', 'ethnicity'],
    ['Couleur de peau', 'ethnicity'],
    ['Skin colour', 'ethnicity'],
    ['skin_color', 'ethnicity'],
    ['Race', 'ethnicity'],
    ['Your race', 'ethnicity'],
    ['Race or ethnic origin', 'ethnicity'],
    ['Rasse', 'ethnicity'],
    ['Krankenkasse', 'health'],
    ['Krankenversicherung', 'health'],
    ['Zorgverzekering', 'health'],
    ['Mutuelle', 'health'],
    ['Huisarts', 'health'],
    ['Mental wellbeing', 'health'],
    ['Test ADN', 'genetics'],
    ['DNA ancestry kit', 'genetics'],
    ['Who did you vote for?', 'politics'],
    ['Partijvoorkeur', 'politics'],
  ])('%s → %s', (text, category) => {
    expect(specialCategoryOf(text)?.category).toBe(category);
  });

  it.each([
    'City',
    'Company',
    'Favourite colour',
    'Headline',
    'Interests',
    'Geburtstag',
    'Ville',
    'Woonplaats',
    'Language',
    'Career orientation',
    'Source of sign-up',
    'Favourite race car',
    'Race day t-shirt size',
    'Horse race',
    'Next race',
    'Raceway',
    'Adnan',
    'Voter id',
    'Team mentality',
    'Arts and crafts',
    'Skin type',
    'Lieblingsfarbe',
    'Kassenzettel',
    'Couleur préférée',
    'Rassemblement',
    'Partijgrootte',
    'Kleurvoorkeur',
  ])('%s is an ordinary field', (text) => expect(specialCategoryOf(text)).toBeNull());

  it('looks at key, label and description together', () => {
    expect(specialCategoryOf('notes', 'Notes', 'Tell us about your diabetes')?.category).toBe('health');
  });
});

describe('payment data in values', () => {
  it.each([
    ['4111 1111 1111 1111', true],
    ['4111-1111-1111-1111', true],
    ['5500005555555559', true],
    ['4111 1111 1111 1112', false],
    ['0000 0000 0000 0000', false],
    ['123', false],
    ['+49 30 1234567', false],
  ])('card %s → %s', (v, expected) => expect(looksLikeCardNumber(v)).toBe(expected));

  it.each([
    ['DE89 3704 0044 0532 0130 00', true],
    ['GB82WEST12345698765432', true],
    ['nl91abna0417164300', true],
    ['DE89 3704 0044 0532 0130 01', false],
    ['DE12', false],
  ])('IBAN %s → %s', (v, expected) => expect(looksLikeIban(v)).toBe(expected));

  it('finds card numbers and IBANs inside text, in any field', () => {
    expect(
      forbiddenValues({
        a: 'my card is 4111 1111 1111 1111 thanks',
        b: 'iban: GB82 WEST 1234 5698 7654 32',
        c: 'Berlin',
        d: 42,
      }),
    ).toEqual([
      { field: 'a', kind: 'card_number' },
      { field: 'b', kind: 'iban' },
    ]);
  });
});

describe('assertAllowedValues', () => {
  it('names the field and the kind of payment data', () => {
    expect(() => assertAllowedValues({ city: 'Lyon', memo: 'FR76 3000 6000 0112 3456 7890 189' })).toThrow(
      expect.objectContaining({
        code: 'special_category',
        message: expect.stringMatching(/"memo" looks like an IBAN/),
      }),
    );
    expect(() => assertAllowedValues({ kaart: '5500 0055 5555 5559' })).toThrow(
      /"kaart" looks like a payment card number/,
    );
    expect(() => assertAllowedValues(null)).not.toThrow();
    expect(() => assertAllowedValues({ phone: '+33 1 23 45 67 89' })).not.toThrow();
  });
});
