import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { agedToken, EU_CF, formFixture, postJson, SITE } from '../support/consent';
import { captureMail } from '../support/mail';

async function eventCountry(tenantId: string): Promise<string | null> {
  const row = await env.DB_EU.prepare('select country from consent_events where tenant_id = ?')
    .bind(tenantId)
    .first<{ country: string | null }>();
  return row?.country ?? null;
}

describe('x-dev-geo', () => {
  it('is ignored under the shipped configuration: the evidence keeps request.cf', async () => {
    captureMail();
    const f = await formFixture('eu');
    const res = await postJson(
      f.formId,
      { email: 'pia@example.org' },
      { headers: { 'x-dev-geo': 'US' }, cf: EU_CF },
    );
    expect(res.status).toBe(200);
    expect(await eventCountry(f.tenant.id)).toBe('DE');
  });

  it('overrides request.cf only where the development variable is set', async () => {
    captureMail();
    const f = await formFixture('eu');
    const request = new Request(`https://privacy.test/f/${f.formId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        origin: SITE,
        'x-dev-geo': 'US',
      },
      body: JSON.stringify({ email: 'ole@example.org', consent: true, tm_t: await agedToken(f.formId) }),
    });
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      request as Request<unknown, IncomingRequestCfProperties>,
      { ...env, ALLOW_DEV_GEO: '1' },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    expect(await eventCountry(f.tenant.id)).toBe('US');
  });

  it('without the header in local development, the location is unknown, not the placeholder of request.cf', async () => {
    captureMail();
    const f = await formFixture('eu', { lists: 'single' });
    const request = new Request(`https://privacy.test/f/${f.formId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', origin: SITE },
      body: JSON.stringify({ email: 'dev@example.org', consent: true, tm_t: await agedToken(f.formId) }),
      cf: { country: 'US', region: 'Texas', regionCode: 'TX', city: 'Austin', colo: 'DFW', asn: 395747 },
    } as RequestInit);
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      request as Request<unknown, IncomingRequestCfProperties>,
      { ...env, ALLOW_DEV_GEO: '1' },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    const event = await env.DB_EU.prepare(
      'select country, geo_region, is_eu from consent_events where tenant_id = ?',
    )
      .bind(f.tenant.id)
      .first();
    expect(event).toEqual({ country: null, geo_region: null, is_eu: null });
    const sub = await env.DB_EU.prepare(
      'select home_region, home_country from subscribers where tenant_id = ?',
    )
      .bind(f.tenant.id)
      .first();
    expect(sub).toEqual({ home_region: 'unknown', home_country: null });
  });
});
