// GET /api/v1/reports/processing-record(.html): the Art. 30 record follows the live
// configuration (contacts, lists, forms and notice versions, profile fields, webhook hosts,
// sub-processors, storage, retention, measures with what implements them), as JSON and as a page.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ProcessingRecord } from '../../shared/reports/processing-record';
import { createList, formFixture } from '../support/consent';
import { api, seedTenant } from '../support/seed';

async function recordOf(apiKey: string): Promise<ProcessingRecord> {
  const res = await api(apiKey, '/reports/processing-record');
  expect(res.status).toBe(200);
  return (await res.json()) as ProcessingRecord;
}

describe('the record of processing activities', () => {
  it('is generated from the live configuration', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    const contract = await createList(f.apiKey, {
      name: 'Invoices',
      purpose: 'Invoice mails',
      lawfulBasis: 'contract',
    });
    expect(
      (await api(f.apiKey, '/profile-fields', { method: 'POST', json: { key: 'team', label: 'Team' } }))
        .status,
    ).toBe(201);
    await env.DB_EU.prepare(
      "insert into webhook_endpoints (id, tenant_id, url, secret_ct, event_types, active) values (?, ?, ?, 'x', '[]', 1)",
    )
      .bind(`whk_${crypto.randomUUID()}`, f.tenant.id, 'https://hooks.crm.example.com/in?key=secret-token')
      .run();
    const settings = await api(f.apiKey, '/tenant/settings', {
      method: 'PATCH',
      json: {
        controller: { name: 'Acme Shop GmbH', email: 'privacy@acme.example' },
        privacyOfficer: { name: 'Dana Officer', email: 'dpo@acme.example' },
        euRepresentative: { name: 'EU Rep BV', address: 'Keizersgracht 1\nAmsterdam' },
        subProcessors: [
          { name: 'Mailer Inc', purpose: 'Sending mail', country: 'US', transferMechanism: 'SCCs' },
        ],
        unconfirmedPurgeDays: 9,
      },
    });
    expect(settings.status).toBe(200);

    const record = await recordOf(f.apiKey);
    expect(record.controller).toMatchObject({ name: 'Acme Shop GmbH' });
    expect(record.privacyOfficer).toMatchObject({ name: 'Dana Officer' });
    expect(record.euRepresentative).toMatchObject({ name: 'EU Rep BV' });
    const single = record.purposes.find((p) => p.listId === f.singleList)!;
    expect(single).toMatchObject({
      lawfulBasis: 'consent',
      forms: [{ formId: f.formId, notices: [{ language: 'en', version: 1 }] }],
    });
    expect(record.purposes.find((p) => p.listId === contract)).toMatchObject({
      lawfulBasis: 'contract',
      purpose: 'Invoice mails',
    });
    expect(record.personalData.profileFields).toEqual([{ key: 'team', label: 'Team', type: 'text' }]);
    expect(record.recipients.webhookHosts).toEqual(['hooks.crm.example.com']);
    expect(record.recipients.subProcessors).toEqual([
      { name: 'Mailer Inc', purpose: 'Sending mail', country: 'US', transferMechanism: 'SCCs' },
    ]);
    expect(record.storage).toMatchObject({ region: 'eu', location: 'European Union' });
    expect(record.transfers).toEqual([{ to: 'Mailer Inc (US)', what: 'Sending mail', mechanism: 'SCCs' }]);
    expect(record.retention.find((r) => r.data.startsWith('Unconfirmed'))!.period).toBe('9 days');
    for (const m of record.technicalMeasures) expect(m.implementedBy).not.toBe('');
    expect(record.technicalMeasures.map((m) => m.measure)).toEqual(
      expect.arrayContaining([
        'Field encryption with a key per subscriber',
        'Blind index',
        'Crypto-shredding on erasure',
        'Jurisdiction pinning',
      ]),
    );
    expect(JSON.stringify(record)).not.toContain('secret-token');

    // A change of configuration is in the next answer.
    await api(f.apiKey, '/tenant/settings', {
      method: 'PATCH',
      json: { pseudonymisedProfiles: true, minAggregate: 7 },
    });
    const after = await recordOf(f.apiKey);
    expect(after.technicalMeasures.find((m) => m.measure.startsWith('Pseudonymised'))!.detail).toContain(
      '7 people',
    );
  });

  it('a US tenant names its storage and the transfer out of the EU', async () => {
    const { apiKey } = await seedTenant('us');
    const record = await recordOf(apiKey);
    expect(record.storage).toMatchObject({ region: 'us', location: 'United States' });
    expect(record.transfers[0]).toMatchObject({ to: 'United States' });
    expect(record.controller.name).toBe('Test us');
  });

  it('prints as a page in the one layout, with the security headers and escaped names', async () => {
    const { apiKey } = await seedTenant('eu');
    await createList(apiKey, { name: '<script>alert(1)</script>', purpose: 'Test' });
    const res = await api(apiKey, '/reports/processing-record.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'none'");
    const html = await res.text();
    expect(html).toContain('<h1>Record of processing activities</h1>');
    expect(html).toContain('Blind index');
    expect(html).toContain('shared/crypto/envelope.ts');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });
});
