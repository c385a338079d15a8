import { describe, expect, it } from 'vitest';
import {
  builtInNotice,
  kindName,
  NOTICE_LANGUAGES,
  NOTICE_STAGES,
  noticeLanguage,
  PLACEHOLDERS,
  rejectReasonName,
  renderNotice,
} from '../../shared/privacy-notices';
import { REJECT_REASON_CODES, REQUEST_KINDS } from '../../shared/request-lifecycle';

describe('requester notices', () => {
  it('covers the ten languages of both former systems', () => {
    expect([...NOTICE_LANGUAGES].sort()).toEqual([
      'da',
      'de',
      'en',
      'es',
      'fr',
      'it',
      'nl',
      'pl',
      'pt',
      'sv',
    ]);
  });

  it.each(NOTICE_LANGUAGES)('%s: every stage, kind and reason exists; link stages carry the link', (lang) => {
    const subjects = new Set<string>();
    for (const stage of NOTICE_STAGES) {
      const t = builtInNotice(stage, lang);
      expect(t.subject.length).toBeGreaterThan(5);
      expect(t.subject).not.toMatch(/[\r\n]/);
      subjects.add(t.subject);
      const used = [...`${t.subject} ${t.body}`.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
      for (const name of used) expect(PLACEHOLDERS).toContain(name);
      expect(t.body).toContain('{{requestId}}');
      if (stage === 'verify' || stage === 'export_ready') expect(t.body).toContain('{{link}}');
      if (['received', 'verified', 'extended', 'export_ready'].includes(stage))
        expect(t.body).toContain('{{dueDate}}');
    }
    expect(subjects.size).toBe(NOTICE_STAGES.length);
    for (const kind of REQUEST_KINDS) expect(kindName(kind, lang).length).toBeGreaterThan(2);
    for (const reason of REJECT_REASON_CODES)
      expect(rejectReasonName(reason, lang)).toMatch(/^Arts?\. 1[127]/);
  });

  it('names a refusal reason in the language of the mail, not in English', () => {
    expect(rejectReasonName('legal_obligation', 'de')).toContain('rechtlichen Verpflichtung');
    expect(rejectReasonName('legal_obligation', 'pl')).toContain('RODO');
    expect(rejectReasonName('legal_obligation', 'en')).toContain('legal obligation');
    expect(kindName('erasure', 'it')).toBe('cancellazione');
  });

  it.each([
    ['de-AT', 'de'],
    ['FR', 'fr'],
    ['nl_BE', 'nl'],
    ['es-MX', 'es'],
    ['pt-BR', 'pt'],
    ['fi', 'en'],
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
