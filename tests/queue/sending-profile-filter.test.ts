// Targeting by profile value: a message with a `profile` filter reaches exactly the lawful
// recipients whose decrypted profile matches; the others are skipped as `profile_mismatch` and
// counted, never sent. A filter naming a field the tenant does not have is refused before anything
// is written or queued.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { captureMail } from '../support/mail';
import { api, seedTenant } from '../support/seed';
import { drainSending, recipientRows, recordQueue, sendingList, subscribe } from '../support/sending';

async function fields(apiKey: string, ...keys: string[]) {
  for (const key of keys)
    expect((await api(apiKey, '/profile-fields', { method: 'POST', json: { key, label: key } })).status).toBe(
      201,
    );
}

describe('a message to a profile audience', () => {
  it('reaches exactly the matching people; the others are skipped with their reason', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    await fields(apiKey, 'team', 'city');
    const listId = await sendingList(tenant);
    const p = (email: string, profile: Record<string, string | number | boolean> | undefined, eu = false) =>
      subscribe(tenant, listId, { email, profile, homeRegion: eu ? 'eu' : 'non_eu' });
    const sales = await p('sales@example.org', { team: 'Sales', city: 'Zürich' });
    const support = await p('support@example.org', { team: 'support', city: 'Zu\u0308rich' }, true);
    const ops = await p('ops@example.org', { team: 'Ops', city: 'Zürich' }, true);
    const elsewhere = await p('elsewhere@example.org', { team: 'Sales', city: 'Basel' });
    const none = await p('none@example.org', undefined);
    await subscribe(tenant, listId, {
      email: 'withdrawn@example.org',
      profile: { team: 'Sales', city: 'Zürich' },
      subscription: { status: 'unsubscribed', consent: 'withdrawn' },
    });
    const queue = recordQueue();
    const mail = captureMail();
    const res = await api(apiKey, '/messages', {
      method: 'POST',
      json: {
        listId,
        subject: 'For {{team}}',
        text: 'Hello {{firstName}}',
        profile: { team: ['Sales', 'Support'], city: 'zürich' },
      },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; profile: unknown };
    expect(created.profile).toEqual({ team: ['Sales', 'Support'], city: 'zürich' });
    await drainSending(queue);

    const sent = await mail.messages();
    expect(sent.map((m) => m.to).sort()).toEqual(['sales@example.org', 'support@example.org']);
    const rows = await recipientRows(tenant, created.id);
    for (const id of [ops.id, elsewhere.id, none.id])
      expect(rows.get(id)).toMatchObject({ status: 'skipped', skip_reason: 'profile_mismatch' });
    expect(rows.get(sales.id)!.status).toBe('sent');
    expect(rows.get(support.id)!.status).toBe('sent');
    const view = (await (await api(apiKey, `/messages/${created.id}`)).json()) as {
      status: string;
      profile: unknown;
      totals: { sent: number; skipped: number; skippedByReason: Record<string, number> };
    };
    expect(view.status).toBe('sent');
    expect(view.profile).toEqual({ team: ['Sales', 'Support'], city: 'zürich' });
    expect(view.totals).toMatchObject({
      sent: 2,
      skipped: 4,
      skippedByReason: { profile_mismatch: 3, withdrawn: 1 },
    });
  });

  it('is refused before anything is written for a field the tenant does not have, or a malformed filter', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    await fields(apiKey, 'team');
    const other = await seedTenant('eu');
    await fields(other.apiKey, 'region_code');
    const listId = await sendingList(tenant);
    const queue = recordQueue();
    const bad = [
      { profile: { region_code: 'PT' } },
      { profile: { team: 'Sales', Team: 'Ops' } },
      { profile: {} },
      { profile: { team: [] } },
      { profile: { team: { nested: true } } },
      { profile: 'team=Sales' },
      { profile: { team: 'x'.repeat(501) } },
    ];
    for (const extra of bad) {
      const res = await api(apiKey, '/messages', {
        method: 'POST',
        json: { listId, subject: 'News', text: 'Hi', ...extra },
      });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('validation_failed');
    }
    const unknown = await api(apiKey, '/messages', {
      method: 'POST',
      json: { listId, subject: 'News', text: 'Hi', profile: { region_code: 'PT', team: 'Sales' } },
    });
    expect(((await unknown.json()) as { error: { details: unknown } }).error.details).toEqual({
      fields: ['region_code'],
    });
    const count = await env.DB_EU.prepare('select count(*) as n from messages where tenant_id = ?')
      .bind(tenant.id)
      .first<{ n: number }>();
    expect(count!.n).toBe(0);
    expect(queue).toHaveLength(0);
  });
});
