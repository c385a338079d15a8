import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { regional } from '../../db/regions';
import { clockFor } from '../../workers/privacy/clock';
import { captureMail } from '../support/mail';
import { deliver, inboundMessage, passingAuth, rawMail } from '../support/inbound';
import { api } from '../support/seed';
import { inboundSetup, requestsOf } from './helpers';

const DOMAIN = 'mail.example.org';
// What a sender (not our edge) can write: an ARC set claiming our edge saw DMARC pass.
const FORGED_ARC = `i=1; mx.cloudflare.net; dkim=pass header.d=${DOMAIN}; spf=pass smtp.mailfrom=${DOMAIN}; dmarc=pass header.from=${DOMAIN}`;
const EDGE_FAIL = `mx.cloudflare.net; dkim=none; spf=fail smtp.mailfrom=attacker.example; dmarc=fail header.from=${DOMAIN}`;

const linkIn = (text: string | undefined) =>
  /https:\/\/privacy\.test\/v\/[A-Za-z0-9._-]+/.exec(text ?? '')?.[0];

async function historyOf(region: 'eu' | 'us', requestId: string) {
  const { d1 } = regional(env, region);
  const { results } = await d1
    .prepare(
      'select action, from_status, to_status, actor from privacy_request_history where request_id = ? order by at, id',
    )
    .bind(requestId)
    .all<{ action: string; from_status: string | null; to_status: string; actor: string }>();
  return results;
}

async function eventsOf(region: 'eu' | 'us', requestId: string) {
  const { d1 } = regional(env, region);
  const { results } = await d1
    .prepare('select type from outbox_events where subject_id = ? order by occurred_at, id')
    .bind(requestId)
    .all<{ type: string }>();
  return results.map((r) => r.type);
}

function spoofed(s: { email: string; privacy: string }, edge: string | null) {
  const headers: Record<string, string> = { 'ARC-Authentication-Results': FORGED_ARC };
  if (edge) headers['Authentication-Results'] = edge;
  return inboundMessage(
    rawMail({
      from: `Anna Schmidt <${s.email}>`,
      to: s.privacy,
      subject: 'Delete my data',
      headers,
      body: 'Please delete all my personal data.',
    }),
    { from: 'bounce@attacker.example', to: s.privacy },
  );
}

describe('email: only what our edge stamped authenticates a sender', () => {
  it.each([
    ['our edge saw DMARC fail', EDGE_FAIL],
    ['our edge stamped nothing', null],
  ])(
    'a forged ARC "dmarc=pass" files the erasure awaiting verification and mails the link (%s)',
    async (_, edge) => {
      const mail = captureMail();
      const s = await inboundSetup('eu');
      await deliver(spoofed(s, edge));

      const [request, ...rest] = await requestsOf(s.tenant);
      expect(rest).toHaveLength(0);
      expect(request).toMatchObject({ kind: 'erasure', status: 'awaiting_verification' });
      expect(request!.ev).toMatchObject({ identifiedBy: 'unauthenticated_sender' });
      expect(request!.ev.auth).not.toMatch(/^(dmarc|dkim|spf)$/);
      expect(request!.ev).not.toHaveProperty('arc');
      expect(await clockFor(env, s.tenant.id).pending()).toEqual([]);
      const sent = await mail.messages();
      expect(sent.map((m) => m.to)).toEqual([s.email]);
      expect(linkIn(sent[0]!.parsed.text)).toBeDefined();
    },
  );

  it('the same mail against an awaiting erasure leaves it awaiting, records the merge and sends a fresh link', async () => {
    const mail = captureMail();
    const s = await inboundSetup('eu');
    const first = await api(s.apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'erasure', subscriberId: s.subscriber.id, verified: false },
    });
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };

    await deliver(spoofed(s, EDGE_FAIL));

    const [request, ...rest] = await requestsOf(s.tenant);
    expect(rest).toHaveLength(0);
    expect(request).toMatchObject({ id, status: 'awaiting_verification' });
    expect(await historyOf('eu', id)).toEqual([
      expect.objectContaining({ action: 'created', to_status: 'awaiting_verification' }),
      expect.objectContaining({
        action: 'duplicate_merged',
        from_status: 'awaiting_verification',
        to_status: 'awaiting_verification',
      }),
    ]);
    expect(await eventsOf('eu', id)).not.toContain('privacy_request.verified');
    expect(await clockFor(env, s.tenant.id).pending()).toEqual([]);
    const links = (await mail.messages()).filter((m) => m.to === s.email).map((m) => linkIn(m.parsed.text));
    expect(links).toHaveLength(2);
    expect(links.every(Boolean)).toBe(true);
  });

  it('a genuinely authenticated duplicate does not verify an awaiting request either: only its link does', async () => {
    const mail = captureMail();
    const s = await inboundSetup('us');
    const first = await api(s.apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'erasure', subscriberId: s.subscriber.id, verified: false },
    });
    const { id } = (await first.json()) as { id: string };
    await deliver(
      inboundMessage(
        rawMail({
          from: s.email,
          to: s.privacy,
          subject: 'Delete my data',
          headers: passingAuth(DOMAIN),
          body: 'Please delete all my personal data.',
        }),
        { from: s.email, to: s.privacy },
      ),
    );
    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({ id, status: 'awaiting_verification' });
    expect(await eventsOf('us', id)).not.toContain('privacy_request.verified');
    expect(await clockFor(env, s.tenant.id).pending()).toEqual([]);
    expect((await mail.messages()).map((m) => linkIn(m.parsed.text))).toEqual([
      expect.any(String),
      expect.any(String),
    ]);
  });

  it('a verified API filing merged into an awaiting request leaves it awaiting', async () => {
    const s = await inboundSetup('eu');
    const first = await api(s.apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'access', subscriberId: s.subscriber.id, verified: false },
    });
    const { id } = (await first.json()) as { id: string };
    const again = await api(s.apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'access', subscriberId: s.subscriber.id, verified: true },
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id, status: 'awaiting_verification' });
  });

  it('an edge-stamped DMARC pass still verifies, and an edge-validated ARC chain is only noted', async () => {
    const s = await inboundSetup('eu');
    await deliver(
      inboundMessage(
        rawMail({
          from: s.email,
          to: s.privacy,
          subject: 'Delete my data',
          headers: {
            'Authentication-Results': `mx.cloudflare.net; dkim=pass header.d=${DOMAIN}; dmarc=pass header.from=${DOMAIN}; arc=pass`,
            'ARC-Authentication-Results': FORGED_ARC,
          },
          body: 'Please delete all my personal data.',
        }),
        { from: s.email, to: s.privacy },
      ),
    );
    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({ kind: 'erasure', status: 'open' });
    expect(request!.ev).toMatchObject({ identifiedBy: 'authenticated_sender', auth: 'dmarc', arc: 'pass' });
    expect(await clockFor(env, s.tenant.id).pending()).toEqual([
      expect.objectContaining({ requestId: request!.id }),
    ]);
  });

  it('an ARC chain our edge validated does not verify a sender whose DMARC failed', async () => {
    const s = await inboundSetup('eu');
    await deliver(
      inboundMessage(
        rawMail({
          from: s.email,
          to: s.privacy,
          subject: 'Delete my data',
          headers: {
            'Authentication-Results': `mx.cloudflare.net; dkim=fail header.d=${DOMAIN}; dmarc=fail header.from=${DOMAIN}; arc=pass`,
            'ARC-Authentication-Results': FORGED_ARC,
          },
          body: 'Please delete all my personal data.',
        }),
        { from: s.email, to: s.privacy },
      ),
    );
    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({ kind: 'erasure', status: 'awaiting_verification' });
    expect(request!.ev).toMatchObject({
      identifiedBy: 'unauthenticated_sender',
      auth: 'dmarc-fail',
      arc: 'pass',
    });
  });

  it('a reply-token mail whose From our edge saw fail DMARC is not taken as the subscriber', async () => {
    const mail = captureMail();
    const s = await inboundSetup('eu');
    await deliver(
      inboundMessage(
        rawMail({
          from: s.email,
          to: s.reply,
          subject: 'Re: News',
          headers: { 'Authentication-Results': EDGE_FAIL },
          body: 'Please delete all my data.',
        }),
        { from: 'bounce@attacker.example', to: s.reply },
      ),
    );
    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({ kind: 'erasure', status: 'awaiting_verification' });
    expect(request!.ev).toMatchObject({ identifiedBy: 'reply_token', auth: 'token+dmarc-fail' });
    expect((await mail.messages()).map((m) => m.to)).toEqual([s.email]);
  });
});
