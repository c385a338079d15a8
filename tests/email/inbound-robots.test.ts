import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { regional } from '../../db/regions';
import { captureMail } from '../support/mail';
import { deliver, inboundMessage, rawMail } from '../support/inbound';
import { countRows } from '../support/seed';
import { inboundSetup, requestsOf } from './helpers';

function dsn(to: string, recipient: string, action: string, status: string): string {
  return rawMail({
    from: 'Mail Delivery System <MAILER-DAEMON@mx.mail.example.org>',
    to,
    subject: 'Undelivered Mail Returned to Sender',
    mime: [
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'Your message could not be delivered. Please delete the sender from your list.',
      '',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.mail.example.org',
      '',
      `Final-Recipient: rfc822; ${recipient}`,
      `Action: ${action}`,
      `Status: ${status}`,
      `Diagnostic-Code: smtp; ${status.startsWith('5') ? '550' : '451'} mailbox problem`,
      '',
      '--b1',
      'Content-Type: message/rfc822',
      '',
      'Subject: Autumn offers',
      '',
      'Delete all my photos? One tap.',
      '--b1--',
    ].join('\n'),
  });
}

describe('email: robots never become requests', () => {
  it('recognises an RFC 3834 auto-reply and neither files nor answers it', async () => {
    const mail = captureMail();
    const s = await inboundSetup('eu');
    const msg = inboundMessage(
      rawMail({
        from: s.email,
        to: s.reply,
        subject: 'Re: News',
        headers: { 'Auto-Submitted': 'auto-replied' },
        body: 'I am away. Please delete all my mail later.',
      }),
      { from: s.email, to: s.reply },
    );
    await deliver(msg);
    expect(msg.rejected).toBeNull();
    expect(await requestsOf(s.tenant)).toHaveLength(0);
    expect(await mail.messages()).toHaveLength(0);
  });

  it.each([
    ['X-Autoreply', { 'X-Autoreply': 'yes' }, 'Re: News'],
    ['Precedence', { Precedence: 'auto_reply' }, 'Re: News'],
    ['German subject', {}, 'Abwesenheitsnotiz: Re: News'],
    ['Polish subject', {}, 'Odpowiedź automatyczna: News'],
    ['Danish subject', {}, 'Automatisk svar: News'],
  ])('recognises an out-of-office by %s', async (_label, headers, subject) => {
    const s = await inboundSetup('eu');
    await deliver(
      inboundMessage(
        rawMail({
          from: s.email,
          to: s.reply,
          subject,
          headers,
          body: 'Please delete all my data when I am back.',
        }),
        { from: s.email, to: s.reply },
      ),
    );
    expect(await requestsOf(s.tenant)).toHaveLength(0);
  });

  it('sets aside an out-of-office by its subject, but not a request whose subject only looks like one', async () => {
    const mail = captureMail();
    const s = await inboundSetup('eu');
    await deliver(
      inboundMessage(
        rawMail({
          from: s.email,
          to: s.privacy,
          subject: 'Abwesenheitsnotiz',
          body: 'Ich bin bis zum 5. Dezember nicht im Büro. In dringenden Fällen wenden Sie sich an meine Kollegin.',
        }),
        { from: s.email, to: s.privacy },
      ),
    );
    expect(await requestsOf(s.tenant)).toHaveLength(0);

    await deliver(
      inboundMessage(
        rawMail({
          from: s.email,
          to: s.privacy,
          subject: 'Absence de consentement : suppression de mes données',
          body: "Je n'ai jamais consenti. Je vous demande de supprimer toutes mes données personnelles.",
        }),
        { from: s.email, to: s.privacy },
      ),
    );
    const [request, ...more] = await requestsOf(s.tenant);
    expect(more).toHaveLength(0);
    expect(request).toMatchObject({ kind: 'review', channel: 'email' });
    expect(request!.ev).toMatchObject({ reviewReason: 'possible_auto_reply' });
    expect(await mail.messages()).toHaveLength(0);
  });

  it('marks a hard bounce undeliverable: subscriber bounced, hard_bounce suppression, no request, no answer', async () => {
    const mail = captureMail();
    const s = await inboundSetup('eu');
    const msg = inboundMessage(dsn(s.reply, s.email, 'failed', '5.1.1'), { from: '', to: s.reply });
    await deliver(msg);
    expect(msg.rejected).toBeNull();
    expect(await requestsOf(s.tenant)).toHaveLength(0);
    expect(await mail.messages()).toHaveLength(0);
    const { d1 } = regional(env, 'eu');
    expect(
      await d1.prepare('select status from subscribers where id = ?').bind(s.subscriber.id).first('status'),
    ).toBe('bounced');
    expect(
      await countRows(
        d1,
        'suppressions',
        'tenant_id = ? and email_index = ? and reason = ?',
        s.tenant.id,
        s.subscriber.emailIndex,
        'hard_bounce',
      ),
    ).toBe(1);
    expect(
      await countRows(d1, 'outbox_events', 'tenant_id = ? and type = ?', s.tenant.id, 'subscriber.bounced'),
    ).toBe(1);
  });

  it('does not let a report to the public privacy address mark anyone undeliverable (anyone can forge one)', async () => {
    const s = await inboundSetup('us');
    const msg = inboundMessage(dsn(s.privacy, s.email.toUpperCase(), 'failed', '5.2.1'), {
      from: '',
      to: s.privacy,
    });
    await deliver(msg);
    expect(msg.rejected).toBeNull();
    const { d1 } = regional(env, 'us');
    expect(
      await d1.prepare('select status from subscribers where id = ?').bind(s.subscriber.id).first('status'),
    ).toBe('active');
    expect(await countRows(d1, 'suppressions', 'tenant_id = ?', s.tenant.id)).toBe(0);
    expect(await requestsOf(s.tenant)).toHaveLength(0);
  });

  it('leaves the subscriber alone on a soft bounce (delayed, 4.x.x)', async () => {
    const s = await inboundSetup('eu');
    await deliver(inboundMessage(dsn(s.reply, s.email, 'delayed', '4.4.7'), { from: '', to: s.reply }));
    const { d1 } = regional(env, 'eu');
    expect(
      await d1.prepare('select status from subscribers where id = ?').bind(s.subscriber.id).first('status'),
    ).toBe('active');
    expect(await countRows(d1, 'suppressions', 'tenant_id = ?', s.tenant.id)).toBe(0);
    expect(await requestsOf(s.tenant)).toHaveLength(0);
  });

  it('recognises an old-style plain-text bounce from mailer-daemon', async () => {
    const s = await inboundSetup('eu');
    await deliver(
      inboundMessage(
        rawMail({
          from: 'MAILER-DAEMON@mx.mail.example.org',
          to: s.reply,
          subject: 'failure notice',
          body: `Sorry, we were unable to deliver your message to the following address.\n\n<${s.email}>:\n550 5.1.1 No such user - please remove this address`,
        }),
        { from: '', to: s.reply },
      ),
    );
    expect(await requestsOf(s.tenant)).toHaveLength(0);
    const { d1 } = regional(env, 'eu');
    expect(
      await d1.prepare('select status from subscribers where id = ?').bind(s.subscriber.id).first('status'),
    ).toBe('bounced');
  });
});
