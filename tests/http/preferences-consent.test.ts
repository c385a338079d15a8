// The consent actions of the preference centre: subscribe (an opt-in with the notice the page
// showed), unsubscribe and withdraw everything (withdrawals and a completed `unsubscribe`
// request, channel `preference_centre`), interests (a `preference_change`), each with the
// press's evidence (time, country, IP and user agent encrypted) and its events.

import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { verifyConsentChain } from '../../db/consent-log';
import { createProfileField } from '../../db/lists';
import { regional } from '../../db/regions';
import { decryptSubscriber, loadSubscriberKey } from '../../db/subscribers';
import { tenantKeys } from '../../db/tenants';
import { decryptField } from '../../shared/crypto/envelope';
import { BROWSER_UA, captureQueue, rowCounts, seedList } from '../support/intercept';
import { captureMail } from '../support/mail';
import { press } from '../support/pages';
import { api } from '../support/seed';
import {
  consentEventsOf,
  eventTypesOf,
  open,
  requestsOf,
  rows,
  selfService,
  type SelfService,
} from '../support/self-service';
import { withSlowWrites } from '../support/slow-writes';

const { db } = regional(env, 'eu');

async function subscriberKey(s: SelfService) {
  return (await loadSubscriberKey(db, await tenantKeys(env.MASTER_KEY, s.tenant), s.person.id))!;
}

const subscriptionsOf = (subscriberId: string) =>
  rows<{ list_id: string; status: string; consent: string }>(
    'select list_id, status, consent from subscriptions where subscriber_id = ? order by list_id',
    subscriberId,
  );

/** The hidden notice id the page shows for a list. */
async function noticeOnPage(centre: string, listId: string, acceptLanguage = 'en') {
  const html = await (await open(centre, acceptLanguage)).text();
  const form = html.split('<form').find((f) => f.includes(`value="${listId}"`))!;
  return /name="notice" value="([^"]+)"/.exec(form)![1]!;
}

describe('subscribe', () => {
  it('records an opt-in with the notice shown, the press’s evidence, source preference_centre; confirmed at once', async () => {
    captureQueue();
    const s = await selfService();
    const list = await seedList(s.tenant, { en: 'Offers once a month.', de: 'Einmal im Monat Angebote.' });
    const notice = await noticeOnPage(s.centre, list.id, 'de');
    const published = (
      await rows<{ id: string; version: number; text_hash: string }>(
        "select id, version, text_hash from consent_notices where key = ? and language = 'de'",
        list.noticeKey,
      )
    )[0]!;
    expect(notice).toBe(published.id);
    const res = await press(
      s.centre,
      { 'accept-language': 'de', 'cf-connecting-ip': '192.0.2.44' },
      { redirect: 'manual', body: `action=subscribe&list=${list.id}&notice=${notice}` },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${s.centre}?done=subscribed`);
    const event = (await consentEventsOf(s.person.id)).at(-1)!;
    expect(event).toMatchObject({
      kind: 'opt_in',
      list_id: list.id,
      source_type: 'preference_centre',
      notice_id: published.id,
      notice_version: published.version,
      notice_hash: published.text_hash,
      language: 'de',
      country: 'AT',
    });
    const key = await subscriberKey(s);
    expect(await decryptField(key, 'ip', event.ip_ct as string)).toBe('192.0.2.44');
    expect(await decryptField(key, 'user_agent', event.user_agent_ct as string)).toBe(BROWSER_UA);
    expect(await subscriptionsOf(s.person.id)).toContainEqual({
      list_id: list.id,
      status: 'confirmed',
      consent: 'given',
    });
    expect(await eventTypesOf(s.tenant.id)).toEqual(['consent.recorded']);
    expect(await verifyConsentChain(db, s.tenant.id, s.person.id)).toMatchObject({ ok: true });
    const after = await (await open(`${s.centre}?done=subscribed`)).text();
    expect(after).toContain('<p class="status" role="status">You are subscribed.</p>');
  });

  it('without a published notice records the built-in text the page showed (version 0, its hash)', async () => {
    const s = await selfService();
    const created = (await (
      await api(s.apiKey, '/lists', { method: 'POST', json: { name: 'Tips', purpose: 'Weekly tips' } })
    ).json()) as { id: string };
    const notice = await noticeOnPage(s.centre, created.id, 'fr');
    expect(notice).toBe('builtin:fr');
    await press(
      s.centre,
      { 'accept-language': 'fr' },
      { redirect: 'manual', body: `action=subscribe&list=${created.id}&notice=${notice}` },
    );
    const event = (await consentEventsOf(s.person.id)).at(-1)!;
    expect(event).toMatchObject({ kind: 'opt_in', notice_id: 'builtin:fr', notice_version: 0 });
    expect(event.notice_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('twice changes nothing the second time', async () => {
    captureQueue();
    const s = await selfService();
    const list = await seedList(s.tenant);
    const notice = await noticeOnPage(s.centre, list.id);
    const form = { redirect: 'manual' as const, body: `action=subscribe&list=${list.id}&notice=${notice}` };
    await press(s.centre, {}, form);
    const after = await rowCounts(s.tenant.id);
    const again = await press(s.centre, {}, form);
    expect(again.headers.get('location')).toBe(`${s.centre}?done=nothing_changed`);
    expect(await rowCounts(s.tenant.id)).toBe(after);
  });
});

describe('unsubscribe and withdraw everything', () => {
  it('unsubscribe from one list: a withdrawal and a completed unsubscribe request (channel preference_centre), a done mail', async () => {
    captureQueue();
    const mail = captureMail();
    const s = await selfService();
    const res = await press(
      s.centre,
      {},
      { redirect: 'manual', body: `action=unsubscribe&list=${s.person.listId}` },
    );
    expect(res.headers.get('location')).toBe(`${s.centre}?done=unsubscribed`);
    expect((await consentEventsOf(s.person.id)).at(-1)).toMatchObject({
      kind: 'withdrawal',
      list_id: s.person.listId,
      source_type: 'preference_centre',
    });
    expect(await subscriptionsOf(s.person.id)).toEqual([
      { list_id: s.person.listId, status: 'unsubscribed', consent: 'withdrawn' },
    ]);
    const [request] = await requestsOf(s.tenant.id);
    expect(request).toMatchObject({ kind: 'unsubscribe', status: 'completed', channel: 'preference_centre' });
    expect(request!.verified_at).not.toBeNull();
    expect(await eventTypesOf(s.tenant.id)).toEqual([
      'consent.recorded',
      'privacy_request.completed',
      'privacy_request.created',
    ]);
    await vi.waitFor(async () =>
      expect((await mail.messages()).map((m) => m.parsed.subject)).toEqual(['Your request is done']),
    );
  });

  it('withdraw all: one withdrawal per list in force, one request, nothing for a list already left', async () => {
    captureQueue();
    const s = await selfService();
    const second = await seedList(s.tenant);
    const third = await seedList(s.tenant);
    await db.insert((await import('../../db/schema')).subscriptions).values([
      {
        tenantId: s.tenant.id,
        subscriberId: s.person.id,
        listId: second.id,
        status: 'pending',
        consent: 'unknown',
      },
      {
        tenantId: s.tenant.id,
        subscriberId: s.person.id,
        listId: third.id,
        status: 'unsubscribed',
        consent: 'withdrawn',
      },
    ]);
    const res = await press(s.centre, {}, { redirect: 'manual', body: 'action=withdraw_all' });
    expect(res.headers.get('location')).toBe(`${s.centre}?done=withdrawn_all`);
    const withdrawals = (await consentEventsOf(s.person.id)).filter((e) => e.kind === 'withdrawal');
    expect(withdrawals.map((e) => e.list_id).sort()).toEqual([s.person.listId, second.id].sort());
    expect((await subscriptionsOf(s.person.id)).every((r) => r.status === 'unsubscribed')).toBe(true);
    const requests = await requestsOf(s.tenant.id);
    expect(requests.map((r) => [r.kind, r.status])).toEqual([['unsubscribe', 'completed']]);
    expect(JSON.parse(requests[0]!.evidence as string).lists.sort()).toEqual(
      [s.person.listId, second.id].sort(),
    );
    const html = await (await open(s.centre)).text();
    expect(html).not.toContain('value="withdraw_all"');
    expect(html).toContain('Subscribe to News');
  });

  it('ten simultaneous “withdraw all” presses write it once', async () => {
    captureQueue();
    const s = await selfService();
    const answers = await withSlowWrites(() =>
      Promise.all(
        Array.from({ length: 10 }, () =>
          press(s.centre, {}, { redirect: 'manual', body: 'action=withdraw_all' }),
        ),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(303));
    expect((await consentEventsOf(s.person.id)).filter((e) => e.kind === 'withdrawal')).toHaveLength(1);
    expect(await requestsOf(s.tenant.id)).toHaveLength(1);
  });
});

describe('interests', () => {
  it('a change of interests is a preference_change in the chain, the profile updated, consent.recorded', async () => {
    captureQueue();
    const s = await selfService();
    await createProfileField(db, s.tenant.id, { key: 'cycling', label: 'Cycling', type: 'boolean' });
    await createProfileField(db, s.tenant.id, { key: 'running', label: 'Running', type: 'boolean' });
    const page = await (await open(s.centre)).text();
    expect(page).toContain('<legend>What would you like to hear about?</legend>');
    const res = await press(
      s.centre,
      {},
      { redirect: 'manual', body: 'action=interests&interest=cycling&interest=running&interest=not-offered' },
    );
    expect(res.headers.get('location')).toBe(`${s.centre}?done=interests`);
    const event = (await consentEventsOf(s.person.id)).at(-1)!;
    expect(event).toMatchObject({
      kind: 'preference_change',
      list_id: null,
      source_type: 'preference_centre',
    });
    const key = await subscriberKey(s);
    const [row] = await rows<{ email_ct: string; name_ct: string; profile_ct: string }>(
      'select email_ct, name_ct, profile_ct from subscribers where id = ?',
      s.person.id,
    );
    const person = await decryptSubscriber(key, {
      emailCt: row!.email_ct,
      nameCt: row!.name_ct,
      profileCt: row!.profile_ct,
    });
    expect(person.profile).toEqual({ city: 'Utrecht', plan: 'pro', cycling: true, running: true });
    const [announced] = await rows<{ payload: string }>(
      "select payload from outbox_events where tenant_id = ? and type = 'consent.recorded'",
      s.tenant.id,
    );
    expect(JSON.parse(announced!.payload)).toMatchObject({
      kinds: ['preference_change'],
      interests: ['cycling', 'running'],
    });
    // Unticking one changes one.
    await press(s.centre, {}, { redirect: 'manual', body: 'action=interests&interest=running' });
    expect((await consentEventsOf(s.person.id)).filter((e) => e.kind === 'preference_change')).toHaveLength(
      2,
    );
    const unchanged = await press(
      s.centre,
      {},
      { redirect: 'manual', body: 'action=interests&interest=running' },
    );
    expect(unchanged.headers.get('location')).toBe(`${s.centre}?done=nothing_changed`);
    expect(await verifyConsentChain(db, s.tenant.id, s.person.id)).toMatchObject({ ok: true, events: 4 });
  });
});
