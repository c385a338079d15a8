import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createList, formFixture, postJson, SITE } from '../support/consent';
import { api, call, countRows, seedTenant } from '../support/seed';

type Err = { error: { code: string; message: string; details?: unknown } };

describe('lists and profile fields', () => {
  it('creates, lists, reads and patches lists; a patch changes only what it names', async () => {
    const t = await seedTenant('eu');
    const id = await createList(t.apiKey, {
      name: 'Offers',
      purpose: 'Weekly offers',
      doubleOptIn: false,
      lawfulBasis: 'legitimate_interest',
    });
    const patched = await api(t.apiKey, `/lists/${id}`, { method: 'PATCH', json: { name: 'Deals' } });
    expect(await patched.json()).toMatchObject({
      id,
      name: 'Deals',
      doubleOptIn: false,
      lawfulBasis: 'legitimate_interest',
    });
    await createList(t.apiKey, { name: 'Second' });
    const page1 = (await (await api(t.apiKey, '/lists?limit=1')).json()) as {
      data: { name: string }[];
      nextCursor: string;
    };
    expect(page1.data.map((l) => l.name)).toEqual(['Second']);
    const page2 = (await (await api(t.apiKey, `/lists?limit=1&cursor=${page1.nextCursor}`)).json()) as {
      data: { name: string }[];
      nextCursor: string | null;
    };
    expect(page2).toEqual({ data: [expect.objectContaining({ name: 'Deals' })], nextCursor: null });
    expect((await api(t.apiKey, '/lists/lst_missing')).status).toBe(404);
    const bad = await api(t.apiKey, '/lists', { method: 'POST', json: { name: '', purpose: 'x' } });
    expect(bad.status).toBe(400);
  });

  it.each([
    ['health_status', 'Health', null, 'health'],
    ['konfession', 'Konfession', 'Ihre Religionszugehörigkeit', 'religion'],
    ['origine', 'Origine ethnique', null, 'ethnicity'],
    ['vakbond', 'Lid van een vakbond', null, 'union_membership'],
    ['notes', 'Notes', 'Any criminal convictions?', 'criminal_records'],
    ['pref', 'Préférences', 'Orientation sexuelle', 'sex_life_or_orientation'],
    ['partei', 'Parteimitgliedschaft', null, 'politics'],
    ['income_band', 'Income band', null, 'finances'],
    ['dna', 'DNA test result', null, 'genetics'],
    ['login', 'Fingerprint', null, 'biometrics'],
  ])(
    'refuses the special-category field %s with a 422 that says why',
    async (key, label, description, category) => {
      const t = await seedTenant('eu');
      const res = await api(t.apiKey, '/profile-fields', {
        method: 'POST',
        json: { key, label, description },
      });
      expect(res.status).toBe(422);
      const body = (await res.json()) as Err;
      expect(body.error.code).toBe('special_category');
      expect(body.error.message).toContain(key);
      expect(body.error.details).toMatchObject({ category });
      expect(await countRows(env.DB_EU, 'profile_fields', 'tenant_id = ?', t.tenant.id)).toBe(0);
    },
  );

  it('accepts ordinary fields and refuses a duplicate key', async () => {
    const t = await seedTenant('eu');
    for (const [key, label] of [
      ['city', 'City'],
      ['company', 'Unternehmen'],
      ['interests', "Centres d'intérêt"],
      ['birthday', 'Verjaardag'],
    ]) {
      expect((await api(t.apiKey, '/profile-fields', { method: 'POST', json: { key, label } })).status).toBe(
        201,
      );
    }
    expect(
      (await api(t.apiKey, '/profile-fields', { method: 'POST', json: { key: 'city', label: 'Town' } }))
        .status,
    ).toBe(409);
    const list = (await (await api(t.apiKey, '/profile-fields')).json()) as { data: unknown[] };
    expect(list.data).toHaveLength(4);
  });
});

describe('forms and notices', () => {
  it('a changed notice text is a new version; old events keep the version they saw', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    await postJson(f.formId, { email: 'v1@example.org' });
    const patched = await api(f.apiKey, `/forms/${f.formId}`, {
      method: 'PATCH',
      json: { notice: { text: 'New wording of the consent.', language: 'en' } },
    });
    expect(((await patched.json()) as { notice: { version: number } }).notice.version).toBe(2);
    await postJson(f.formId, { email: 'v2@example.org' });
    const same = await api(f.apiKey, `/forms/${f.formId}`, {
      method: 'PATCH',
      json: { notice: { text: 'New wording of the consent.', language: 'en' } },
    });
    expect(((await same.json()) as { notice: { version: number } }).notice.version).toBe(2);
    const versions = await env.DB_EU.prepare(
      'select notice_version from consent_events where tenant_id = ? order by occurred_at',
    )
      .bind(f.tenant.id)
      .all<{ notice_version: number }>();
    expect(versions.results.map((r) => r.notice_version)).toEqual([1, 2]);
    const notices = (await (await api(f.apiKey, `/notices?key=form-${f.formId}`)).json()) as {
      data: { version: number; text: string }[];
    };
    expect(notices.data.map((n) => n.version)).toEqual([2, 1]);
    expect(notices.data[1]!.text).toBe(f.noticeText);
  });

  it('publishes notices through the API; an unchanged text keeps its version', async () => {
    const t = await seedTenant('us');
    const a = await (
      await api(t.apiKey, '/notices', {
        method: 'POST',
        json: { key: 'newsletter', language: 'en', text: 'Text A' },
      })
    ).json();
    const b = await (
      await api(t.apiKey, '/notices', {
        method: 'POST',
        json: { key: 'newsletter', language: 'en', text: 'Text A' },
      })
    ).json();
    const c = await (
      await api(t.apiKey, '/notices', {
        method: 'POST',
        json: { key: 'newsletter', language: 'en', text: 'Text B' },
      })
    ).json();
    expect([a, b, c].map((n) => (n as { version: number }).version)).toEqual([1, 1, 2]);
  });

  it('form definition: region-marked id, unknown list or field refused, origins validated', async () => {
    const t = await seedTenant('us');
    const list = await createList(t.apiKey, {});
    const base = {
      name: 'F',
      listIds: [list],
      notice: { text: 'Yes', language: 'en' },
      thankYouUrl: `${SITE}/t`,
      allowedOrigins: [SITE],
    };
    const ok = (await (await api(t.apiKey, '/forms', { method: 'POST', json: base })).json()) as {
      id: string;
      embedUrl: string;
    };
    expect(ok.id).toMatch(/^frm_u_/);
    expect(ok.embedUrl).toBe(`https://privacy.test/f/${ok.id}/embed.js`);
    expect(
      (await api(t.apiKey, '/forms', { method: 'POST', json: { ...base, listIds: ['lst_nope'] } })).status,
    ).toBe(400);
    expect(
      (await api(t.apiKey, '/forms', { method: 'POST', json: { ...base, fields: ['shoe_size'] } })).status,
    ).toBe(400);
    expect(
      (await api(t.apiKey, '/forms', { method: 'POST', json: { ...base, allowedOrigins: [`${SITE}/path`] } }))
        .status,
    ).toBe(400);
    expect(
      (
        await api(t.apiKey, '/forms', {
          method: 'POST',
          json: { ...base, thankYouUrl: 'javascript:alert(1)' },
        })
      ).status,
    ).toBe(400);
    const got = await api(t.apiKey, `/forms/${ok.id}`);
    expect(await got.json()).toMatchObject({ id: ok.id, notice: { version: 1, language: 'en' } });
    expect((await (await api(t.apiKey, '/forms')).json()) as { data: unknown[] }).toMatchObject({
      data: [{ id: ok.id }],
    });
    expect(await countRows(env.DB_EU, 'forms', 'tenant_id = ?', t.tenant.id)).toBe(0);
  });

  it('documents every consent route in /api/openapi.json', async () => {
    const doc = (await (await call('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const p of [
      '/v1/lists',
      '/v1/lists/{id}',
      '/v1/profile-fields',
      '/v1/forms',
      '/v1/forms/{id}',
      '/v1/notices',
      '/v1/subscribers',
      '/v1/subscribers/import',
      '/v1/subscribers/{id}',
      '/v1/subscribers/{id}/consent',
      '/v1/subscribers/{id}/consent-chain',
      '/v1/subscribers/{id}/consent-record',
      '/v1/consent-events',
    ]) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
  });
});

describe('PATCH with nothing to change', () => {
  it.each([
    ['{}', {}],
    ['only unknown keys', { colour: 'blue', doubleOptin: true }],
    ['a known key beside an unknown one', { name: 'Renamed', colour: 'blue' }],
  ])('every PATCH route answers 400 validation_failed for %s and changes nothing', async (_name, body) => {
    const f = await formFixture('eu');
    const routes = [`/lists/${f.doiList}`, `/forms/${f.formId}`, '/tenant/settings'];
    for (const path of routes) {
      const before = await (await api(f.apiKey, path)).json();
      const res = await api(f.apiKey, path, { method: 'PATCH', json: body });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as Err).error.code, path).toBe('validation_failed');
      expect(await (await api(f.apiKey, path)).json(), path).toEqual(before);
    }
  });
});
