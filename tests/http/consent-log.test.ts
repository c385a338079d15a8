// The consent log through the API: the event listing and its filters, the status per list, the
// hash chain's verification (edits, deletions in the middle and at the head), the ISO/IEC TS
// 27560-shaped consent record, and finding a subscriber by address.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { confirmSubscriptions } from '../../db/double-opt-in';
import { regional } from '../../db/regions';
import { tenantKeys } from '../../db/tenants';
import { createList, formFixture, postJson, US_CF } from '../support/consent';
import { captureMail } from '../support/mail';
import { api, seedTenant } from '../support/seed';

type Page = {
  data: {
    id: string;
    kind: string;
    listId: string;
    subscriber: { id: string; pseudonym: string; email: string | null };
    geo: { isEu: boolean | null };
  }[];
  nextCursor: string | null;
};

/** A form sign-up to a double opt-in list, confirmed by the click (the domain step behind /c/). */
async function confirmedSubscriber(region: 'eu' | 'us' = 'eu') {
  const f = await formFixture(region);
  captureMail();
  await postJson(
    f.formId,
    { email: 'chain@example.org' },
    { region, cf: region === 'us' ? US_CF : undefined },
  );
  const d1 = region === 'eu' ? env.DB_EU : env.DB_US;
  const id = (await d1
    .prepare('select id from subscribers where tenant_id = ?')
    .bind(f.tenant.id)
    .first<{ id: string }>())!.id;
  await confirmSubscriptions(
    regional(env, region).db,
    await tenantKeys(env.MASTER_KEY, f.tenant),
    id,
    [f.doiList],
    {
      occurredAt: new Date(),
      geo: { country: 'AT', region: null, isEU: true },
      ip: '192.0.2.99',
      userAgent: 'MailClient/1.0',
      formId: f.formId,
    },
  );
  return { ...f, id, d1 };
}

describe('POST /api/v1/subscribers/lookup', () => {
  const lookup = (apiKey: string, email: unknown) =>
    api(apiKey, '/subscribers/lookup', { method: 'POST', json: { email } });

  it('finds a subscriber by address, however it is written, and answers id and pseudonym only', async () => {
    const s = await confirmedSubscriber('eu');
    const res = await lookup(s.apiKey, '  Chain@Example.ORG ');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ id: s.id, pseudonym: expect.stringMatching(/^anon-/) });
    expect(JSON.stringify(body)).not.toContain('chain@example.org');
  });

  it("answers 404 for an address nobody has, and for another tenant's subscriber", async () => {
    const s = await confirmedSubscriber('eu');
    const other = await seedTenant('eu');
    expect((await lookup(s.apiKey, 'nobody@example.org')).status).toBe(404);
    const res = await lookup(other.apiKey, 'chain@example.org');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('refuses what is not an address with a 400 and the error body', async () => {
    const s = await confirmedSubscriber('eu');
    for (const email of ['not an address', '', 42]) {
      const res = await lookup(s.apiKey, email);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'validation_failed' } });
    }
  });
});

describe('GET /api/v1/consent-events', () => {
  it('shows both events of a confirmed sign-up, EU subscriber under the pseudonym only', async () => {
    const s = await confirmedSubscriber('eu');
    const page = (await (await api(s.apiKey, '/consent-events')).json()) as Page;
    expect(page.data.map((e) => e.kind)).toEqual(['confirmation', 'opt_in']);
    expect(page.data[0]!.subscriber).toMatchObject({
      id: s.id,
      email: null,
      pseudonym: expect.stringMatching(/^anon-/),
    });
    expect(JSON.stringify(page)).not.toContain('chain@example.org');
    expect(JSON.stringify(page)).not.toContain('203.0.113.7');
  });

  it('a US subscriber outside the EU is listed with the address', async () => {
    const s = await confirmedSubscriber('us');
    const page = (await (await api(s.apiKey, '/consent-events')).json()) as Page;
    expect(page.data[0]!.subscriber.email).toBe('chain@example.org');
  });

  it('filters by subscriber, list, kind, time range and region, and pages with a cursor', async () => {
    const t = await seedTenant('us');
    const a = await createList(t.apiKey, { doubleOptIn: false });
    const b = await createList(t.apiKey, { doubleOptIn: false });
    const ev = (country: string, at: string) => ({
      occurredAt: at,
      country,
      notice: { text: 'Yes please', language: 'en' },
    });
    for (let i = 0; i < 5; i++) {
      await api(t.apiKey, '/subscribers', {
        method: 'POST',
        json: {
          email: `p${i}@example.org`,
          listIds: i < 3 ? [a] : [a, b],
          evidence: ev(i % 2 ? 'DE' : 'US', `2026-11-0${i + 1}T10:00:00Z`),
        },
      });
    }
    const get = async (q: string) => (await (await api(t.apiKey, `/consent-events?${q}`)).json()) as Page;
    expect((await get('')).data).toHaveLength(7);
    expect((await get(`listId=${b}`)).data).toHaveLength(2);
    expect((await get('region=eu')).data.every((e) => e.geo.isEu === true)).toBe(true);
    expect((await get('region=eu')).data).toHaveLength(3);
    expect((await get('from=2026-11-02T00:00:00Z&to=2026-11-03T23:59:59Z')).data).toHaveLength(2);
    expect((await get('kind=confirmation')).data).toHaveLength(0);
    const one = (await get('')).data.find((e) => e.listId === b)!.subscriber.id;
    expect((await get(`subscriberId=${one}`)).data).toHaveLength(2);
    const seen: string[] = [];
    let cursor: string | null = '';
    do {
      const page: Page = await get(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(7);
    expect((await api(t.apiKey, '/consent-events?region=mars')).status).toBe(400);
    expect((await api(t.apiKey, '/consent-events?cursor=!!!')).status).toBe(400);
  });
});

describe('per-subscriber consent', () => {
  it('current status per list', async () => {
    const s = await confirmedSubscriber('eu');
    const body = await (await api(s.apiKey, `/subscribers/${s.id}/consent`)).json();
    expect(body).toMatchObject({
      subscriberId: s.id,
      data: [
        {
          listId: s.doiList,
          listName: 'Newsletter',
          status: 'confirmed',
          consent: 'given',
          lawfulBasis: 'consent',
        },
      ],
    });
    expect((await api(s.apiKey, '/subscribers/sub_unknown/consent')).status).toBe(404);
  });

  it('chain verification detects an edited event', async () => {
    const s = await confirmedSubscriber('eu');
    expect(await (await api(s.apiKey, `/subscribers/${s.id}/consent-chain`)).json()).toEqual({
      ok: true,
      events: 2,
      head: expect.any(String),
    });
    await s.d1
      .prepare("update consent_events set country = 'US' where subscriber_id = ? and seq = 1")
      .bind(s.id)
      .run();
    expect(await (await api(s.apiKey, `/subscribers/${s.id}/consent-chain`)).json()).toMatchObject({
      ok: false,
      brokenAt: 1,
      reason: 'edited',
    });
  });

  it('chain verification detects a deleted event, in the middle and at the head', async () => {
    // Three events: the opt-in, the confirmation, and a second opt-in when the form is posted again.
    const chain = async (s: { apiKey: string; id: string }) =>
      (await api(s.apiKey, `/subscribers/${s.id}/consent-chain`)).json();
    const middle = await confirmedSubscriber('eu');
    await postJson(middle.formId, { email: 'chain@example.org' });
    expect(await chain(middle)).toMatchObject({ ok: true, events: 3 });
    await middle.d1
      .prepare('delete from consent_events where subscriber_id = ? and seq = 2')
      .bind(middle.id)
      .run();
    expect(await chain(middle)).toEqual({ ok: false, events: 2, brokenAt: 2, reason: 'missing' });

    const head = await confirmedSubscriber('eu');
    await postJson(head.formId, { email: 'chain@example.org' });
    await head.d1
      .prepare('delete from consent_events where subscriber_id = ? and seq = 3')
      .bind(head.id)
      .run();
    expect(await chain(head)).toEqual({ ok: false, events: 2, brokenAt: 3, reason: 'head_mismatch' });
  });

  it('the consent record is ISO/IEC TS 27560-shaped JSON-LD with notice, basis, controller, storage and events', async () => {
    const s = await confirmedSubscriber('eu');
    const res = await api(s.apiKey, `/subscribers/${s.id}/consent-record`);
    expect(res.status).toBe(200);
    const rec = (await res.json()) as Record<string, unknown> & {
      'dpv:hasRecordOfActivity': Record<string, unknown>[];
    };
    expect(rec['@type']).toBe('dpv:ConsentReceipt');
    expect(rec['@context']).toMatchObject({ dpv: 'https://w3id.org/dpv#' });
    const r = rec['dpv:hasRecordOfActivity'][0]!;
    expect(r).toMatchObject({
      '@type': 'dpv:ConsentRecord',
      'dpv:hasLegalBasis': 'eu-gdpr:A6-1-a',
      'dpv:hasJurisdiction': 'loc:EU',
      'dpv:hasDataSubject': { '@id': expect.stringMatching(/^anon-/) },
      'dpv:hasNotice': {
        'dct:hasVersion': 1,
        'dct:language': 'en',
        'dpv:hasHash': { 'dpv:hasAlgorithm': 'SHA-256' },
      },
      'dpv:hasConsentStatus': {
        '@type': 'dpv:ConsentGiven',
        'dpv:hasIndicationMethod': expect.stringContaining('Web form'),
      },
      'dpv:hasConsentControl': { '@type': 'dpv:WithdrawConsent' },
      'dpv:hasProcess': {
        'dpv:hasPurpose': { 'dct:description': 'Monthly newsletter' },
        'dpv:hasStorageCondition': expect.arrayContaining([
          expect.objectContaining({ '@type': 'dpv:StorageLocation', 'dpv:hasLocation': 'loc:EU' }),
        ]),
      },
    });
    expect((r['dpv:hasEvent'] as { 'dct:type': string }[]).map((e) => e['dct:type'])).toEqual([
      'opt_in',
      'confirmation',
    ]);
    expect(JSON.stringify(rec)).not.toContain('chain@example.org');
    expect(rec['dpv:hasDataController']).toMatchObject({ 'dpv:hasName': expect.any(String) });
  });

  it("the record's time is the decisive event's, not a later import's; a newsletter's purpose is direct marketing", async () => {
    const t = await seedTenant('eu');
    const news = await createList(t.apiKey, { doubleOptIn: false });
    const orders = await createList(t.apiKey, {
      name: 'Order updates',
      purpose: 'Messages about your orders',
      lawfulBasis: 'contract',
    });
    const inserted = await api(t.apiKey, '/subscribers', {
      method: 'POST',
      json: {
        email: 'decided@example.org',
        listIds: [news, orders],
        evidence: {
          occurredAt: '2026-10-01T10:00:00Z',
          country: 'DE',
          notice: { text: 'Yes, the monthly newsletter.', language: 'en' },
        },
      },
    });
    expect(inserted.status).toBe(201);
    const id = ((await inserted.json()) as { subscriber: { id: string } }).subscriber.id;
    const imported = await api(t.apiKey, '/subscribers/import', {
      method: 'POST',
      json: { listIds: [news, orders], rows: [{ email: 'decided@example.org', consentUnknown: true }] },
    });
    expect(await imported.json()).toMatchObject({ updated: 1, refused: [] });
    const rec = (await (await api(t.apiKey, `/subscribers/${id}/consent-record`)).json()) as {
      'dpv:hasRecordOfActivity': Record<string, Record<string, unknown>>[];
    };
    const byList = new Map(
      rec['dpv:hasRecordOfActivity'].map((r) => [String(r['dct:identifier']).split('/')[1], r]),
    );
    const newsletter = byList.get(news)!;
    expect(newsletter['dpv:hasConsentStatus']).toMatchObject({
      '@type': 'dpv:ConsentGiven',
      'dpv:isIndicatedAtTime': '2026-10-01T10:00:00.000Z',
    });
    expect(
      (newsletter['dpv:hasEvent'] as unknown as { 'dct:type': string }[]).map((e) => e['dct:type']),
    ).toEqual(['opt_in', 'import']);
    expect(newsletter['dpv:hasProcess']).toMatchObject({
      'dpv:hasPurpose': { '@type': 'dpv:DirectMarketing', 'skos:broader': 'dpv:Marketing' },
    });
    expect(byList.get(orders)!['dpv:hasProcess']).toMatchObject({
      'dpv:hasPurpose': { '@type': 'dpv:CommunicationForCustomerCare' },
    });
  });
});
