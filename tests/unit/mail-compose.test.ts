import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { composeMail } from '../../shared/mail/compose';

describe('composeMail', () => {
  it('produces a message that a parser reads back, UTF-8 intact', async () => {
    const raw = composeMail(
      {
        from: { address: 'privacy@mail.test', name: 'Prïvacy Désk' },
        to: 'anna@example.org',
        subject: 'Bestätigen Sie Ihre Anmeldung',
        text: 'Grüße, Anna – 🌍',
        html: '<p>Grüße</p>',
        headers: { 'Auto-Submitted': 'auto-generated' },
      },
      'mail.test',
    );
    const parsed = await PostalMime.parse(raw);
    expect(parsed.subject).toBe('Bestätigen Sie Ihre Anmeldung');
    expect(parsed.from?.name).toBe('Prïvacy Désk');
    expect(parsed.text?.trim()).toBe('Grüße, Anna – 🌍');
    expect(parsed.html).toContain('<p>Grüße</p>');
    expect(parsed.headers.find((h) => h.key === 'auto-submitted')?.value).toBe('auto-generated');
    expect(parsed.messageId).toMatch(/@mail\.test>$/);
  });

  it('refuses header injection', () => {
    const base = { from: { address: 'privacy@mail.test' }, to: 'anna@example.org', text: 'x' };
    expect(() => composeMail({ ...base, subject: 'Hi\r\nBcc: evil@example.org' }, 'mail.test')).toThrow(
      /line breaks/,
    );
    expect(() =>
      composeMail({ ...base, subject: 'ok', to: 'a@example.org\nBcc: x@example.org' }, 'mail.test'),
    ).toThrow(/line breaks/);
  });
});
