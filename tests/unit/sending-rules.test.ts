// The pure rules of sending, case by case: which merge fields a template names and which are
// unknown, how values go in (escaped for HTML, none left over), and the recipient verdict from a
// subscription's compliance state, suppression, consent and the tenant's intercept setting.

import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  fillMergeFields,
  mergeFieldsOf,
  mergeValues,
  unknownMergeFields,
} from '../../shared/mail/merge-fields';
import { skipReason } from '../../shared/sending/recipient-verdict';

describe('merge fields', () => {
  it.each([
    ['Hi {{firstName}}', ['firstName']],
    ['{{ firstName }} and {{firstName}} in {{city}}', ['firstName', 'city']],
    ['{{}} {{ 9lives }} {{first-name}} {firstName} {{{city}}}', ['city']],
    ['no fields', []],
  ])('%j names %j', (template, fields) => {
    expect(mergeFieldsOf(template)).toEqual(fields);
  });

  it('knows the built-in fields and the profile keys, nothing else', () => {
    expect(
      unknownMergeFields(['{{firstName}} {{preferencesUrl}} {{unsubscribeUrl}} {{city}}'], ['city']),
    ).toEqual([]);
    expect(unknownMergeFields(['{{email}}', '{{lastName}} {{email}}'], ['city'])).toEqual([
      'email',
      'lastName',
    ]);
  });

  it('fills values, escaped when asked, and leaves no field behind', () => {
    const values = { firstName: 'Zoë', city: '<b>Köln</b> & "Bonn"' };
    expect(fillMergeFields('{{firstName}} of {{city}}{{ missing }}', values)).toBe(
      'Zoë of <b>Köln</b> & "Bonn"',
    );
    expect(fillMergeFields('{{city}}', values, escapeHtml)).toBe(
      '&lt;b&gt;Köln&lt;/b&gt; &amp; &quot;Bonn&quot;',
    );
  });

  it('takes firstName from the profile, else the first word of the name', () => {
    const links = { preferencesUrl: 'p', unsubscribeUrl: 'u' };
    expect(mergeValues({ name: '  Jean-Luc Picard ', profile: {} }, links).firstName).toBe('Jean-Luc');
    expect(mergeValues({ name: 'Jean-Luc Picard', profile: { firstName: 'JL' } }, links).firstName).toBe(
      'JL',
    );
    expect(mergeValues({ name: null, profile: { age: 41, vip: true } }, links)).toMatchObject({
      firstName: '',
      age: '41',
      vip: 'true',
      preferencesUrl: 'p',
    });
  });
});

describe('recipient verdict', () => {
  const base = { state: 'valid' as const, consentValid: true, suppressed: false, homeRegion: 'eu' };
  it.each([
    [{}, 'eu', null],
    [{ suppressed: true }, 'eu', 'suppressed'],
    [{ state: 'withdrawn', consentValid: false }, 'off', 'withdrawn'],
    [{ state: 'erasure_pending' }, 'off', 'erasure_pending'],
    [{ state: 'pending_confirmation', consentValid: false }, 'eu', 'pending_confirmation'],
    [{ state: 'other_basis', consentValid: false }, 'eu', 'consent_required'],
    [{ state: 'other_basis', consentValid: false }, undefined, 'consent_required'],
    [{ state: 'other_basis', consentValid: false, homeRegion: 'unknown' }, 'eu', null],
    [{ state: 'other_basis', consentValid: false, homeRegion: 'non_eu' }, 'all', 'consent_required'],
    [{ state: 'other_basis', consentValid: false }, 'off', null],
    [{ state: 'other_basis', consentValid: true }, 'all', null],
  ] as const)('%j with intercept %s: %s', (over, mode, reason) => {
    expect(skipReason({ ...base, ...over }, mode)).toBe(reason);
  });
});
