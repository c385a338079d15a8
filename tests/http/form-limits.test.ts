// What a form can be made to do on demand: one double opt-in mail per address and list an hour,
// however often (or however simultaneously) the address is posted, and 429s from the Workers
// rate-limiting bindings beyond 20 posts a minute per visitor and form, 600 per form.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { agedToken, createList, formFixture, postForm, postJson, SITE } from '../support/consent';
import { captureMail } from '../support/mail';
import { api, countRows } from '../support/seed';

const visitor = (n: number) => ({ headers: { 'cf-connecting-ip': `192.0.2.${n}` } });

/** The limiters count per wall-clock minute: start a test early in one, so it ends in it too. */
async function startOfAMinute() {
  const into = Date.now() % 60_000;
  if (into > 40_000) await new Promise((r) => setTimeout(r, 60_000 - into + 50));
}

describe('double opt-in mail on demand', () => {
  it('five posts of a pending address make one mail; another after the hour', async () => {
    const f = await formFixture('eu');
    const mail = captureMail();
    for (let i = 0; i < 5; i++) {
      const res = await postJson(f.formId, { email: 'target@example.org' });
      expect(res.status).toBe(200);
    }
    expect((await mail.messages()).map((m) => m.to)).toEqual(['target@example.org']);
    await env.DB_EU.prepare('update subscriptions set confirmation_mailed_at = ? where tenant_id = ?')
      .bind(Date.now() - 61 * 60_000, f.tenant.id)
      .run();
    await postJson(f.formId, { email: 'target@example.org' });
    expect(await mail.messages()).toHaveLength(2);
  });

  it('five simultaneous posts of one address make one mail', async () => {
    const f = await formFixture('eu');
    const mail = captureMail();
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => postJson(f.formId, { email: 'burst@example.org' }, visitor(n))),
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await mail.messages()).toHaveLength(1);
  });

  it('the API sends one mail per hour too, and a second list of the same address gets its own', async () => {
    const f = await formFixture('eu');
    const other = await createList(f.apiKey, { name: 'Offers', doubleOptIn: true });
    const mail = captureMail();
    const insert = (listIds: string[]) =>
      api(f.apiKey, '/subscribers', {
        method: 'POST',
        json: {
          email: 'api@example.org',
          listIds,
          evidence: { occurredAt: new Date().toISOString(), notice: { text: 'Yes please', language: 'en' } },
        },
      });
    expect((await insert([f.doiList])).status).toBe(201);
    expect((await insert([f.doiList])).status).toBe(200);
    expect(await mail.messages()).toHaveLength(1);
    expect((await insert([f.doiList, other])).status).toBe(200);
    const sent = await mail.messages();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.parsed.text).toContain('Offers');
    expect(sent[1]!.parsed.text).not.toContain('Newsletter');
  });
});

describe('rate limits of POST /f/:formId', () => {
  it('the 21st post of a visitor in a minute is a 429 with Retry-After: JSON for the script, a page for a form', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    await startOfAMinute();
    for (let i = 0; i < 20; i++) {
      const res = await postJson(f.formId, { email: `v${i}@example.org` }, visitor(7));
      expect(res.status).toBe(200);
    }
    const json = await postJson(f.formId, { email: 'late@example.org' }, visitor(7));
    expect(json.status).toBe(429);
    expect(json.headers.get('retry-after')).toBe('60');
    expect(json.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(await json.json()).toMatchObject({
      error: { code: 'rate_limited', message: expect.stringContaining('wait a minute') },
    });
    const html = await postForm(f.formId, { email: 'late@example.org', consent: 'yes' }, visitor(7));
    expect(html.status).toBe(429);
    expect(html.headers.get('retry-after')).toBe('60');
    expect(html.headers.get('location')).toBeNull();
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('wait a minute');
    // Another visitor of the same form is not held back.
    expect((await postJson(f.formId, { email: 'other@example.org' }, visitor(8))).status).toBe(200);
  }, 45_000);

  it('a post the limits refuse reads and writes nothing: its 429 comes before the read batch', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    const token = await agedToken(f.formId);
    expect((await postJson(f.formId, { email: 'warm@example.org', tm_t: token }, visitor(30))).status).toBe(
      200,
    );
    const saved = { db: env.DB_EU, limit: env.FORM_LIMIT };
    const batches: number[] = [];
    // The form's limit is spent: it refuses at once.
    const spent: RateLimit = { limit: async () => ({ success: false }) };
    const db = new Proxy(saved.db, {
      get(target, prop) {
        if (prop === 'batch')
          return (list: D1PreparedStatement[]) => {
            batches.push(list.length);
            return target.batch(list);
          };
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    Object.assign(env, { DB_EU: db, FORM_LIMIT: spent });
    try {
      const res = await postJson(f.formId, { email: 'refused@example.org', tm_t: token }, visitor(31));
      expect(res.status).toBe(429);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    } finally {
      Object.assign(env, { DB_EU: saved.db, FORM_LIMIT: saved.limit });
    }
    // A refused post costs the shared database nothing: no read batch, no write batch.
    expect(batches).toEqual([]);
    expect(await countRows(env.DB_EU, 'subscribers', 'tenant_id = ?', f.tenant.id)).toBe(1);
  });

  it('a form takes at most 600 posts a minute from all visitors together', async () => {
    const f = await formFixture('eu', { lists: 'single' });
    await startOfAMinute();
    expect((await postJson(f.formId, { email: 'first@example.org' }, visitor(20))).status).toBe(200);
    // 599 more posts of other visitors, counted straight on the binding the route counts on.
    for (let i = 0; i < 599; i++) await env.FORM_LIMIT.limit({ key: f.formId });
    const over = await postJson(f.formId, { email: 'crowd@example.org' }, visitor(21));
    expect(over.status).toBe(429);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    const other = await formFixture('eu', { lists: 'single' });
    expect((await postJson(other.formId, { email: 'crowd@example.org' }, visitor(21))).status).toBe(200);
  }, 45_000);
});
