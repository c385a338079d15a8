// What a recipient's mail client reads from `sendMail`: the raw message the binding received,
// parsed back with postal-mime (multipart/alternative, UTF-8 bodies, encoded subject and names,
// extra headers), and the refusal of header values that would add a header of their own.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sendMail, systemSender } from '../../workers/mail/send';
import { captureMail } from '../support/mail';

const from = { address: 'privacy@privacy.tailoredmail.example' };

describe('sendMail', () => {
  it('sends through the MAILER binding and the recipient reads the text', async () => {
    const mail = captureMail();
    await sendMail(
      env,
      { from: { address: systemSender(env) }, to: 'anna@example.org', subject: 'Hello', text: 'Hallo Anna' },
      'test',
    );
    const [sent] = await mail.messages();
    expect(sent?.to).toBe('anna@example.org');
    expect(sent?.from).toBe('privacy@privacy.tailoredmail.example');
    expect(sent?.parsed.text?.trim()).toBe('Hallo Anna');
    expect(sent?.raw).toMatch(/\r\n\r\n/);
    expect(sent?.raw.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('sends text and HTML as multipart/alternative in UTF-8 with encoded subject and display name', async () => {
    const mail = captureMail();
    await sendMail(
      env,
      {
        from: { ...from, name: 'Prïvacy Désk «Zürich»' },
        to: 'anna@example.org',
        replyTo: 'reply+abc@privacy.tailoredmail.example',
        subject: 'Bestätigen Sie Ihre Anmeldung – 🌍 Żółć',
        text: 'Grüße, Anna – 🌍\nzweite Zeile',
        html: '<p>Grüße, <b>Anna</b></p>',
        headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': 'de' },
      },
      'test',
    );
    const [sent] = await mail.messages();
    const { parsed, raw } = sent!;
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(raw).toMatch(/^Subject: =\?utf-8\?B\?/im);
    expect(raw).not.toContain('Grüße');
    expect(parsed.subject).toBe('Bestätigen Sie Ihre Anmeldung – 🌍 Żółć');
    expect(parsed.from).toMatchObject({ name: 'Prïvacy Désk «Zürich»', address: from.address });
    expect(parsed.replyTo?.[0]?.address).toBe('reply+abc@privacy.tailoredmail.example');
    expect(parsed.text?.trim()).toBe('Grüße, Anna – 🌍\nzweite Zeile');
    expect(parsed.html).toContain('<p>Grüße, <b>Anna</b></p>');
    expect(parsed.headers.find((h) => h.key === 'auto-submitted')?.value).toBe('auto-generated');
    expect(parsed.headers.find((h) => h.key === 'content-language')?.value).toBe('de');
    expect(parsed.messageId).toMatch(/^<[0-9a-f-]{36}@privacy\.tailoredmail\.example>$/);
    expect(parsed.date).toBeTruthy();
  });

  it.each([
    ['a subject', { subject: 'Hi\r\nBcc: evil@example.org' }],
    ['a bare LF in the subject', { subject: 'Hi\nBcc: evil@example.org' }],
    ['the recipient', { to: 'a@example.org\nBcc: x@example.org' }],
    ['a display name', { from: { ...from, name: 'Desk\r\nBcc: x@example.org' } }],
    ['a header value', { headers: { 'In-Reply-To': '<a@b>\r\nBcc: x@example.org' } }],
    ['a header name', { headers: { 'Bcc: x@example.org\r\nX': 'y' } }],
    ['the reply address', { replyTo: 'r@example.org>\r\nBcc: <x@example.org' }],
  ])('refuses a line break in %s and sends nothing', async (_what, change) => {
    const mail = captureMail();
    await expect(
      sendMail(env, { from, to: 'anna@example.org', subject: 'ok', text: 'x', ...change }, 'test'),
    ).rejects.toThrow(/line breaks|plain address|header name/);
    expect(await mail.messages()).toEqual([]);
  });
});
