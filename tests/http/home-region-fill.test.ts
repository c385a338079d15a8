// The home-region fill: an unknown home region is set from where the person is (a form post, the
// double opt-in click), with its source and one `subscriber.home_region_set` event, written
// through the one function every path uses; a known region is never overwritten.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { confirmSubscriptions } from '../../db/double-opt-in';
import { regional } from '../../db/regions';
import { tenantKeys } from '../../db/tenants';
import { formFixture, postJson, US_CF, type FormFixture } from '../support/consent';
import { captureMail } from '../support/mail';

const FR = { country: 'FR', region: 'Île-de-France', isEU: true };
const FR_CF = { country: 'FR', isEUCountry: '1', region: 'Île-de-France' };
const NO_GEO = {};

const homeOf = (tenantId: string) =>
  env.DB_EU.prepare(
    'select home_region, home_region_source, home_country from subscribers where tenant_id = ?',
  )
    .bind(tenantId)
    .first();

const regionEvents = async (tenantId: string) =>
  (
    await env.DB_EU.prepare(
      "select payload from outbox_events where tenant_id = ? and type = 'subscriber.home_region_set'",
    )
      .bind(tenantId)
      .all<{ payload: string }>()
  ).results.map((r) => JSON.parse(r.payload) as Record<string, unknown>);

/** The double opt-in click of the tenant's one subscriber, located at `geo` (the domain step behind /c/). */
async function clickConfirmation(f: FormFixture, geo: typeof FR) {
  const { id } = (await env.DB_EU.prepare('select id from subscribers where tenant_id = ?')
    .bind(f.tenant.id)
    .first<{ id: string }>())!;
  await confirmSubscriptions(
    regional(env, 'eu').db,
    await tenantKeys(env.MASTER_KEY, f.tenant),
    id,
    [f.doiList],
    {
      occurredAt: new Date(),
      geo,
      ip: null,
      userAgent: 'MailClient/1.0',
      formId: f.formId,
    },
  );
  return id;
}

describe('an unknown home region is filled from where the person is', () => {
  it('on consent capture: a later form post located in France fills it, with its event; a known region is never overwritten', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    expect((await postJson(f.formId, { email: 'nomad@example.org' }, { cf: NO_GEO })).status).toBe(200);
    expect(await homeOf(f.tenant.id)).toEqual({
      home_region: 'unknown',
      home_region_source: null,
      home_country: null,
    });
    expect(await regionEvents(f.tenant.id)).toEqual([]);

    expect((await postJson(f.formId, { email: 'nomad@example.org' }, { cf: FR_CF })).status).toBe(200);
    expect(await homeOf(f.tenant.id)).toEqual({
      home_region: 'eu',
      home_region_source: 'form_geo',
      home_country: 'FR',
    });
    expect(await regionEvents(f.tenant.id)).toEqual([
      expect.objectContaining({ homeRegion: 'eu', country: 'FR', source: 'form_geo' }),
    ]);

    expect((await postJson(f.formId, { email: 'nomad@example.org' }, { cf: US_CF })).status).toBe(200);
    expect(await homeOf(f.tenant.id)).toEqual({
      home_region: 'eu',
      home_region_source: 'form_geo',
      home_country: 'FR',
    });
    expect(await regionEvents(f.tenant.id)).toHaveLength(1);
  });

  it('on the double opt-in click: the click located in France fills an unknown region, with its event', async () => {
    const f = await formFixture('eu');
    captureMail();
    await postJson(f.formId, { email: 'clicker@example.org' }, { cf: NO_GEO });
    expect(await homeOf(f.tenant.id)).toMatchObject({ home_region: 'unknown' });
    const id = await clickConfirmation(f, FR);
    expect(await homeOf(f.tenant.id)).toEqual({
      home_region: 'eu',
      home_region_source: 'click_geo',
      home_country: 'FR',
    });
    expect(await regionEvents(f.tenant.id)).toEqual([
      { subscriberId: id, homeRegion: 'eu', country: 'FR', source: 'click_geo' },
    ]);
  });

  it('on the double opt-in click: a region known from the form stays as it was, and no event is written', async () => {
    const f = await formFixture('eu');
    captureMail();
    await postJson(f.formId, { email: 'traveller@example.org' }, { cf: US_CF });
    await clickConfirmation(f, FR);
    expect(await homeOf(f.tenant.id)).toEqual({
      home_region: 'non_eu',
      home_region_source: 'form_geo',
      home_country: 'US',
    });
    expect(await regionEvents(f.tenant.id)).toEqual([]);
    expect(
      await env.DB_EU.prepare(
        "select count(*) as n from consent_events where tenant_id = ? and kind = 'confirmation'",
      )
        .bind(f.tenant.id)
        .first('n'),
    ).toBe(1);
  });
});
