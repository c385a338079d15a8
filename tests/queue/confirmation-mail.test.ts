import { env } from 'cloudflare:workers';
import {
  createExecutionContext,
  createMessageBatch,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { confirmationLinkIn, formFixture, postJson } from '../support/consent';
import { captureMail } from '../support/mail';

async function deliver(body: Record<string, unknown>) {
  const batch = createMessageBatch('tm-privacy-events', [
    { id: 'm1', timestamp: new Date(), attempts: 1, body },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  await waitOnExecutionContext(ctx);
  return getQueueResult(batch, ctx);
}

describe('confirmation-mail queue messages', () => {
  it('resend the double opt-in mail from the stored subscriber, only while still pending', async () => {
    const f = await formFixture('eu', { language: 'nl' });
    const mail = captureMail();
    await postJson(f.formId, { email: 'retry@example.org' });
    const subscriberId = (await env.DB_EU.prepare('select id from subscribers where tenant_id = ?')
      .bind(f.tenant.id)
      .first<{ id: string }>())!.id;
    const message = {
      type: 'confirmation-mail',
      region: 'eu',
      tenantId: f.tenant.id,
      subscriberId,
      listIds: [f.doiList],
      language: 'nl',
      formId: f.formId,
    };
    expect(await deliver(message)).toMatchObject({ explicitAcks: ['m1'], retryMessages: [] });
    const sent = await mail.messages();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.to).toBe('retry@example.org');
    expect(sent[1]!.parsed.subject).toContain('Bevestig');
    expect(confirmationLinkIn(sent[1]!.parsed.text)).toContain('/c/e');

    // Confirmed meanwhile (what the click does): nothing is awaiting, so nothing is sent.
    await env.DB_EU.prepare(
      "update subscriptions set status = 'confirmed', consent = 'given' where subscriber_id = ?",
    )
      .bind(subscriberId)
      .run();
    expect(await deliver(message)).toMatchObject({ explicitAcks: ['m1'] });
    expect(await mail.messages()).toHaveLength(2);
  });
});
