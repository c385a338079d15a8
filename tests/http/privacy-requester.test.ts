import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { PersonalExport } from '../../shared/personal-export';
import { findPrivacyRequest } from '../../db/privacy-requests';
import { regional } from '../../db/regions';
import { clockFor } from '../../workers/privacy/clock';
import { exportLink } from '../../workers/privacy/service';
import { captureMail } from '../support/mail';
import { body, seedSubscriber } from '../support/privacy';
import { api, call, seedTenant } from '../support/seed';
import { readZip } from '../support/zip';
import { formatDate } from '../../shared/i18n/language';
import { press } from '../support/pages';

const { db } = regional(env, 'eu');
const linkIn = (text: string | undefined, prefix: string) => {
  const m = new RegExp(`https://privacy\\.test(/${prefix}/[A-Za-z0-9._-]+)`).exec(text ?? '');
  if (!m) throw new Error(`no /${prefix}/ link in the mail`);
  return m[1]!;
};

describe('identity confirmation (Art. 12(6))', () => {
  it('mails a confirmation link in the requester language; GET shows a button, POST confirms and starts the clock', async () => {
    const mail = captureMail();
    const { tenant, apiKey } = await seedTenant('eu');
    const res = await api(apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'erasure', email: 'Lena@Example.org', language: 'de', verified: false },
    });
    expect(res.status).toBe(201);
    const filed = await body(res);
    expect(filed.status).toBe('awaiting_verification');
    expect(await clockFor(env, tenant.id).pending()).toEqual([]);
    const [sent] = await mail.messages();
    expect(sent?.to).toBe('lena@example.org');
    expect(sent?.parsed.subject).toBe('Bitte bestätigen Sie Ihre Datenschutzanfrage');
    const path = linkIn(sent?.parsed.text, 'v');

    const page = await call(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    expect((await findPrivacyRequest(db, tenant.id, filed.id as string))?.status).toBe(
      'awaiting_verification',
    );

    const confirmed = await press(path);
    expect(confirmed.status).toBe(200);
    const request = await findPrivacyRequest(db, tenant.id, filed.id as string);
    expect(request?.status).toBe('open');
    expect(request?.verifiedAt).not.toBeNull();
    expect((await clockFor(env, tenant.id).pending()).map((p) => p.requestId)).toEqual([filed.id]);
    const all = await mail.messages();
    expect(all[1]?.parsed.subject).toBe('Ihre Anfrage ist bestätigt');
    expect((await press(path)).status).toBe(200);
  });

  it('a link to a request closed meanwhile says so and confirms nothing', async () => {
    const mail = captureMail();
    const { tenant, apiKey } = await seedTenant('eu');
    const filed = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'erasure', email: 'late@example.org', verified: false },
      }),
    );
    const path = linkIn((await mail.messages())[0]?.parsed.text, 'v');
    await api(apiKey, `/privacy-requests/${filed.id as string}/reject`, {
      method: 'POST',
      json: { reason: 'identity_not_verified' },
    });
    expect(await (await call(path)).text()).toContain('Request closed');
    const posted = await press(path);
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain('Request closed');
    expect((await findPrivacyRequest(db, tenant.id, filed.id as string))?.status).toBe('rejected');
  });

  it('a tampered link is refused with a readable page', async () => {
    const res = await call('/v/e1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('text/html');
  });
});

describe('requester notifications', () => {
  it('uses the tenant template and its switches; refuses templates that drop the link', async () => {
    const mail = captureMail();
    const { tenant, apiKey } = await seedTenant('eu');
    const put = await api(apiKey, '/privacy-templates/received/nl', {
      method: 'PUT',
      json: { subject: 'Ontvangen: {{kind}}', body: 'Beste, {{tenant}} antwoordt voor {{dueDate}}.' },
    });
    expect(put.status).toBe(200);
    const bad = await api(apiKey, '/privacy-templates/verify/en', {
      method: 'PUT',
      json: { subject: 'Confirm', body: 'Please confirm.' },
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await api(apiKey, '/privacy-templates/received/en', {
          method: 'PUT',
          json: { subject: 'x', body: '{{secret}}' },
        })
      ).status,
    ).toBe(400);
    const sub = await seedSubscriber(tenant, { email: 'jan@example.org', language: 'nl' });
    await api(apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'access', subscriberId: sub.id },
    });
    const [sent] = await mail.messages();
    expect(sent?.parsed.subject).toBe('Ontvangen: inzage');
    expect(sent?.parsed.text).toContain(`Beste, ${tenant.name} antwoordt voor`);

    const off = await api(apiKey, '/privacy-settings', {
      method: 'PUT',
      json: { notify: { received: false }, reminderDays: 3 },
    });
    expect(await body(off)).toMatchObject({ notify: { received: false }, reminderDays: 3 });
    await api(apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'objection', subscriberId: sub.id },
    });
    expect((await mail.messages()).length).toBe(1);
  });

  it('tells the requester about an extension with its reason, and about a rejection with the article', async () => {
    const mail = captureMail();
    const { tenant, apiKey } = await seedTenant('eu');
    const sub = await seedSubscriber(tenant, { email: 'marie@example.org', language: 'fr' });
    const filed = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'erasure', subscriberId: sub.id },
      }),
    );
    await api(apiKey, `/privacy-requests/${filed.id}/extend`, {
      method: 'POST',
      json: { days: 20, reason: 'Vérification des archives' },
    });
    await api(apiKey, `/privacy-requests/${filed.id}/reject`, {
      method: 'POST',
      json: { reason: 'legal_obligation', text: 'Factures conservées 10 ans' },
    });
    const sent = await mail.messages();
    expect(sent.map((m) => m.parsed.subject)).toEqual([
      'Nous avons bien reçu votre demande',
      'Votre demande nécessite plus de temps',
      'Votre demande ne peut être satisfaite',
    ]);
    expect(sent[1]?.parsed.text).toContain('Vérification des archives');
    expect(sent[2]?.parsed.text).toContain('Art. 17, par. 3, b) du RGPD : respect d’une obligation légale');
    expect(sent[2]?.parsed.text).toContain('Factures conservées 10 ans');
  });
});

describe('dates and language of requester mails', () => {
  it('names the Art. 12(3) date, not the 45-day clock, and after an extension the extended date', async () => {
    const mail = captureMail();
    const { tenant, apiKey } = await seedTenant('eu');
    const sub = await seedSubscriber(tenant, { email: 'dates@example.org', language: 'en' });
    const filed = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'erasure', subscriberId: sub.id },
      }),
    );
    const monthDueAt = new Date(filed.monthDueAt as string);
    const dueAt = new Date(filed.dueAt as string);
    expect(monthDueAt.getTime()).toBeLessThan(dueAt.getTime());
    const [received] = await mail.messages();
    expect(received?.parsed.text).toContain(
      `We will answer by ${formatDate(monthDueAt, 'en')} at the latest.`,
    );
    expect(received?.parsed.text).not.toContain(formatDate(dueAt, 'en'));

    const extended = await body(
      await api(apiKey, `/privacy-requests/${filed.id}/extend`, {
        method: 'POST',
        json: { days: 20, reason: 'Archive check' },
      }),
    );
    const newDue = new Date(extended.dueAt as string);
    expect(newDue.getTime()).toBeLessThan(Date.parse(extended.monthDueAt as string));
    const [, told] = await mail.messages();
    expect(told?.parsed.text).toContain(`We will answer by ${formatDate(newDue, 'en')} at the latest.`);
  });

  it('a German rejection names kind, reason and date in German', async () => {
    const mail = captureMail();
    const { tenant, apiKey } = await seedTenant('eu');
    const sub = await seedSubscriber(tenant, { email: 'abgelehnt@example.org', language: 'de' });
    const filed = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'erasure', subscriberId: sub.id },
      }),
    );
    const res = await api(apiKey, `/privacy-requests/${filed.id}/reject`, {
      method: 'POST',
      json: { reason: 'legal_claims' },
    });
    expect(res.status).toBe(200);
    const [received, rejected] = await mail.messages();
    expect(received?.parsed.text).toContain(
      `bis zum ${formatDate(new Date(filed.monthDueAt as string), 'de')}`,
    );
    expect(rejected?.parsed.subject).toBe('Ihrer Anfrage kann nicht entsprochen werden');
    expect(rejected?.parsed.text).toContain('(Löschung, Referenz');
    expect(rejected?.parsed.text).toContain(
      'Grund: Art. 17 Abs. 3 lit. e DSGVO: Geltendmachung, Ausübung oder Verteidigung von Rechtsansprüchen',
    );
    expect(rejected?.parsed.text).not.toMatch(/legal claims|erasure/i);
    expect(rejected?.parsed.headers.find((h) => h.key === 'content-language')?.value).toBe('de');
  });
});

describe('access and portability exports', () => {
  it('confirm mails a download link; the JSON holds everything about the person and nothing of another', async () => {
    const mail = captureMail();
    const { tenant, apiKey } = await seedTenant('eu');
    const me = await seedSubscriber(tenant, { email: 'me@example.org', name: 'Mia Me', ip: '192.0.2.1' });
    const other = await seedSubscriber(tenant, {
      email: 'other@example.org',
      name: 'Otto Other',
      ip: '192.0.2.99',
      userAgent: 'OtherAgent/2',
    });
    const filed = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'access', subscriberId: me.id },
      }),
    );
    const res = await api(apiKey, `/privacy-requests/${filed.id}/confirm`, { method: 'POST', json: {} });
    expect(res.status).toBe(200);
    const confirmation = await body(res);
    expect(confirmation.request).toMatchObject({ status: 'completed' });
    const sent = await mail.messages();
    const path = linkIn(sent.at(-1)?.parsed.text, 'x');
    expect((confirmation.export as { url: string }).url).toBe(`https://privacy.test${path}`);

    const download = await call(path);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(download.headers.get('cache-control')).toBe('no-store');
    const text = await download.text();
    const data = JSON.parse(text) as PersonalExport;
    expect(data.person).toMatchObject({
      email: 'me@example.org',
      name: 'Mia Me',
      profile: { city: 'Utrecht', plan: 'pro' },
      subscriberId: me.id,
    });
    expect(data.subscriptions).toEqual([
      expect.objectContaining({ listId: me.listId, list: 'News', status: 'confirmed', consent: 'given' }),
    ]);
    expect(data.consentEvents).toHaveLength(2);
    expect(data.consentEvents[0]).toMatchObject({
      kind: 'opt_in',
      ipAddress: '192.0.2.1',
      userAgent: 'Mozilla/5.0 Test',
      notice: { text: me.noticeText, version: 1 },
    });
    expect(data.requests[0]).toMatchObject({ id: filed.id, kind: 'access' });
    expect(data.requests[0]?.history.map((h) => h.action)).toEqual(['created', 'start', 'finish']);
    expect(data.clicks).toHaveLength(1);
    expect(data.messages).toEqual([
      expect.objectContaining({ messageId: me.messageId, subject: 'November news' }),
    ]);
    for (const foreign of [
      'other@example.org',
      'Otto Other',
      '192.0.2.99',
      'OtherAgent',
      other.id,
      other.noticeText,
      other.listId,
    ])
      expect(text).not.toContain(foreign);
  });

  it('portability gives CSV files and the JSON in a ZIP', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const me = await seedSubscriber(tenant, { email: 'zip@example.org' });
    await seedSubscriber(tenant, { email: 'notme@example.org' });
    const filed = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'portability', subscriberId: me.id },
      }),
    );
    const confirmation = await body(
      await api(apiKey, `/privacy-requests/${filed.id}/confirm`, { method: 'POST', json: {} }),
    );
    const download = await call(new URL((confirmation.export as { url: string }).url).pathname);
    expect(download.headers.get('content-type')).toBe('application/zip');
    const files = readZip(new Uint8Array(await download.arrayBuffer()));
    expect([...files.keys()].sort()).toEqual([
      'clicks.csv',
      'consent-events.csv',
      'export.json',
      'messages.csv',
      'profile.csv',
      'requests.csv',
      'subscriptions.csv',
    ]);
    expect(files.get('profile.csv')).toContain('email,zip@example.org');
    expect(files.get('consent-events.csv')?.split('\r\n')[1]).toMatch(/^1,opt_in,/);
    for (const content of files.values()) expect(content).not.toContain('notme@example.org');
  });

  it('a download link opens only once the identity is confirmed', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const filed = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'access', email: 'unsure@example.org', verified: false },
      }),
    );
    const store = regional(env, 'eu');
    const request = (await findPrivacyRequest(store.db, tenant.id, filed.id as string))!;
    const link = await exportLink({ env, store, tenant }, request);
    const path = new URL(link.url).pathname;
    expect((await call(path)).status).toBe(403);
    expect(
      (await api(apiKey, `/privacy-requests/${filed.id}/confirm`, { method: 'POST', json: {} })).status,
    ).toBe(409);
  });
});
