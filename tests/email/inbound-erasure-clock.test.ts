import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { clockFor } from '../../workers/privacy/clock';
import { captureMail } from '../support/mail';
import { deliver, inboundMessage, passingAuth, rawMail } from '../support/inbound';
import { call } from '../support/seed';
import { inboundSetup, requestsOf } from './helpers';
import { press } from '../support/pages';

describe('email: erasures filed from mail go through the privacy service', () => {
  it("puts a verified inbound erasure on the tenant's erasure clock at its due time", async () => {
    const s = await inboundSetup('eu');
    await deliver(
      inboundMessage(
        rawMail({
          from: s.email,
          to: s.privacy,
          subject: 'Delete my data',
          headers: passingAuth('mail.example.org'),
          body: 'Please delete all my personal data.',
        }),
        { from: s.email, to: s.privacy },
      ),
    );
    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({ kind: 'erasure', status: 'open' });
    const due = await env.DB_EU.prepare('select due_at from privacy_requests where id = ?')
      .bind(request!.id)
      .first<{ due_at: number }>();
    expect(await clockFor(env, s.tenant.id).pending()).toEqual([
      expect.objectContaining({ requestId: request!.id, dueAt: due!.due_at }),
    ]);
  });

  it('holds an unverified one off the clock until the link mailed to the subscriber is confirmed', async () => {
    const mail = captureMail();
    const s = await inboundSetup('us');
    const forged = {
      'Authentication-Results':
        'mx.cloudflare.net; spf=fail smtp.mailfrom=evil.example; dmarc=fail header.from=mail.example.org',
    };
    await deliver(
      inboundMessage(
        rawMail({
          from: s.email,
          to: s.privacy,
          subject: 'Delete my data',
          headers: forged,
          body: 'Please delete all my personal data.',
        }),
        { from: 'attacker@evil.example', to: s.privacy },
      ),
    );
    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({ kind: 'erasure', status: 'awaiting_verification' });
    expect(await clockFor(env, s.tenant.id).pending()).toEqual([]);

    const [verification] = await mail.messages();
    expect(verification!.to).toBe(s.email);
    const link = /https:\/\/privacy\.test(\/v\/[A-Za-z0-9._-]+)/.exec(verification!.parsed.text ?? '')?.[1];
    expect(link).toBeDefined();
    expect((await call(link!)).status).toBe(200);
    expect(await requestsOf(s.tenant)).toEqual([
      expect.objectContaining({ status: 'awaiting_verification' }),
    ]);
    expect((await press(link!)).status).toBe(200);
    expect(await requestsOf(s.tenant)).toEqual([expect.objectContaining({ status: 'open' })]);
    expect(await clockFor(env, s.tenant.id).pending()).toEqual([
      expect.objectContaining({ requestId: request!.id }),
    ]);
  });
});
