// /api/v1/reports and EU flagging: the compliance report from the counters (percentages, one
// list, CSV, daily snapshots), home regions set by the client and by the tenant's rules, the
// k threshold of profile reports, bad input, and no EU person's address or name in any answer.

import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { handleScheduled } from '../../workers/scheduled';
import { createList, EU_CF, formFixture, postJson, US_CF } from '../support/consent';
import { captureMail } from '../support/mail';
import { cell, complianceOf, expectCountersExact } from '../support/reports';
import { api, seedTenant } from '../support/seed';

const evidence = (country?: string) => ({
  occurredAt: new Date().toISOString(),
  ...(country ? { country } : {}),
  notice: { text: 'Yes, send me the news.', language: 'en' },
});

async function insert(apiKey: string, email: string, listIds: string[], extra: Record<string, unknown> = {}) {
  const res = await api(apiKey, '/subscribers', {
    method: 'POST',
    json: { email, listIds, evidence: evidence(), ...extra },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { subscriber: { id: string; homeRegion: string } }).subscriber;
}

const sweep = () =>
  handleScheduled(
    createScheduledController({ scheduledTime: Date.now(), cron: '17 * * * *' }),
    env,
    {} as ExecutionContext,
  );

describe('GET /api/v1/reports/compliance', () => {
  it('answers from the counters: states per region and list, and the share that may be mailed lawfully', async () => {
    const f = await formFixture('eu', { lists: 'both' });
    captureMail();
    // EU: one valid (single opt-in) + pending on the DOI list; US: the same.
    expect((await postJson(f.formId, { email: 'eu1@example.org' }, { cf: EU_CF })).status).toBe(200);
    expect((await postJson(f.formId, { email: 'us1@example.org' }, { cf: US_CF })).status).toBe(200);
    const report = await complianceOf(f.apiKey);
    const doi = report.inventory.lists.find((l) => l.listId === f.doiList)!;
    expect(doi.regions.eu.cells.pending_confirmation).toBe(1);
    expect(doi.regions.eu).toMatchObject({ active: 1, mailable: 0, percent: 0 });
    const single = report.inventory.lists.find((l) => l.listId === f.singleList)!;
    expect(single.regions.non_eu).toMatchObject({ active: 1, mailable: 1, percent: 100 });
    expect(report.inventory.overall.all).toMatchObject({ total: 2, active: 2, mailable: 2, percent: 100 });
    expect(report.subscribers.byRegion).toEqual({ eu: 1, non_eu: 1 });
    expect(report.consentEvents.live).toEqual({ opt_in: 4 });
    expect(report.privacyRequests.open).toEqual({ total: 0, byKind: {}, overdue: 0, dueIn7Days: 0 });

    const one = await complianceOf(f.apiKey, `?listId=${f.doiList}`);
    expect(one.inventory.lists.map((l) => l.listId)).toEqual([f.doiList]);
  });

  it('counts open requests by kind, those due in 7 days, and the median time to close', async () => {
    const { apiKey } = await seedTenant('eu');
    for (const kind of ['access', 'access', 'erasure'])
      expect(
        (
          await api(apiKey, '/privacy-requests', {
            method: 'POST',
            json: { kind, email: `${kind}${Math.random()}@example.org` },
          })
        ).status,
      ).toBe(201);
    const report = await complianceOf(apiKey);
    expect(report.privacyRequests.open.byKind).toEqual({ access: 2, erasure: 1 });
    expect(report.privacyRequests.open.total).toBe(3);
    expect(report.privacyRequests.medianDaysToClose).toBeNull();
  });

  it("a list id the tenant does not have is 404, another tenant's list too", async () => {
    const mine = await seedTenant('eu');
    const other = await seedTenant('eu');
    const theirs = await createList(other.apiKey, { name: 'Theirs' });
    for (const q of ['?listId=lst_nope', `?listId=${theirs}`]) {
      for (const path of ['/reports/compliance', '/reports/compliance.csv']) {
        const res = await api(mine.apiKey, `${path}${q}`);
        expect(res.status).toBe(404);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
      }
    }
  });

  it('serves the same inventory as CSV, with list names made inert for spreadsheets', async () => {
    const { apiKey } = await seedTenant('eu');
    const list = await createList(apiKey, { name: '=HYPERLINK("x")', doubleOptIn: false });
    await insert(apiKey, 'csv@example.org', [list], { evidence: evidence('NL') });
    const res = await api(apiKey, '/reports/compliance.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^list_id,list_name,lawful_basis,region,valid,/);
    const euRow = lines.find((l) => l.startsWith(`${list},`) && l.includes(',eu,'))!;
    expect(euRow).toContain(`"'=HYPERLINK(""x"")"`);
    expect(euRow.split(',').slice(-4)).toEqual(['1', '1', '1', '100']);
  });

  it('the hourly run writes one snapshot a day, idempotently, and the history serves it', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    expect((await postJson(f.formId, { email: 'snap@example.org' }, { cf: EU_CF })).status).toBe(200);
    await sweep();
    await sweep();
    const rows = await env.DB_EU.prepare('select count(*) as n from report_snapshots where tenant_id = ?')
      .bind(f.tenant.id)
      .first<{ n: number }>();
    expect(rows!.n).toBe(1);
    const res = await api(f.apiKey, '/reports/compliance/history');
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as {
      data: { day: string; overall: { eu: { cells: { valid: number } } } }[];
    };
    expect(data).toHaveLength(1);
    expect(data[0]!.day).toBe(new Date().toISOString().slice(0, 10));
    expect(data[0]!.overall.eu.cells.valid).toBe(1);

    const bad = await api(f.apiKey, '/reports/compliance/history?from=2026-02-01&to=2026-01-01');
    expect(bad.status).toBe(400);
    expect((await api(f.apiKey, '/reports/compliance/history?from=yesterday')).status).toBe(400);
  });
});

describe('EU flagging', () => {
  it("rules set a new subscriber's unknown region (source rule), and never override a geolocation", async () => {
    const { tenant, apiKey } = await seedTenant('eu', {
      homeRegionRules: {
        euCountryDomains: true,
        domains: [{ domain: 'corp.example.com', region: 'non_eu' }],
      },
    });
    const list = await createList(apiKey, { name: 'News', doubleOptIn: false });
    const de = await insert(apiKey, 'anna@beispiel.de', [list]);
    expect(de.homeRegion).toBe('eu');
    const corp = await insert(apiKey, 'bob@sales.corp.example.com', [list]);
    expect(corp.homeRegion).toBe('non_eu');
    const none = await insert(apiKey, 'carl@example.org', [list]);
    expect(none.homeRegion).toBe('unknown');
    // A geolocation (here: the evidence's country) wins over a rule.
    const geo = await insert(apiKey, 'dora@sales.corp.example.com', [list], { evidence: evidence('FR') });
    expect(geo.homeRegion).toBe('eu');
    const view = (await (await api(apiKey, `/subscribers/${de.id}`)).json()) as { homeRegionSource: string };
    expect(view.homeRegionSource).toBe('rule');
    await expectCountersExact(tenant);
  });

  it('PATCH homeRegion sets the region with source api, its event and the counters in one go', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const list = await createList(apiKey, { name: 'News', doubleOptIn: false });
    const s = await insert(apiKey, 'pat@example.org', [list]);
    const res = await api(apiKey, `/subscribers/${s.id}`, {
      method: 'PATCH',
      json: { homeRegion: 'eu', country: 'PT' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ homeRegion: 'eu', homeRegionSource: 'api', email: null });
    const cells = await expectCountersExact(tenant);
    expect(cell(cells, list, 'eu', 'valid')).toBe(1);
    expect(cell(cells, list, 'unknown', 'valid')).toBe(0);
    const event = await env.DB_EU.prepare(
      "select payload from outbox_events where tenant_id = ? and type = 'subscriber.home_region_set'",
    )
      .bind(tenant.id)
      .first<{ payload: string }>();
    expect(JSON.parse(event!.payload)).toMatchObject({ subscriberId: s.id, homeRegion: 'eu', source: 'api' });
    const report = await complianceOf(apiKey);
    expect(report.regionsResolved[0]).toMatchObject({ total: 1, bySource: { api: 1 }, byRegion: { eu: 1 } });

    // And the client may move them out again: only rules may not.
    const back = await api(apiKey, `/subscribers/${s.id}`, {
      method: 'PATCH',
      json: { homeRegion: 'non_eu' },
    });
    expect(back.status).toBe(200);
    expect(cell(await expectCountersExact(tenant), list, 'non_eu', 'valid')).toBe(1);
  });

  it('refuses bad PATCH bodies with 400 and unknown ids with 404, changing nothing', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const list = await createList(apiKey, { name: 'News', doubleOptIn: false });
    const s = await insert(apiKey, 'bad@example.org', [list]);
    for (const json of [
      { homeRegion: 'unknown' },
      { homeRegion: 'eu', country: 'US' },
      { homeRegion: 'mars' },
      {},
    ]) {
      const res = await api(apiKey, `/subscribers/${s.id}`, { method: 'PATCH', json });
      expect(res.status, JSON.stringify(json)).toBe(400);
    }
    expect(
      (await api(apiKey, '/subscribers/sub_nope', { method: 'PATCH', json: { homeRegion: 'eu' } })).status,
    ).toBe(404);
    const row = await env.DB_EU.prepare('select home_region from subscribers where id = ?')
      .bind(s.id)
      .first();
    expect(row).toEqual({ home_region: 'unknown' });
    await expectCountersExact(tenant);
  });

  it('the bulk re-evaluation applies the rules page by page, and never turns a geolocated EU region into non-EU', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const list = await createList(apiKey, { name: 'News', doubleOptIn: false });
    const before = [
      await insert(apiKey, 'one@firma.at', [list]),
      await insert(apiKey, 'two@firma.at', [list]),
      await insert(apiKey, 'geo@partner.example.net', [list], { evidence: evidence('IT') }),
      await insert(apiKey, 'three@elsewhere.example', [list]),
    ];
    expect(before.map((s) => s.homeRegion)).toEqual(['unknown', 'unknown', 'eu', 'unknown']);
    const noRules = await api(apiKey, '/subscribers/home-regions/evaluate', { method: 'POST', json: {} });
    expect(noRules.status).toBe(409);

    const set = await api(apiKey, '/tenant/settings', {
      method: 'PATCH',
      json: {
        homeRegionRules: {
          euCountryDomains: true,
          domains: [{ domain: 'partner.example.net', region: 'non_eu' }],
        },
      },
    });
    expect(set.status).toBe(200);
    let after = '';
    const changed = { eu: 0, non_eu: 0 };
    for (let i = 0; i < 10; i++) {
      const res = await api(apiKey, '/subscribers/home-regions/evaluate', {
        method: 'POST',
        json: { after, limit: 2 },
      });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { changed: typeof changed; next: string | null };
      changed.eu += page.changed.eu;
      changed.non_eu += page.changed.non_eu;
      if (!page.next) break;
      after = page.next;
    }
    expect(changed).toEqual({ eu: 2, non_eu: 0 });
    const regions = await env.DB_EU.prepare(
      'select home_region as r, home_region_source as s from subscribers where tenant_id = ? order by id',
    )
      .bind(tenant.id)
      .all<{ r: string; s: string | null }>();
    expect(regions.results.filter((x) => x.s === 'rule')).toHaveLength(2);
    expect(regions.results.filter((x) => x.r === 'eu')).toHaveLength(3);
    const cells = await expectCountersExact(tenant);
    expect(cell(cells, list, 'eu', 'valid')).toBe(3);
    // A second run changes nothing.
    const again = await api(apiKey, '/subscribers/home-regions/evaluate', {
      method: 'POST',
      json: { limit: 500 },
    });
    expect(await again.json()).toMatchObject({ evaluated: 4, changed: { eu: 0, non_eu: 0 }, next: null });
  });

  it('refuses a rule set that matches nothing, a malformed domain and a k below 2 with 400', async () => {
    const { apiKey } = await seedTenant('eu');
    for (const json of [
      { homeRegionRules: {} },
      { homeRegionRules: { euCountryDomains: false, domains: [] } },
      { homeRegionRules: { domains: [{ domain: '*.example.de', region: 'eu' }] } },
      { homeRegionRules: { domains: [{ domain: 'user@example.de', region: 'eu' }] } },
      { minAggregate: 1 },
      { minAggregate: 0 },
      { minAggregate: 2.5 },
    ]) {
      const res = await api(apiKey, '/tenant/settings', { method: 'PATCH', json });
      expect(res.status, JSON.stringify(json)).toBe(400);
    }
  });
});

describe('pseudonymised profiles (alpha)', () => {
  it('shows non-EU people value by value and EU people only in cells of at least k', async () => {
    const { tenant, apiKey } = await seedTenant('eu', { pseudonymisedProfiles: true, minAggregate: 3 });
    const list = await createList(apiKey, { name: 'News', doubleOptIn: false });
    expect(
      (await api(apiKey, '/profile-fields', { method: 'POST', json: { key: 'city', label: 'City' } })).status,
    ).toBe(201);
    const people: [string, string][] = [
      ['FR', 'Paris'],
      ['FR', 'Paris'],
      ['FR', 'Paris'],
      ['FR', 'Paris'],
      ['DE', 'Bonn'],
      ['NL', 'Delft'],
      ['FR', 'Lyon'],
      ['US', 'Austin'],
    ];
    let i = 0;
    for (const [country, city] of people)
      await insert(apiKey, `p${i++}@example.org`, [list], { evidence: evidence(country), profile: { city } });
    const res = await api(apiKey, '/reports/profiles?field=city');
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      k: number;
      detail: { value: string; n: number }[];
      aggregate: { cells: { value: string; n: number }[]; other: number; suppressed: boolean };
    };
    expect(report.k).toBe(3);
    expect(report.detail).toEqual([{ value: 'Austin', n: 1 }]);
    // Bonn, Delft and Lyon (one person each) never show: they are merged into "other" (3 = k).
    expect(report.aggregate).toEqual({ cells: [{ value: 'Paris', n: 4 }], other: 3, suppressed: false });
    for (const c of report.aggregate.cells) expect(c.n).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(report.aggregate)).not.toMatch(/Bonn|Delft|Lyon/);

    // Moved into the EU by the client, the Austin person leaves the detailed cells.
    const austin = (await env.DB_EU.prepare(
      "select id from subscribers where tenant_id = ? and home_region = 'non_eu'",
    )
      .bind(tenant.id)
      .first<{ id: string }>())!;
    const moved = await api(apiKey, `/subscribers/${austin.id}`, {
      method: 'PATCH',
      json: { homeRegion: 'eu' },
    });
    expect(moved.status).toBe(200);
    const after = (await (await api(apiKey, '/reports/profiles?field=city')).json()) as typeof report;
    expect(after.detail).toEqual([]);
    expect(after.aggregate).toEqual({ cells: [{ value: 'Paris', n: 4 }], other: 4, suppressed: false });
  });

  it('is refused with 409 while the tenant has not turned it on, and a bad field is 400', async () => {
    const { apiKey } = await seedTenant('eu');
    expect((await api(apiKey, '/reports/profiles?field=city')).status).toBe(409);
    expect((await api(apiKey, '/reports/profiles?field=City%20Name')).status).toBe(400);
  });
});

describe('the address sweep', () => {
  it("no client-facing answer carries an EU subscriber's address or name", async () => {
    const f = await formFixture('eu', { lists: 'single' });
    const list = f.singleList;
    const secrets = ['zelda.eu@example.org', 'Zelda Euro', 'yann.eu@beispiel.de', 'Yann Rule'];
    expect((await postJson(f.formId, { email: secrets[0], name: secrets[1] }, { cf: EU_CF })).status).toBe(
      200,
    );
    await api(f.apiKey, '/tenant/settings', {
      method: 'PATCH',
      json: { homeRegionRules: { euCountryDomains: true } },
    });
    const ruled = await insert(f.apiKey, secrets[2]!, [list], { name: secrets[3] });
    await api(f.apiKey, `/subscribers/${ruled.id}`, {
      method: 'PATCH',
      json: { homeRegion: 'eu', country: 'DE' },
    });
    await sweep();
    const answers: string[] = [];
    const subs = (await (await api(f.apiKey, '/subscribers')).json()) as { data: { id: string }[] };
    for (const path of [
      '/subscribers',
      ...subs.data.flatMap((s) => [`/subscribers/${s.id}`, `/subscribers/${s.id}/consent`]),
      '/reports/compliance',
      '/reports/compliance.csv',
      '/reports/compliance/history',
      '/consent-events',
    ]) {
      const res = await api(f.apiKey, path);
      expect(res.status, path).toBe(200);
      answers.push(await res.text());
    }
    const outbox = await env.DB_EU.prepare('select payload from outbox_events where tenant_id = ?')
      .bind(f.tenant.id)
      .all<{ payload: string }>();
    answers.push(...outbox.results.map((r) => r.payload));
    const all = answers.join('\n').toLowerCase();
    for (const secret of secrets) expect(all).not.toContain(secret.toLowerCase());
    expect(all).toContain('anon-');
  });
});
