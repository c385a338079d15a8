// Mail-filed requests are answered by the same notification system as every other channel: the
// tenant's own template reaches a requester who wrote by mail, the confirmation mail is the one
// the API channel sends, and the date named is the Art. 12(3) date.

import { describe, expect, it } from 'vitest';
import { formatDate } from '../../shared/i18n/language';
import { captureMail } from '../support/mail';
import { deliver, inboundMessage, passingAuth, rawMail } from '../support/inbound';
import { api } from '../support/seed';
import { inboundSetup, requestsOf } from './helpers';

describe('email: answers through the one notification system', () => {
  it("an authenticated writer's acknowledgement uses the tenant's template in their language", async () => {
    const mail = captureMail();
    const s = await inboundSetup('eu', { acknowledgeInbound: true }, 'gerda@mail.example.org');
    const put = await api(s.apiKey, '/privacy-templates/received/de', {
      method: 'PUT',
      json: {
        subject: 'Eingang bestätigt: {{kind}}',
        body: '{{tenant}} meldet sich bis {{dueDate}}. Ref. {{requestId}}',
      },
    });
    expect(put.status).toBe(200);
    await deliver(
      inboundMessage(
        rawMail({
          from: s.email,
          to: s.privacy,
          subject: 'Löschung',
          body: 'Bitte löschen Sie alle meine Daten.',
          messageId: '<m1@mail.example.org>',
          headers: passingAuth('mail.example.org'),
        }),
        { from: s.email, to: s.privacy },
      ),
    );
    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({ kind: 'erasure', status: 'open', language: 'de' });
    const [ack] = await mail.messages();
    expect(ack?.parsed.subject).toBe('Eingang bestätigt: Löschung');
    const monthDueAt = new Date(
      ((await (await api(s.apiKey, `/privacy-requests/${request!.id}`)).json()) as { monthDueAt: string })
        .monthDueAt,
    );
    expect(ack?.parsed.text).toBe(
      `${s.tenant.name} meldet sich bis ${formatDate(monthDueAt, 'de')}. Ref. ${request!.id}`,
    );
    expect(ack?.parsed.inReplyTo).toBe('<m1@mail.example.org>');
    expect(ack?.parsed.headers.find((h) => h.key === 'auto-submitted')?.value).toBe('auto-replied');
    expect(ack?.parsed.replyTo?.[0]?.address).toBe(s.privacy);
  });

  it('an unauthenticated writer gets the same confirmation mail as a requester filed by the API', async () => {
    const mail = captureMail();
    const s = await inboundSetup('eu', { acknowledgeInbound: true }, 'unsure@mail.example.org');
    await deliver(
      inboundMessage(
        rawMail({
          from: s.email,
          to: s.privacy,
          subject: 'Erase',
          body: 'Please delete all my personal data.',
        }),
        { from: s.email, to: s.privacy },
      ),
    );
    const [request] = await requestsOf(s.tenant);
    expect(request?.status).toBe('awaiting_verification');
    const filed = await api(s.apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'access', email: 'other@mail.example.org', language: 'en', verified: false },
    });
    expect(filed.status).toBe(201);
    const [byMail, byApi] = await mail.messages();
    expect(byMail?.parsed.subject).toBe('Please confirm your privacy request');
    expect(byApi?.parsed.subject).toBe(byMail?.parsed.subject);
    const shape = (text: string | undefined) =>
      (text ?? '')
        .replace(/https:\/\/\S+/, '<link>')
        .replace(/prq_\w+/, '<id>')
        .replace(/\((\w+),/, '(<kind>,');
    expect(shape(byApi?.parsed.text)).toBe(shape(byMail?.parsed.text));
  });
});
