// The profile filter of a message, case by case: every named field must hold one of its values;
// values compare as text, Unicode-normalised, trimmed and case-folded; a missing value never matches.

import { describe, expect, it } from 'vitest';
import { matchesProfileFilter, ProfileFilter } from '../../shared/sending/profile-filter';

describe('matchesProfileFilter', () => {
  it('needs every field (AND) and one of its values (OR)', () => {
    const f = { team: ['Sales', 'Support'], city: 'Porto' };
    expect(matchesProfileFilter({ team: 'Sales', city: 'Porto' }, f)).toBe(true);
    expect(matchesProfileFilter({ team: 'Support', city: 'Porto', extra: 1 }, f)).toBe(true);
    expect(matchesProfileFilter({ team: 'Ops', city: 'Porto' }, f)).toBe(false);
    expect(matchesProfileFilter({ team: 'Sales' }, f)).toBe(false);
    expect(matchesProfileFilter({}, f)).toBe(false);
    expect(matchesProfileFilter({ team: null, city: 'Porto' }, f)).toBe(false);
  });

  it('compares as text: case, Unicode form and surrounding spaces do not matter', () => {
    expect(matchesProfileFilter({ city: 'Zu\u0308rich' }, { city: 'ZÜRICH' })).toBe(true);
    expect(matchesProfileFilter({ city: ' İstanbul ' }, { city: 'İstanbul' })).toBe(true);
    expect(matchesProfileFilter({ size: 5 }, { size: '5' })).toBe(true);
    expect(matchesProfileFilter({ vip: true }, { vip: true })).toBe(true);
    expect(matchesProfileFilter({ vip: false }, { vip: true })).toBe(false);
    expect(matchesProfileFilter({ city: 'Zürich-Nord' }, { city: 'Zürich' })).toBe(false);
  });

  it('folds case beyond English: ß and SS, Greek final sigma, full-width forms', () => {
    expect(matchesProfileFilter({ street: 'Hauptstraße' }, { street: 'HAUPTSTRASSE' })).toBe(true);
    expect(matchesProfileFilter({ street: 'HAUPTSTRASSE' }, { street: 'hauptstraße' })).toBe(true);
    expect(matchesProfileFilter({ street: 'Οδός' }, { street: 'ΟΔΌΣ' })).toBe(true);
    expect(matchesProfileFilter({ city: 'ＺＵＲＩＣＨ' }, { city: 'zurich' })).toBe(true);
    expect(matchesProfileFilter({ size: '５' }, { size: 5 })).toBe(true);
    expect(matchesProfileFilter({ city: 'Zurich' }, { city: 'Zürich' })).toBe(false);
  });

  it('accepts only field keys, 1 to 10 fields, 1 to 50 values of at most 500 characters', () => {
    expect(ProfileFilter.safeParse({ team: 'Sales' }).success).toBe(true);
    expect(ProfileFilter.safeParse({}).success).toBe(false);
    expect(ProfileFilter.safeParse({ Team: 'Sales' }).success).toBe(false);
    expect(ProfileFilter.safeParse({ team: [] }).success).toBe(false);
    expect(ProfileFilter.safeParse({ team: Array.from({ length: 51 }, (_, i) => `v${i}`) }).success).toBe(
      false,
    );
    expect(ProfileFilter.safeParse({ team: 'x'.repeat(501) }).success).toBe(false);
    expect(
      ProfileFilter.safeParse(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}`, 'v'])))
        .success,
    ).toBe(false);
  });
});
