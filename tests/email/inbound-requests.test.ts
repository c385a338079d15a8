import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { regional } from '../../db/regions';
import { captureMail } from '../support/mail';
import { deliver, inboundMessage, passingAuth, rawMail } from '../support/inbound';
import { countRows } from '../support/seed';
import { inboundSetup, requestsOf } from './helpers';

const header = (mail: { parsed: { headers: { key: string; value: string }[] } }, key: string) =>
  mail.parsed.headers.find((h) => h.key === key)?.value;

describe('email: replies and privacy-address mail become privacy requests', () => {
  it('files an erasure from a reply token, with evidence, and acknowledges it in English', async () => {
    const mail = captureMail();
    const s = await inboundSetup('eu');
    const msg = inboundMessage(
      rawMail({
        from: `Anna Schmidt <${s.email}>`,
        to: s.reply,
        subject: 'Re: Our autumn offers',
        messageId: '<reply-1@mail.example.org>',
        body: 'Please delete all my personal data and stop writing to me.\n\nOn Mon, 2 Nov 2026 at 10:00, Shop <news@shop.example> wrote:\n> Unsubscribe here: https://shop.example/u\n> Big autumn sale!',
      }),
      { from: s.email, to: s.reply },
    );
    await deliver(msg);

    expect(msg.rejected).toBeNull();
    const [request, ...rest] = await requestsOf(s.tenant);
    expect(rest).toHaveLength(0);
    expect(request).toMatchObject({
      kind: 'erasure',
      status: 'open',
      channel: 'email',
      subscriber_id: s.subscriber.id,
      subject_index: s.subscriber.emailIndex,
    });
    expect(request!.ev).toMatchObject({
      source: 'inbound_email',
      route: 'reply',
      identifiedBy: 'reply_token',
      messageId: '<reply-1@mail.example.org>',
      date: '2026-11-03T08:15:00.000Z',
      classifiedAs: 'erasure',
      textSource: 'text',
    });
    expect(request!.ev.confidence).toBeGreaterThanOrEqual(0.6);
    expect((request!.ev.matched as string[]).length).toBeGreaterThan(0);
    expect(JSON.stringify(request!.ev)).not.toMatch(/anna|autumn|writing|personal data/i);

    const [ack, ...more] = await mail.messages();
    expect(more).toHaveLength(0);
    expect(ack!.to).toBe(s.email);
    expect(ack!.parsed.subject).toBe('We have received your privacy request');
    expect(ack!.parsed.text).toContain(request!.id);
    expect(header(ack!, 'auto-submitted')).toBe('auto-replied');
    expect(header(ack!, 'in-reply-to')).toBe('<reply-1@mail.example.org>');
    expect(ack!.parsed.replyTo?.[0]?.address).toBe(s.privacy);
  });

  it('trusts an authenticated sender to the privacy address and answers in German (quoted-printable body)', async () => {
    const mail = captureMail();
    const s = await inboundSetup('eu');
    const msg = inboundMessage(
      rawMail({
        from: s.email,
        to: s.privacy,
        subject: 'Datenlöschung',
        headers: passingAuth('mail.example.org'),
        mime: 'Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nSehr geehrte Damen und Herren,\n\nbitte l=F6schen Sie meine Daten.\n\nMit freundlichen Gr=FC=DFen',
      }),
      { from: s.email, to: s.privacy },
    );
    await deliver(msg);

    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({
      kind: 'erasure',
      status: 'open',
      subscriber_id: s.subscriber.id,
      language: 'de',
    });
    expect(request!.ev).toMatchObject({
      route: 'privacy',
      identifiedBy: 'authenticated_sender',
      auth: 'dmarc',
    });
    const [ack] = await mail.messages();
    expect(ack!.parsed.subject).toBe('Wir haben Ihre Datenschutzanfrage erhalten');
    expect(ack!.parsed.text).toContain(request!.id);
  });

  it("holds an unauthenticated sender's request for verification and mails the link, not an acknowledgement", async () => {
    const mail = captureMail();
    const s = await inboundSetup('us');
    const forged = {
      'Authentication-Results':
        'mx.cloudflare.net; spf=fail smtp.mailfrom=evil.example; dmarc=fail header.from=mail.example.org',
    };
    const below = 'relay.evil.example; dmarc=pass header.from=mail.example.org';
    const msg = inboundMessage(
      rawMail({
        from: s.email,
        to: s.privacy,
        subject: 'Erase me',
        headers: { ...forged, 'X-Other': 'x' },
        body: 'Please delete all my data.',
      }).replace('X-Other: x', `Authentication-Results: ${below}`),
      { from: s.email, to: s.privacy },
    );
    await deliver(msg);

    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({
      kind: 'erasure',
      status: 'awaiting_verification',
      subscriber_id: s.subscriber.id,
    });
    expect(request!.ev).toMatchObject({ identifiedBy: 'unauthenticated_sender', auth: 'dmarc-fail' });
    const [verification, ...more] = await mail.messages();
    expect(more).toHaveLength(0);
    expect(verification!.to).toBe(s.email);
    expect(verification!.parsed.subject).toBe('Please confirm your privacy request');
    expect(verification!.parsed.text).toMatch(/https:\/\/privacy\.test\/v\/u\d+\.[A-Za-z0-9_-]+/);
    expect(header(verification!, 'auto-submitted')).toBe('auto-replied');
  });

  it('sends the link to the subscriber, not the sender, when a reply token arrives from another address', async () => {
    const mail = captureMail();
    const s = await inboundSetup('eu');
    const msg = inboundMessage(
      rawMail({
        from: 'someone.else@other.example',
        to: s.reply,
        subject: 'Re: News',
        body: 'Please delete all my data.',
        headers: passingAuth('other.example'),
      }),
      { from: 'someone.else@other.example', to: s.reply },
    );
    await deliver(msg);
    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({
      kind: 'erasure',
      status: 'awaiting_verification',
      subscriber_id: s.subscriber.id,
    });
    expect(request!.ev).toMatchObject({ identifiedBy: 'reply_token', auth: 'token-from-mismatch' });
    const sent = await mail.messages();
    expect(sent.map((m) => m.to)).toEqual([s.email]);
  });

  it('reads the intent of an HTML-only message and files an unsubscribe in French', async () => {
    const mail = captureMail();
    const s = await inboundSetup('eu', { acknowledgeInbound: true }, 'claire@mail.example.fr');
    const msg = inboundMessage(
      rawMail({
        from: 'claire@mail.example.fr',
        to: s.reply,
        subject: 'Re: Nouveautés',
        mime:
          'Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n' +
          btoa(
            String.fromCharCode(
              ...new TextEncoder().encode(
                '<html><body><p>D&eacute;sabonnez-moi, merci.</p><blockquote>Please delete all my data</blockquote></body></html>',
              ),
            ),
          ),
      }),
      { from: 'claire@mail.example.fr', to: s.reply },
    );
    await deliver(msg);
    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({ kind: 'unsubscribe', status: 'open', language: 'fr' });
    expect(request!.ev.textSource).toBe('html');
    const [ack] = await mail.messages();
    expect(ack!.parsed.subject).toBe('Nous avons bien reçu votre demande');
  });

  it('files the mailto unsubscribe address as a verified unsubscribe without classifying or answering', async () => {
    const mail = captureMail();
    const s = await inboundSetup('us');
    await deliver(
      inboundMessage(rawMail({ from: s.email, to: s.unsubscribe, subject: 'unsubscribe', body: '' }), {
        from: s.email,
        to: s.unsubscribe,
      }),
    );
    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({ kind: 'unsubscribe', status: 'open', subscriber_id: s.subscriber.id });
    expect(request!.ev.identifiedBy).toBe('unsubscribe_token');
    expect(await mail.messages()).toHaveLength(0);
  });

  it('keeps a quoted newsletter from speaking for the sender: "thanks" fits nothing and becomes a review item', async () => {
    const s = await inboundSetup('eu', {});
    await deliver(
      inboundMessage(
        rawMail({
          from: s.email,
          to: s.reply,
          subject: 'Re: Delete old photos in one tap',
          body: 'Thanks, lovely pictures!\n\nOn Mon, 2 Nov 2026 at 10:00, Shop <news@shop.example> wrote:\n> Unsubscribe: https://shop.example/u\n> Delete all my photos? One tap.',
        }),
        { from: s.email, to: s.reply },
      ),
    );
    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({ kind: 'review', status: 'open' });
    expect(request!.ev.reviewReason).toBe('no_intent');
  });

  it('forwards what fits nothing to the tenant inbox when one is configured, and files nothing', async () => {
    const s = await inboundSetup('eu', { inboundForwardTo: 'dpo@client.example' });
    const msg = inboundMessage(
      rawMail({ from: s.email, to: s.privacy, subject: 'Hello', body: 'What are your opening hours?' }),
      { from: s.email, to: s.privacy },
    );
    await deliver(msg);
    expect(msg.forwardedTo).toEqual(['dpo@client.example']);
    expect(await requestsOf(s.tenant)).toHaveLength(0);
  });

  it('sends low-confidence intents to review, and acts on them when the tenant lowers its threshold', async () => {
    const body = 'Could you remove me?';
    const strict = await inboundSetup('eu', {});
    await deliver(
      inboundMessage(rawMail({ from: strict.email, to: strict.reply, subject: 'Re: x', body }), {
        from: strict.email,
        to: strict.reply,
      }),
    );
    const [held] = await requestsOf(strict.tenant);
    expect(held).toMatchObject({ kind: 'review' });
    expect(held!.ev.reviewReason).toBe('low_confidence');
    expect(held!.ev.classifiedAs).toBe('unsubscribe');
    expect(held!.ev.confidence).toBeLessThan(0.6);

    const lenient = await inboundSetup('eu', { inboundAutoThreshold: 0.5 });
    await deliver(
      inboundMessage(rawMail({ from: lenient.email, to: lenient.reply, subject: 'Re: x', body }), {
        from: lenient.email,
        to: lenient.reply,
      }),
    );
    const [acted] = await requestsOf(lenient.tenant);
    expect(acted).toMatchObject({ kind: 'unsubscribe' });
  });

  it('merges a repeated request and acknowledges it once', async () => {
    const mail = captureMail();
    const s = await inboundSetup('eu');
    for (let i = 0; i < 2; i++) {
      await deliver(
        inboundMessage(
          rawMail({ from: s.email, to: s.reply, subject: 'Re: x', body: 'Please delete all my data.' }),
          { from: s.email, to: s.reply },
        ),
      );
    }
    expect(await requestsOf(s.tenant)).toHaveLength(1);
    expect(await mail.messages()).toHaveLength(1);
    const { d1 } = regional(env, 'eu');
    expect(
      await countRows(
        d1,
        'privacy_request_history',
        'tenant_id = ? and action = ?',
        s.tenant.id,
        'duplicate_merged',
      ),
    ).toBe(1);
  });

  it('does not acknowledge mailing-list or no-reply senders', async () => {
    const mail = captureMail();
    const s = await inboundSetup('eu', { acknowledgeInbound: true }, 'no-reply@mail.example.org');
    const headers = { ...passingAuth('mail.example.org'), 'List-Id': '<privacy.lists.example.org>' };
    await deliver(
      inboundMessage(
        rawMail({
          from: s.email,
          to: s.privacy,
          subject: 'Erase',
          body: 'Please delete all my data.',
          headers,
        }),
        { from: s.email, to: s.privacy },
      ),
    );
    expect(await requestsOf(s.tenant)).toHaveLength(1);
    expect(await mail.messages()).toHaveLength(0);
  });
});
