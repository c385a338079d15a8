import { describe, expect, it } from 'vitest';
import {
  builtInNotice,
  NOTICE_LANGUAGES,
  NOTICE_STAGES,
  noticeLanguage,
  renderNotice,
} from '../../shared/privacy-notices';

describe('requester notices', () => {
  it('every stage exists in every built-in language, and link stages carry the link', () => {
    for (const lang of NOTICE_LANGUAGES) {
      for (const stage of NOTICE_STAGES) {
        const t = builtInNotice(stage, lang);
        expect(t.subject.length).toBeGreaterThan(5);
        if (stage === 'verify' || stage === 'export_ready') expect(t.body).toContain('{{link}}');
      }
    }
  });

  it.each([
    ['de-AT', 'de'],
    ['FR', 'fr'],
    ['nl_BE', 'nl'],
    ['es', 'en'],
    [null, 'en'],
  ])('%s → %s', (input, expected) => {
    expect(noticeLanguage(input)).toBe(expected);
  });

  it('fills placeholders, empties unknown ones and keeps the subject on one line', () => {
    const out = renderNotice(
      { subject: 'Re: {{kind}}\n{{x}}', body: 'Hi {{ tenant }}, {{unknown}}done' },
      { kind: 'erasure', tenant: 'Acme' },
    );
    expect(out).toEqual({ subject: 'Re: erasure', body: 'Hi Acme, done' });
  });
});
