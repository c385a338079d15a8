// Simultaneous writes to one subscriber's consent chain: identical form posts, identical API
// inserts, answers from several consent pages. With every D1 batch held back a moment they all
// read before anyone commits, as on real machines; each must be answered without a 5xx, end in
// one subscriber and one subscription, and leave an unbroken chain with every event in it.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit-log';
import { dbFor } from '../../db/client';
import { agedToken, formFixture, postJson } from '../support/consent';
import {
  answerTokenOf,
  BROWSER_UA,
  captureQueue,
  EU_CF,
  mintLink,
  seedList,
  seedSubscriber,
} from '../support/intercept';
import { api, call, countRows, seedTenant } from '../support/seed';
import { withSlowWrites } from '../support/slow-writes';

async function chainOf(apiKey: string, subscriberId: string) {
  return (await api(apiKey, `/subscribers/${subscriberId}/consent-chain`)).json();
}

describe('simultaneous writes to one consent chain', () => {
  it('50 identical form posts: 50 × 200, one subscriber, one subscription, 50 chained opt-ins', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    const token = await agedToken(f.formId);
    const answers = await withSlowWrites(
      () =>
        Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            postJson(
              f.formId,
              { email: 'same@example.org', tm_t: token },
              { headers: { 'cf-connecting-ip': `203.0.113.${i + 1}` } },
            ),
          ),
        ),
      { delayMs: 10 },
    );
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
    const subs = await env.DB_EU.prepare('select id from subscribers where tenant_id = ?')
      .bind(f.tenant.id)
      .all<{ id: string }>();
    expect(subs.results).toHaveLength(1);
    expect(await countRows(env.DB_EU, 'subscriptions', 'tenant_id = ?', f.tenant.id)).toBe(1);
    expect(await chainOf(f.apiKey, subs.results[0]!.id)).toEqual({
      ok: true,
      events: 50,
      head: expect.any(String),
    });
  }, 60_000);

  it('20 identical POST /api/v1/subscribers: one 201, nineteen 200, one subscriber and subscription', async () => {
    const t = await seedTenant('eu');
    const list = (await (
      await api(t.apiKey, '/lists', {
        method: 'POST',
        json: { name: 'News', purpose: 'Monthly news', doubleOptIn: false },
      })
    ).json()) as { id: string };
    const body = {
      email: 'same@example.org',
      listIds: [list.id],
      evidence: {
        occurredAt: '2026-11-01T10:00:00Z',
        country: 'DE',
        notice: { text: 'Yes, the monthly news.', language: 'en' },
      },
    };
    const answers = await withSlowWrites(
      () =>
        Promise.all(
          Array.from({ length: 20 }, () => api(t.apiKey, '/subscribers', { method: 'POST', json: body })),
        ),
      { delayMs: 30 },
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array(19).fill(200)].sort());
    const subs = await env.DB_EU.prepare('select id from subscribers where tenant_id = ?')
      .bind(t.tenant.id)
      .all<{ id: string }>();
    expect(subs.results).toHaveLength(1);
    expect(await countRows(env.DB_EU, 'subscriptions', 'tenant_id = ?', t.tenant.id)).toBe(1);
    expect(await chainOf(t.apiKey, subs.results[0]!.id)).toMatchObject({ ok: true, events: 20 });
    // Each insert wrote its audit row in its own write batch, with the status it answered.
    const trail = await env.DB_EU.prepare(
      "select details from audit_log where tenant_id = ? and action = 'POST /subscribers'",
    )
      .bind(t.tenant.id)
      .all<{ details: string }>();
    expect(trail.results.map((r) => JSON.parse(r.details).status).sort()).toEqual(
      [201, ...Array(19).fill(200)].sort(),
    );
    expect(await verifyAuditChain(dbFor(env.DB_EU), t.tenant.id)).toMatchObject({ ok: true });
  }, 60_000);

  it('answers from 10 consent pages of one subscriber: 10 × 303, each answer chained', async () => {
    captureQueue();
    const t = await seedTenant('eu');
    const subscriber = await seedSubscriber(t.tenant);
    const list = await seedList(t.tenant);
    const token = await mintLink({ tenantId: t.tenant.id, subscriberId: subscriber.id, listId: list.id });
    const pages = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const page = await call(`/l/${token}`, { cf: EU_CF, headers: { 'user-agent': BROWSER_UA } });
        return answerTokenOf(await page.text());
      }),
    );
    const answers = await withSlowWrites(() =>
      Promise.all(
        pages.map((answerToken) =>
          call(`/l/${token}`, {
            method: 'POST',
            cf: EU_CF,
            redirect: 'manual',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              origin: 'https://privacy.test',
              'user-agent': BROWSER_UA,
            },
            body: new URLSearchParams({ answer: 'yes', answer_token: answerToken }).toString(),
          }),
        ),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(303));
    expect(
      await countRows(env.DB_EU, 'consent_events', "subscriber_id = ? and kind = 'opt_in'", subscriber.id),
    ).toBe(10);
    expect(await countRows(env.DB_EU, 'used_nonces', 'tenant_id = ?', t.tenant.id)).toBe(10);
    expect(await countRows(env.DB_EU, 'subscriptions', 'subscriber_id = ?', subscriber.id)).toBe(1);
    expect(await chainOf(t.apiKey, subscriber.id)).toMatchObject({ ok: true, events: 10 });
  }, 60_000);
});
