// Where a plain HTML form sends a visitor: the thank-you and error pages are validated like link
// destinations (http(s), a host, no credentials, no ambiguous authority), stored normalised, and
// sent as that normalised `Location`.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { formFixture, postForm } from '../support/consent';
import { api } from '../support/seed';

const formBody = (listId: string, urls: Record<string, unknown>) => ({
  name: 'Footer',
  listIds: [listId],
  notice: { text: 'Yes, send me the newsletter.', language: 'en' },
  thankYouUrl: 'https://shop.example.com/thanks',
  allowedOrigins: ['https://shop.example.com'],
  ...urls,
});

describe('thankYouUrl and errorUrl', () => {
  it.each([
    ['credentials', 'https://user:pass@evil.example/'],
    ['a user name that looks like a host', 'https://good.example@evil.example/'],
    ['a backslash before @', 'http://evil.example\\@good.example'],
    ['backslashes for slashes', 'https:\\\\evil.example\\@good.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['a relative path', '/thanks'],
    ['another scheme', 'ftp://shop.example.com/thanks'],
  ])('refuses %s (%s) with 400, on create and on change, and stores nothing', async (_name, url) => {
    const f = await formFixture('eu');
    for (const field of ['thankYouUrl', 'errorUrl']) {
      const created = await api(f.apiKey, '/forms', {
        method: 'POST',
        json: formBody(f.doiList, { [field]: url }),
      });
      expect(created.status).toBe(400);
      expect(((await created.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
      const patched = await api(f.apiKey, `/forms/${f.formId}`, { method: 'PATCH', json: { [field]: url } });
      expect(patched.status).toBe(400);
    }
    const stored = await env.DB_EU.prepare('select thank_you_url, error_url from forms where tenant_id = ?')
      .bind(f.tenant.id)
      .all();
    expect(stored.results).toEqual([{ thank_you_url: 'https://shop.example.com/thanks', error_url: null }]);
  });

  it.each([
    ['HTTPS://Shop.Example.COM/thanks?from=form#top', 'https://shop.example.com/thanks?from=form#top'],
    ['https://shop.example.com', 'https://shop.example.com/'],
    ['https://bücher.example/danke', 'https://xn--bcher-kva.example/danke'],
    ['https://shop.example.com/a b', 'https://shop.example.com/a%20b'],
  ])('stores %s as %s and sends that as Location', async (given, normalised) => {
    const f = await formFixture('eu');
    const res = await api(f.apiKey, `/forms/${f.formId}`, {
      method: 'PATCH',
      json: { thankYouUrl: given, errorUrl: given },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ thankYouUrl: normalised, errorUrl: normalised });
    const ok = await postForm(f.formId, { email: 'anna@example.org', consent: 'yes' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(normalised);
    const failed = await postForm(f.formId, { email: 'not-an-address', consent: 'yes' });
    const location = new URL(failed.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('validation_failed');
    expect(`${location.origin}${location.pathname}`).toBe(
      new URL(normalised).origin + new URL(normalised).pathname,
    );
  });

  it('a page stored before this check and failing it is never a Location: the visitor sees our page', async () => {
    const f = await formFixture('eu');
    await env.DB_EU.prepare('update forms set thank_you_url = ?, error_url = ? where id = ?')
      .bind('https://good.example@evil.example/', 'http://evil.example\\@good.example', f.formId)
      .run();
    const ok = await postForm(f.formId, { email: 'anna@example.org', consent: 'yes' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('location')).toBeNull();
    expect(await ok.text()).toContain('check your inbox');
    const failed = await postForm(f.formId, { email: 'not-an-address', consent: 'yes' });
    expect(failed.status).toBe(400);
    expect(failed.headers.get('location')).toBeNull();
  });
});
