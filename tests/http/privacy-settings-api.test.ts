// The privacy settings and templates as a client changes them: a settings change is merged,
// audited and announced in one batch, an empty one is refused; a template can be removed again,
// after which the built-in text goes out, and only by its own tenant.

import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { regional } from '../../db/regions';
import worker from '../../workers/index';
import { captureMail } from '../support/mail';
import { body, seedSubscriber } from '../support/privacy';
import { api, countRows, seedTenant } from '../support/seed';

const { d1 } = regional(env, 'eu');

async function settingsRow(tenantId: string) {
  const row = await d1
    .prepare('select settings from tenants where id = ?')
    .bind(tenantId)
    .first<{ settings: string }>();
  return JSON.parse(row!.settings) as Record<string, unknown>;
}

describe('PUT /api/v1/privacy-settings', () => {
  it('merges the change and writes its audit row and event, handed to the queue', async () => {
    const { tenant, apiKey, apiKeyId } = await seedTenant('eu', {
      dueDays: { erasure: 30 },
      notify: { extended: false },
      intercept: 'eu',
    });
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request('https://privacy.test/api/v1/privacy-settings', {
        method: 'PUT',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ dueDays: { access: 20 }, notify: { received: false }, reminderDays: 3 }),
      }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({
      dueDays: { erasure: 30, access: 20 },
      reminderDays: 3,
      notify: { extended: false, received: false },
    });
    expect(await settingsRow(tenant.id)).toMatchObject({
      intercept: 'eu',
      dueDays: { erasure: 30, access: 20 },
    });
    const changed = ['dueDays.access', 'notify.received', 'reminderDays'];
    const audit = await d1
      .prepare(`select actor_type, actor_id, action, details from audit_log where tenant_id = ?`)
      .bind(tenant.id)
      .all<{ actor_type: string; actor_id: string; action: string; details: string }>();
    expect(audit.results.map((r) => ({ ...r, details: JSON.parse(r.details) }))).toEqual([
      {
        actor_type: 'api_key',
        actor_id: apiKeyId,
        action: 'tenant.settings_changed',
        details: {
          changed,
          before: { 'dueDays.access': null, 'notify.received': null, reminderDays: null },
          after: { 'dueDays.access': 20, 'notify.received': false, reminderDays: 3 },
        },
      },
    ]);
    const events = await d1
      .prepare(
        `select payload, dispatched_at from outbox_events where tenant_id = ? and type = 'tenant.settings_changed'`,
      )
      .bind(tenant.id)
      .all<{ payload: string; dispatched_at: number | null }>();
    expect(events.results).toHaveLength(1);
    expect(JSON.parse(events.results[0]!.payload)).toEqual({ changed });
    expect(events.results[0]!.dispatched_at).not.toBeNull();
  });

  it.each([
    ['an empty body', {}],
    ['empty objects', { dueDays: {}, notify: {} }],
    ['a due date over 90 days', { dueDays: { erasure: 120 } }],
    ['an unknown stage switch', { notify: { verify: false } }],
  ])('refuses %s with 400 and changes nothing', async (_what, json) => {
    const { tenant, apiKey } = await seedTenant('eu', { reminderDays: 5 });
    const before = await settingsRow(tenant.id);
    const res = await api(apiKey, '/privacy-settings', { method: 'PUT', json });
    expect(res.status).toBe(400);
    expect((await body(res)).error?.code).toBe('validation_failed');
    expect(await settingsRow(tenant.id)).toEqual(before);
    expect(await countRows(d1, 'audit_log', 'tenant_id = ?', tenant.id)).toBe(0);
    expect(await countRows(d1, 'outbox_events', 'tenant_id = ?', tenant.id)).toBe(0);
  });
});

describe('DELETE /api/v1/privacy-templates/{stage}/{language}', () => {
  it('removes the template, after which the built-in text goes out; a second delete is 404', async () => {
    const mail = captureMail();
    const { tenant, apiKey } = await seedTenant('eu');
    const put = await api(apiKey, '/privacy-templates/received/de', {
      method: 'PUT',
      json: { subject: 'Eigener Betreff {{kind}}', body: 'Eigener Text {{requestId}}' },
    });
    expect(put.status).toBe(200);
    const sub = await seedSubscriber(tenant, { email: 'vorlage@example.org', language: 'de' });
    await api(apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'access', subscriberId: sub.id },
    });
    expect((await mail.messages())[0]?.parsed.subject).toBe('Eigener Betreff Auskunft');

    const del = await api(apiKey, '/privacy-templates/received/de', { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(await body(await api(apiKey, '/privacy-templates'))).toMatchObject({ data: [] });
    await api(apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'objection', subscriberId: sub.id },
    });
    expect((await mail.messages())[1]?.parsed.subject).toBe('Wir haben Ihre Datenschutzanfrage erhalten');

    const again = await api(apiKey, '/privacy-templates/received/de', { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect((await body(again)).error?.code).toBe('not_found');
  });

  it("another tenant's key cannot remove a template (404), and bad stages or languages are 400", async () => {
    const a = await seedTenant('eu');
    const b = await seedTenant('eu');
    expect(
      (
        await api(a.apiKey, '/privacy-templates/rejected/fr', {
          method: 'PUT',
          json: { subject: 'Refus', body: 'Motif : {{reason}}' },
        })
      ).status,
    ).toBe(200);
    expect((await api(b.apiKey, '/privacy-templates/rejected/fr', { method: 'DELETE' })).status).toBe(404);
    expect(await countRows(d1, 'privacy_notice_templates', 'tenant_id = ?', a.tenant.id)).toBe(1);
    for (const path of ['/privacy-templates/goodbye/fr', '/privacy-templates/rejected/FRENCH']) {
      const res = await api(a.apiKey, path, { method: 'DELETE' });
      expect(res.status).toBe(400);
      expect((await body(res)).error?.code).toBe('validation_failed');
    }
    expect(await countRows(d1, 'privacy_notice_templates', 'tenant_id = ?', a.tenant.id)).toBe(1);
  });
});
