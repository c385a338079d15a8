import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { regional } from '../../db/regions';
import { addressIndex, findSubscriberByBlindIndex, loadSubscriberKey } from '../../db/subscribers';
import { tenantKeys } from '../../db/tenants';
import { decryptField, decryptTenantField, type SubscriberKey } from '../../shared/crypto/envelope';
import { blindIndex } from '../../shared/crypto/blind-index';
import { clockFor } from '../../workers/privacy/clock';
import { createList } from '../support/consent';
import { privacyAddress } from '../../shared/reply-address';
import { deliver, inboundMessage, passingAuth, rawMail } from '../support/inbound';
import { captureMail } from '../support/mail';
import { body, seedSubscriber } from '../support/privacy';
import { api, call, countRows, seedTenant } from '../support/seed';

const { d1, db } = regional(env, 'eu');
const FIELDS = ['email', 'name', 'profile', 'ip', 'user_agent', 'requester'];

/** Every user table of the database, read whole. */
async function everyCell(
  database: D1Database = d1,
): Promise<{ table: string; column: string; value: string }[]> {
  const tables = await database
    .prepare(
      `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name not like 'd1_%'`,
    )
    .all<{ name: string }>();
  const cells: { table: string; column: string; value: string }[] = [];
  for (const { name } of tables.results) {
    const rows = await database.prepare(`select * from "${name}"`).all<Record<string, unknown>>();
    for (const row of rows.results) {
      for (const [column, value] of Object.entries(row))
        if (typeof value === 'string') cells.push({ table: name, column, value });
    }
  }
  return cells;
}

async function decrypts(key: SubscriberKey, value: string): Promise<boolean> {
  for (const field of FIELDS) {
    try {
      await decryptField(key, field, value);
      return true;
    } catch {
      // not this field, or not decryptable: what we want
    }
  }
  return false;
}

async function report(apiKey: string) {
  return body(await api(apiKey, '/reports/compliance'));
}

describe('executing an erasure', () => {
  it('leaves no decryptable ciphertext and no trace of the address in any table, while report totals add up', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    const victim = await seedSubscriber(tenant, {
      email: 'Erase.Me@Example.ORG',
      name: 'Eve Erasable',
      ip: '198.51.100.23',
      userAgent: 'EraseAgent/1.0',
    });
    const other = await seedSubscriber(tenant, { email: 'stay@example.org', name: 'Stay Put' });
    const victimKey = (await loadSubscriberKey(db, keys, victim.id))!;
    // A second request of the same person, by address and unconfirmed, is still open when the erasure runs.
    const pending = await api(apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'access', email: 'erase.me@example.org', verified: false },
    });
    expect(pending.status).toBe(201);
    expect(
      await countRows(d1, 'privacy_requests', 'tenant_id = ? and requester_ct is not null', tenant.id),
    ).toBe(0);
    const before = await report(apiKey);

    const filedRes = await api(apiKey, '/privacy-requests', {
      method: 'POST',
      json: { kind: 'erasure', email: 'ERASE.me@example.org' },
    });
    expect(filedRes.status).toBe(201);
    const filed = await body(filedRes);
    expect(filed).toMatchObject({ status: 'open', subscriberId: victim.id });
    const res = await api(apiKey, `/privacy-requests/${filed.id}/confirm`, { method: 'POST', json: {} });
    expect(res.status).toBe(200);
    const confirmation = await body(res);
    expect(confirmation.request).toMatchObject({ status: 'completed' });
    expect(confirmation.erased).toMatchObject({
      subscribers: 1,
      'consentEvents.opt_in': 1,
      'consentEvents.confirmation': 1,
      'clicks.redirect': 1,
      'messageRecipients.sent': 1,
    });
    expect(await clockFor(env, tenant.id).pending()).toEqual([]);

    // Erasure answers the person's other open request: closed, with its reason, history and event.
    const closed = await body(await api(apiKey, `/privacy-requests/${(await body(pending)).id}`));
    expect(closed).toMatchObject({ status: 'completed', subscriberId: expect.stringMatching(/^era_/) });
    expect((closed.history as { action: string; note: string }[]).at(-1)).toMatchObject({
      action: 'close',
      note: `subject erased by ${filed.id}`,
    });
    const closedEvent = await d1
      .prepare(`select payload from outbox_events where subject_id = ? and type = 'privacy_request.closed'`)
      .bind(closed.id)
      .first<{ payload: string }>();
    expect(JSON.parse(closedEvent!.payload)).toMatchObject({
      reason: 'subject_erased',
      erasureRequestId: filed.id,
    });

    const cells = await everyCell();
    // The erased subscriber id is left only where the client learns whom to erase in its systems.
    expect(
      cells
        .filter((c) => c.value.includes(victim.id))
        .map((c) => `${c.table}.${c.column}:${JSON.parse(c.value).requestId ?? ''}`),
    ).toEqual([`outbox_events.payload:${filed.id}`]);
    const requestIds = cells
      .filter((c) => c.table === 'privacy_requests' && c.column === 'id')
      .map((c) => c.value);
    const needles = [
      'erase.me@example.org',
      'Erase.Me@Example.ORG',
      'Eve Erasable',
      '198.51.100.23',
      'EraseAgent',
      'erase.me',
    ];
    for (const c of cells) {
      for (const n of needles) expect(`${c.table}.${c.column}: ${c.value}`).not.toContain(n);
      expect(await decrypts(victimKey, c.value), `${c.table}.${c.column} still decrypts`).toBe(false);
      for (const owner of requestIds) {
        const opened = await decryptTenantField(keys, owner, 'requester', c.value).then(
          () => true,
          () => false,
        );
        expect(opened, `${c.table}.${c.column} holds a requester address`).toBe(false);
      }
    }
    for (const table of [
      'subscribers',
      'subscriber_keys',
      'consent_events',
      'subscriptions',
      'clicks',
      'message_recipients',
    ]) {
      expect(
        await countRows(
          d1,
          table,
          'subscriber_id = ?'.replace('subscriber_id', table === 'subscribers' ? 'id' : 'subscriber_id'),
          victim.id,
        ),
      ).toBe(0);
    }
    expect(
      await countRows(d1, 'privacy_requests', 'tenant_id = ? and requester_ct is not null', tenant.id),
    ).toBe(0);
    const index = await blindIndex(keys.indexKey, 'erase.me@example.org');
    expect(
      await countRows(
        d1,
        'suppressions',
        `tenant_id = ? and email_index = ? and reason = 'erasure'`,
        tenant.id,
        index,
      ),
    ).toBe(1);
    const record = await d1
      .prepare('select counts, requested_at, executed_at from erasure_records where request_id = ?')
      .bind(filed.id)
      .first<{ counts: string }>();
    expect(JSON.parse(record!.counts)).toMatchObject({ subscribers: 1, 'region.eu': 1 });

    // The other subscriber is untouched and still readable.
    const otherKey = (await loadSubscriberKey(db, keys, other.id))!;
    const otherRow = await d1
      .prepare('select email_ct from subscribers where id = ?')
      .bind(other.id)
      .first<{ email_ct: string }>();
    expect(await decryptField(otherKey, 'email', otherRow!.email_ct)).toBe('stay@example.org');

    const after = await report(apiKey);
    const subsBefore = before.subscribers as { total: number; everByRegion: Record<string, number> };
    const subsAfter = after.subscribers as {
      total: number;
      erased: number;
      everByRegion: Record<string, number>;
    };
    expect(subsAfter.total).toBe(subsBefore.total - 1);
    expect(subsAfter.erased).toBe(1);
    expect(subsAfter.everByRegion).toEqual(subsBefore.everByRegion);
    const eventsBefore = before.consentEvents as { total: number; ever: Record<string, number> };
    const eventsAfter = after.consentEvents as {
      total: number;
      ever: Record<string, number>;
      live: Record<string, number>;
    };
    expect(eventsAfter.total).toBe(eventsBefore.total);
    expect(eventsAfter.ever).toEqual(eventsBefore.ever);
    expect(eventsAfter.live.opt_in).toBe(1);
    expect(after.erasures).toBe(1);
  });

  it('also removes what the subscribers API left: the stored Idempotency-Key answer that holds the address', async () => {
    const { tenant, apiKey } = await seedTenant('us');
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    const list = await createList(apiKey, { doubleOptIn: false });
    const created = await api(apiKey, '/subscribers', {
      method: 'POST',
      headers: { 'idempotency-key': 'signup-1' },
      json: {
        email: 'Api.Person@example.org',
        listIds: [list],
        evidence: {
          occurredAt: '2026-11-20T09:30:00Z',
          ip: '203.0.113.77',
          userAgent: 'ApiAgent/3',
          country: 'US',
          notice: { text: 'Yes to news.', language: 'en' },
        },
      },
    });
    expect(created.status).toBe(201);
    const subscriberId = ((await created.json()) as { subscriber: { id: string } }).subscriber.id;
    const us = regional(env, 'us');
    const key = (await loadSubscriberKey(us.db, keys, subscriberId))!;
    // The stored answer to the Idempotency-Key is there before the erasure, holding the address.
    expect(await countRows(us.d1, 'idempotency_keys', 'tenant_id = ?', tenant.id)).toBe(1);
    const filed = await body(
      await api(apiKey, '/privacy-requests', { method: 'POST', json: { kind: 'erasure', subscriberId } }),
    );
    expect(
      (await api(apiKey, `/privacy-requests/${filed.id}/confirm`, { method: 'POST', json: {} })).status,
    ).toBe(200);
    expect(await countRows(us.d1, 'idempotency_keys', 'tenant_id = ?', tenant.id)).toBe(0);
    const cells = await everyCell(us.d1);
    for (const c of cells) {
      for (const n of ['api.person@example.org', 'Api.Person', '203.0.113.77', 'ApiAgent'])
        expect(`${c.table}.${c.column}: ${c.value}`).not.toContain(n);
      expect(await decrypts(key, c.value), `${c.table}.${c.column} still decrypts`).toBe(false);
    }
    // The suppression keeps the erased address from coming back through the API.
    const again = await api(apiKey, '/subscribers', {
      method: 'POST',
      json: {
        email: 'api.person@example.org',
        listIds: [list],
        evidence: {
          occurredAt: '2026-11-21T09:30:00Z',
          country: 'US',
          notice: { text: 'Yes to news.', language: 'en' },
        },
      },
    });
    expect(again.status).toBe(422);
    expect((await body(again)).error?.code).toBe('suppressed');
  });

  it("closes the person's other requests and strips their id and mail ids from imports and evidence", async () => {
    captureMail();
    const { tenant, apiKey } = await seedTenant('eu', { acknowledgeInbound: false });
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    const list = await createList(apiKey, { doubleOptIn: false });
    const imported = await api(apiKey, '/subscribers/import', {
      method: 'POST',
      json: {
        listIds: [list],
        rows: [
          { email: 'gone@mail.example.org', consentUnknown: true },
          { email: 'stays@mail.example.org', consentUnknown: true },
        ],
      },
    });
    expect(imported.status).toBe(200);
    const idOf = async (email: string) =>
      (await findSubscriberByBlindIndex(db, tenant.id, (await addressIndex(keys, email)).index))!.id;
    const gone = await idOf('gone@mail.example.org');
    const stays = await idOf('stays@mail.example.org');
    const importedIds = async () => {
      const row = await d1
        .prepare(`select payload from outbox_events where tenant_id = ? and type = 'subscribers.imported'`)
        .bind(tenant.id)
        .first<{ payload: string }>();
      return (JSON.parse(row!.payload) as { subscriberIds: string[] }).subscriberIds.sort();
    };
    expect(await importedIds()).toEqual([gone, stays].sort());

    // An access request carried out earlier left a download link.
    const access = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'access', subscriberId: gone },
      }),
    );
    const done = await body(
      await api(apiKey, `/privacy-requests/${access.id}/confirm`, { method: 'POST', json: {} }),
    );
    const download = new URL((done.export as { url: string }).url).pathname;
    expect((await call(download)).status).toBe(200);
    // A rectification request arrived by mail from the person and is still open.
    const privacy = privacyAddress(tenant, env.MAIL_DOMAIN);
    await deliver(
      inboundMessage(
        rawMail({
          from: 'gone@mail.example.org',
          to: privacy,
          subject: 'Wrong name',
          body: 'My name is spelled wrong in your records, please correct my surname to Gonzales.',
          messageId: '<gone.person.42@mail.example.org>',
          headers: passingAuth('mail.example.org'),
        }),
        { from: 'gone@mail.example.org', to: privacy },
      ),
    );
    const byMail = await d1
      .prepare(`select id, status, evidence from privacy_requests where tenant_id = ? and channel = 'email'`)
      .bind(tenant.id)
      .first<{ id: string; status: string; evidence: string }>();
    expect(byMail?.status).toBe('open');
    expect(byMail?.evidence).toContain('gone.person.42');

    const erasure = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'erasure', subscriberId: gone },
      }),
    );
    expect(
      (await api(apiKey, `/privacy-requests/${erasure.id}/confirm`, { method: 'POST', json: {} })).status,
    ).toBe(200);

    const record = await d1
      .prepare('select id from erasure_records where request_id = ?')
      .bind(erasure.id)
      .first<{ id: string }>();
    const closed = await body(await api(apiKey, `/privacy-requests/${byMail!.id}`));
    expect(closed).toMatchObject({ status: 'completed', subscriberId: record!.id });
    expect(closed.evidence).not.toHaveProperty('messageId');
    const again = await api(apiKey, `/privacy-requests/${byMail!.id}/confirm`, { method: 'POST', json: {} });
    expect(again.status).toBe(409);
    expect(await body(await api(apiKey, `/privacy-requests/${access.id}`))).toMatchObject({
      subscriberId: record!.id,
    });
    expect(await importedIds()).toEqual([stays]);
    const late = await call(download);
    expect(late.status).toBe(410);
    expect(await late.text()).not.toContain('gone@mail.example.org');
    for (const c of await everyCell()) {
      expect(`${c.table}.${c.column}: ${c.value}`).not.toContain('gone.person.42');
      if (c.value.includes(gone))
        expect(JSON.parse(c.value)).toMatchObject({ requestId: erasure.id, subscriberId: gone });
    }
  });

  it('confirming twice erases once', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const sub = await seedSubscriber(tenant, { email: 'twice@example.org' });
    const filed = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'erasure', subscriberId: sub.id },
      }),
    );
    expect(
      (await api(apiKey, `/privacy-requests/${filed.id}/confirm`, { method: 'POST', json: {} })).status,
    ).toBe(200);
    const again = await api(apiKey, `/privacy-requests/${filed.id}/confirm`, { method: 'POST', json: {} });
    expect(again.status).toBe(409);
    expect(await countRows(d1, 'erasure_records', 'request_id = ?', filed.id)).toBe(1);
  });

  it('an erasure for an address the tenant does not hold suppresses it all the same', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    const filed = await body(
      await api(apiKey, '/privacy-requests', {
        method: 'POST',
        json: { kind: 'erasure', email: 'stranger@example.org' },
      }),
    );
    expect(filed).toMatchObject({ status: 'open', subscriberId: null });
    expect(await countRows(d1, 'suppressions', 'tenant_id = ?', tenant.id)).toBe(0);
    const res = await api(apiKey, `/privacy-requests/${filed.id}/confirm`, { method: 'POST', json: {} });
    expect(res.status).toBe(200);
    expect((await body(res)).erased).toEqual({ subscribers: 0 });
    expect(await countRows(d1, 'suppressions', 'tenant_id = ?', tenant.id)).toBe(1);
  });
});
