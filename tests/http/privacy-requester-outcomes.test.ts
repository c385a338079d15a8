// What a requester receives at the end: an export link that has expired shows a page and no
// data, and an erasure carried out early (confirm) ends with a "completed" mail in their
// language that carries nothing about them but the address it goes to.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { findPrivacyRequest } from '../../db/privacy-requests';
import { regional } from '../../db/regions';
import { EXPORT_TTL_SECONDS, exportLink } from '../../workers/privacy/service';
import { captureMail, type SentMail } from '../support/mail';
import { body, seedSubscriber } from '../support/privacy';
import { api, call, seedTenant } from '../support/seed';

const store = regional(env, 'eu');

describe('an expired export link', () => {
  it('answers with a readable 4xx page and no personal data, while a fresh link still downloads', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const me = await seedSubscriber(tenant, {
      email: 'late.reader@example.org',
      name: 'Lotte Late',
      ip: '192.0.2.44',
    });
    const filed = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'access', subscriberId: me.id },
      }),
    );
    expect(
      (await api(apiKey, `/privacy-requests/${filed.id as string}/confirm`, { method: 'POST', json: {} }))
        .status,
    ).toBe(200);
    const request = (await findPrivacyRequest(store.db, tenant.id, filed.id as string))!;

    const issuedAt = Date.now() - EXPORT_TTL_SECONDS * 1000 - 60_000;
    const expired = new URL((await exportLink({ env, store, tenant }, request, issuedAt)).url).pathname;
    const res = await call(expired);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-disposition')).toBeNull();
    const text = await res.text();
    for (const personal of [
      'late.reader@example.org',
      'Lotte Late',
      '192.0.2.44',
      'Utrecht',
      me.id,
      me.noticeText,
    ])
      expect(text).not.toContain(personal);

    // The same request with a link issued now downloads: the refusal above is the expiry.
    const fresh = new URL((await exportLink({ env, store, tenant }, request)).url).pathname;
    const ok = await call(fresh);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('late.reader@example.org');
  });
});

/** Everything the recipient can read, decoded: headers, subject and body, minus the address it goes to. */
function readable(mail: SentMail): string {
  const { headers, subject, text, html } = mail.parsed;
  const all = [...headers.map((h) => `${h.key}: ${h.value}`), subject ?? '', text ?? '', html ?? ''].join(
    '\n',
  );
  expect(all).toContain(mail.parsed.messageId ?? '');
  return all.replaceAll(mail.to, '<to>');
}

describe('the completed mail after an erasure carried out early', () => {
  it('goes to the subscriber in their language and names nothing of theirs but the address', async () => {
    const mail = captureMail();
    const { tenant, apiKey } = await seedTenant('eu');
    const me = await seedSubscriber(tenant, {
      email: 'gone.soon@example.org',
      name: 'Greta Gone',
      language: 'de',
      ip: '192.0.2.61',
      userAgent: 'GretaBrowser/7',
    });
    const filed = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'erasure', subscriberId: me.id },
      }),
    );
    const before = (await mail.messages()).length;
    const res = await api(apiKey, `/privacy-requests/${filed.id as string}/confirm`, {
      method: 'POST',
      json: {},
    });
    expect(res.status).toBe(200);
    expect((await findPrivacyRequest(store.db, tenant.id, filed.id as string))?.status).toBe('completed');

    const after = (await mail.messages()).slice(before);
    expect(after).toHaveLength(1);
    const [done] = after;
    expect(done!.to).toBe('gone.soon@example.org');
    expect(done!.parsed.subject).toBe('Ihre Anfrage ist erledigt');
    expect(done!.parsed.text).toContain(filed.id as string);
    const seen = readable(done!);
    expect(seen).toContain('Ihre Anfrage ist erledigt');
    expect(seen).not.toContain('gone.soon');
    for (const personal of [
      'Greta Gone',
      '192.0.2.61',
      'GretaBrowser',
      'Utrecht',
      me.id,
      me.noticeText,
      'November news',
    ])
      expect(seen).not.toContain(personal);
  });

  it('goes to a requester the tenant did not know in the language they wrote in', async () => {
    const mail = captureMail();
    const { apiKey } = await seedTenant('eu');
    const filed = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'erasure', email: 'Inconnu@Example.org', language: 'fr', verified: true },
      }),
    );
    const before = (await mail.messages()).length;
    expect(
      (await api(apiKey, `/privacy-requests/${filed.id as string}/confirm`, { method: 'POST', json: {} }))
        .status,
    ).toBe(200);

    const after = (await mail.messages()).slice(before);
    expect(after.map((m) => [m.to, m.parsed.subject])).toEqual([
      ['inconnu@example.org', 'Votre demande a été traitée'],
    ]);
    expect(readable(after[0]!).toLowerCase()).not.toContain('inconnu');
  });
});
