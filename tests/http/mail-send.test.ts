import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sendMail, systemSender } from '../../workers/mail/send';
import { captureMail } from '../support/mail';

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
  });
});
