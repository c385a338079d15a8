import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { confirmationLinkIn, formFixture, postJson, US_CF } from '../support/consent';
import { press } from '../support/pages';
import { captureMail } from '../support/mail';

const FR_CF = { country: 'FR', isEUCountry: '1', region: 'Île-de-France' };
const NO_GEO = {};

const homeOf = (tenantId: string) =>
  env.DB_EU.prepare(
    'select home_region, home_region_source, home_country from subscribers where tenant_id = ?',
  )
    .bind(tenantId)
    .first();

describe('an unknown home region is filled from where the person is', () => {
  it('on consent capture: a later form post located in France fills it; a known region is never overwritten', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    expect((await postJson(f.formId, { email: 'nomad@example.org' }, { cf: NO_GEO })).status).toBe(200);
    expect(await homeOf(f.tenant.id)).toEqual({
      home_region: 'unknown',
      home_region_source: null,
      home_country: null,
    });

    expect((await postJson(f.formId, { email: 'nomad@example.org' }, { cf: FR_CF })).status).toBe(200);
    expect(await homeOf(f.tenant.id)).toEqual({
      home_region: 'eu',
      home_region_source: 'form_geo',
      home_country: 'FR',
    });

    expect((await postJson(f.formId, { email: 'nomad@example.org' }, { cf: US_CF })).status).toBe(200);
    expect(await homeOf(f.tenant.id)).toEqual({
      home_region: 'eu',
      home_region_source: 'form_geo',
      home_country: 'FR',
    });
  });

  it('on the double opt-in click: the click located in France fills an unknown region', async () => {
    const f = await formFixture('eu');
    const mail = captureMail();
    await postJson(f.formId, { email: 'clicker@example.org' }, { cf: NO_GEO });
    expect(await homeOf(f.tenant.id)).toMatchObject({ home_region: 'unknown' });
    const link = confirmationLinkIn((await mail.messages())[0]?.parsed.text);
    expect((await press(new URL(link).pathname, {}, { cf: FR_CF })).status).toBe(200);
    expect(await homeOf(f.tenant.id)).toEqual({
      home_region: 'eu',
      home_region_source: 'click_geo',
      home_country: 'FR',
    });
  });

  it('on the double opt-in click: a region known from the form stays as it was', async () => {
    const f = await formFixture('eu');
    const mail = captureMail();
    await postJson(f.formId, { email: 'traveller@example.org' }, { cf: US_CF });
    const link = confirmationLinkIn((await mail.messages())[0]?.parsed.text);
    expect((await press(new URL(link).pathname, {}, { cf: FR_CF })).status).toBe(200);
    expect(await homeOf(f.tenant.id)).toEqual({
      home_region: 'non_eu',
      home_region_source: 'form_geo',
      home_country: 'US',
    });
    expect(
      await env.DB_EU.prepare(
        "select count(*) as n from consent_events where tenant_id = ? and kind = 'confirmation'",
      )
        .bind(f.tenant.id)
        .first('n'),
    ).toBe(1);
  });
});
