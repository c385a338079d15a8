// The compliance counters after every kind of state change: each test drives a real path (form,
// double opt-in click, API insert, import, intercept YES and NO, withdrawal, erasure, region
// fill, purge, bounce, lawful-basis change) and compares every counter cell of the tenant with a
// GROUP BY recount of the rows, and checks the cells the change moved.

import { env } from 'cloudflare:workers';
import { createScheduledController } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { recordHardBounce } from '../../db/bounces';
import { confirmSubscriptions, purgeUnconfirmed } from '../../db/double-opt-in';
import { recordClicks } from '../../db/link-clicks';
import { regional } from '../../db/regions';
import { reconcileCounters } from '../../db/report-reconcile';
import { selectRecipientPage } from '../../db/message-recipients';
import { tenantKeys } from '../../db/tenants';
import { handleScheduled } from '../../workers/scheduled';
import { createList, EU_CF, formFixture, postJson, US_CF } from '../support/consent';
import { captureMail } from '../support/mail';
import {
  answerTokenOf,
  BROWSER_UA,
  captureQueue,
  mintLink,
  seedList,
  seedSubscriber,
} from '../support/intercept';
import { cell, countersOf, expectCountersExact, reconcileTenant } from '../support/reports';
import { api, call, seedTenant } from '../support/seed';

const subscriberOf = async (tenantId: string) =>
  (await env.DB_EU.prepare('select id from subscribers where tenant_id = ?')
    .bind(tenantId)
    .first<{ id: string }>())!.id;

describe('compliance counters follow every state change', () => {
  it('a double opt-in sign-up counts as pending, its click as valid', async () => {
    const f = await formFixture('eu', { lists: 'doi' });
    captureMail();
    expect((await postJson(f.formId, { email: 'doi@example.org' }, { cf: EU_CF })).status).toBe(200);
    let cells = await expectCountersExact(f.tenant);
    expect(cell(cells, f.doiList, 'eu', 'pending_confirmation')).toBe(1);
    expect(cell(cells, '', 'eu', 'pending_confirmation')).toBe(1);
    expect(cell(cells, '', '', 'events:opt_in')).toBe(1);

    const id = await subscriberOf(f.tenant.id);
    // A pending double opt-in is not consent: nobody to mail yet.
    const db = regional(env, 'eu').db;
    const target = { tenantId: f.tenant.id, listId: f.doiList, interceptMode: undefined };
    expect(await selectRecipientPage(db, target, '', 10)).toEqual([
      { subscriberId: id, reason: 'pending_confirmation' },
    ]);
    await confirmSubscriptions(
      regional(env, 'eu').db,
      await tenantKeys(env.MASTER_KEY, f.tenant),
      id,
      [f.doiList],
      {
        occurredAt: new Date(),
        geo: { country: 'DE', region: null, isEU: true },
        ip: null,
        userAgent: 'Mail/1.0',
        formId: f.formId,
      },
    );
    cells = await expectCountersExact(f.tenant);
    expect(cell(cells, f.doiList, 'eu', 'valid')).toBe(1);
    expect(cell(cells, f.doiList, 'eu', 'pending_confirmation')).toBe(0);
    expect(cell(cells, '', 'eu', 'status:active')).toBe(1);
    expect(await selectRecipientPage(db, target, '', 10)).toEqual([{ subscriberId: id, reason: null }]);
  });

  it('a single opt-in from the US counts as valid outside the EU', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    expect((await postJson(f.formId, { email: 'us@example.org' }, { cf: US_CF })).status).toBe(200);
    const cells = await expectCountersExact(f.tenant);
    expect(cell(cells, f.singleList, 'non_eu', 'valid')).toBe(1);
  });

  it('an API insert with evidence counts as valid, and a contract list as other basis', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const news = await createList(apiKey, { name: 'News', doubleOptIn: false });
    const orders = await createList(apiKey, { name: 'Orders', lawfulBasis: 'contract' });
    const res = await api(apiKey, '/subscribers', {
      method: 'POST',
      json: {
        email: 'api@example.org',
        listIds: [news, orders],
        evidence: {
          occurredAt: new Date().toISOString(),
          country: 'NL',
          notice: { text: 'Yes, mail me news.', language: 'en' },
        },
      },
    });
    expect(res.status).toBe(201);
    const cells = await expectCountersExact(tenant);
    expect(cell(cells, news, 'eu', 'valid')).toBe(1);
    expect(cell(cells, orders, 'eu', 'other_basis')).toBe(1);
    expect(cell(cells, '', 'eu', 'valid')).toBe(1);
  });

  it('an import counts rows with evidence as valid and those without as unknown, per chunk in SQL', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const news = await createList(apiKey, { name: 'News', doubleOptIn: false });
    const evidence = { occurredAt: new Date().toISOString(), notice: { text: 'Yes, news.', language: 'en' } };
    const rows = [
      ...Array.from({ length: 3 }, (_, i) => ({
        email: `ev${i}@example.org`,
        evidence: { ...evidence, country: 'FR' },
      })),
      ...Array.from({ length: 2 }, (_, i) => ({ email: `un${i}@example.org`, consentUnknown: true })),
    ];
    const res = await api(apiKey, '/subscribers/import', { method: 'POST', json: { listIds: [news], rows } });
    expect(res.status).toBe(200);
    const cells = await expectCountersExact(tenant);
    expect(cell(cells, news, 'eu', 'valid')).toBe(3);
    expect(cell(cells, news, 'unknown', 'unknown')).toBe(2);
  });

  it.each([
    ['yes', 'valid'],
    ['no', 'refused'],
  ] as const)('an intercept %s moves the subscription to %s, and fills the region', async (answer, state) => {
    captureQueue();
    const { tenant } = await seedTenant('eu');
    const subscriber = await seedSubscriber(tenant);
    const list = await seedList(tenant, { en: 'Offers every month.' });
    // Seeded without the domain paths: the counters start from a recount.
    await reconcileTenant(tenant);
    const token = await mintLink({ tenantId: tenant.id, subscriberId: subscriber.id, listId: list.id });
    const page = await call(`/l/${token}`, { cf: EU_CF, headers: { 'user-agent': BROWSER_UA } });
    expect(page.status).toBe(200);
    const res = await call(`/l/${token}`, {
      method: 'POST',
      cf: EU_CF,
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://privacy.test',
        'user-agent': BROWSER_UA,
      },
      body: new URLSearchParams({ answer, answer_token: answerTokenOf(await page.text()) }).toString(),
    });
    expect(res.status).toBeLessThan(400);
    const cells = await expectCountersExact(tenant);
    expect(cell(cells, list.id, 'eu', state)).toBe(1);
    expect(cell(cells, '', 'eu', state)).toBe(1);
  });

  it('a changed lawful basis moves every subscriber of the list', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    expect((await postJson(f.formId, { email: 'w@example.org' }, { cf: EU_CF })).status).toBe(200);
    const patched = await api(f.apiKey, `/lists/${f.singleList}`, {
      method: 'PATCH',
      json: { lawfulBasis: 'legitimate_interest' },
    });
    expect(patched.status).toBe(200);
    const cells = await expectCountersExact(f.tenant);
    expect(cell(cells, f.singleList, 'eu', 'other_basis')).toBe(1);
    expect(cell(cells, f.singleList, 'eu', 'valid')).toBe(0);
  });

  it('a click fills an unknown region; a hard bounce and the purge move their cells', async () => {
    const f = await formFixture('eu', { lists: 'both' });
    captureMail();
    expect((await postJson(f.formId, { email: 'x@example.org' }, { cf: {} })).status).toBe(200);
    const id = await subscriberOf(f.tenant.id);
    let cells = await expectCountersExact(f.tenant);
    expect(cell(cells, '', 'unknown', 'valid')).toBe(1);

    await recordClicks(env.DB_EU, [
      {
        type: 'click-recorded',
        region: 'eu',
        tenantId: f.tenant.id,
        subscriberId: id,
        clickId: `clk_${crypto.randomUUID()}`,
        messageId: null,
        listId: f.singleList,
        clickedAt: Date.now(),
        country: 'AT',
        isEu: true,
        outcome: 'redirect',
        automated: false,
      },
    ]);
    cells = await expectCountersExact(f.tenant);
    expect(cell(cells, f.singleList, 'eu', 'valid')).toBe(1);
    expect(cell(cells, f.doiList, 'eu', 'pending_confirmation')).toBe(1);

    const { db } = regional(env, 'eu');
    const sub = (await db.query.subscribers.findFirst({ where: (t, { eq }) => eq(t.id, id) }))!;
    await recordHardBounce(db, {
      tenantId: f.tenant.id,
      subscriberId: id,
      emailIndex: sub.emailIndex!,
      status: '5.1.1',
    });
    cells = await expectCountersExact(f.tenant);
    expect(cell(cells, f.singleList, 'eu', 'bounced')).toBe(1);
    expect(cell(cells, '', '', 'suppressions:hard_bounce')).toBe(1);

    // A sign-up never confirmed: the purge removes the person and their cells.
    expect((await postJson(f.formId, { email: 'late@example.org' }, { cf: US_CF })).status).toBe(200);
    await env.DB_EU.prepare('update subscriptions set updated_at = 0 where tenant_id = ? and status = ?')
      .bind(f.tenant.id, 'pending')
      .run();
    await purgeUnconfirmed(db, env.MASTER_KEY, new Date());
    cells = await expectCountersExact(f.tenant);
    expect(cell(cells, f.doiList, 'non_eu', 'pending_confirmation')).toBe(0);
  });

  it('an erasure request puts the person in erasure_pending; its execution moves them to the erased totals', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    expect((await postJson(f.formId, { email: 'gone@example.org' }, { cf: EU_CF })).status).toBe(200);
    const filed = await api(f.apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'erasure', email: 'gone@example.org' },
    });
    expect(filed.status).toBe(201);
    let cells = await expectCountersExact(f.tenant);
    expect(cell(cells, f.singleList, 'eu', 'erasure_pending')).toBe(1);
    expect(cell(cells, f.singleList, 'eu', 'valid')).toBe(0);

    const { id } = (await filed.json()) as { id: string };
    expect(
      (await api(f.apiKey, `/privacy-requests/${id}/confirm`, { method: 'POST', json: {} })).status,
    ).toBe(200);
    cells = await expectCountersExact(f.tenant);
    expect(cell(cells, f.singleList, 'eu', 'erasure_pending')).toBe(0);
    expect(cell(cells, '', 'eu', 'erased')).toBe(1);
    expect(cell(cells, '', '', 'erasures')).toBe(1);
    expect(cell(cells, '', '', 'erased_events:opt_in')).toBe(1);
    expect(cell(cells, '', '', 'events:opt_in')).toBe(0);
    expect(cell(cells, '', '', 'suppressions:erasure')).toBe(1);
  });

  it('the hourly sweep repairs a corrupted counter and logs the drift as counts only', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    expect((await postJson(f.formId, { email: 'r@example.org' }, { cf: EU_CF })).status).toBe(200);
    const exact = await expectCountersExact(f.tenant);
    await env.DB_EU.prepare(
      "update report_counters set n = n + 41 where tenant_id = ? and list_id = ? and region = 'eu' and state = 'valid'",
    )
      .bind(f.tenant.id, f.singleList)
      .run();
    await env.DB_EU.prepare("insert into report_counters values (?, '', 'non_eu', 'refused', 7)")
      .bind(f.tenant.id)
      .run();
    expect(await countersOf(f.tenant)).not.toEqual(exact);
    const logs: string[] = [];
    const spy = (await import('vitest')).vi.spyOn(console, 'warn').mockImplementation((line: unknown) => {
      logs.push(String(line));
    });
    try {
      for (let i = 0; i < 20 && JSON.stringify(await countersOf(f.tenant)) !== JSON.stringify(exact); i++)
        await handleScheduled(
          createScheduledController({ scheduledTime: Date.now(), cron: '17 * * * *' }),
          env,
          {} as ExecutionContext,
        );
    } finally {
      spy.mockRestore();
    }
    expect(await countersOf(f.tenant)).toEqual(exact);
    const drift = logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.event === 'report.counters_drift' && l.tenantId === f.tenant.id);
    expect(drift.length).toBeGreaterThan(0);
    expect(drift.reduce((n, l) => n + (l.people as number), 0)).toBe(48);
    expect(JSON.stringify(drift)).not.toContain('r@example.org');
  });

  it('a reconciliation run is bounded and goes on where the last one stopped', async () => {
    const { tenant } = await seedTenant('eu');
    const first = await reconcileCounters(env.DB_EU, new Date(), 2);
    expect(first.chunks).toBe(2);
    expect(first.finished).toBe(false);
    let runs = 1;
    while (!(await reconcileCounters(env.DB_EU, new Date(), 50)).finished) runs++;
    expect(runs).toBeGreaterThan(0);
    expect(await countersOf(tenant)).toEqual([]);
  });
});
