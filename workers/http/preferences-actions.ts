// What each button of the preference centre does, through the domain functions: consent changes
// append to the chain (source `preference_centre`, with the press's evidence), corrections and
// unsubscribes are requests completed at once, download and erasure are filed through
// `filePrivacyRequest` as verified (the link proves the address), cancel withdraws a request.

import type { Context } from 'hono';
import { subscribeToList, withdrawFromLists } from '../../db/preferences-consent';
import { rectifyProfile, setInterests } from '../../db/preferences-profile';
import type { PreferenceList } from '../../db/preferences-view';
import type { OutboxRef } from '../../db/outbox';
import type { PrivacyRequest } from '../../db/privacy-requests';
import { findPrivacyRequest } from '../../db/privacy-requests';
import { sealAddressChange } from '../../shared/address-change';
import { blindIndex, normaliseEmail } from '../../shared/crypto/blind-index';
import { AppError } from '../../shared/errors';
import { describeError, log } from '../../shared/log';
import { PAGE_LANGUAGES } from '../../shared/pages/languages';
import { isProfileText, parseProfileEdit } from '../../shared/preferences/profile-edit';
import type { PreferenceAction, PreferenceDone } from '../../shared/schemas/preferences';
import type { AppEnv } from '../env';
import { sendAddressConfirmation } from '../mail/self-service';
import { dispatchEventsAfterResponse } from '../outbox/dispatch';
import { notifyRequester } from '../privacy/notify';
import {
  confirmIdentity,
  confirmPrivacyRequest,
  exportLink,
  filePrivacyRequest,
  type PrivacyCtx,
  withdrawPrivacyRequest,
} from '../privacy/service';
import { chooseNotice } from './intercept-page';
import type { Centre } from './preferences-context';
import { personClick } from './preferences-context';
import { enforcePreferenceMailLimits } from './preferences-limits';
import type { PageProblem } from './preferences-page';
import { clientIp } from './request-context';

export type ActionResult =
  | { done: PreferenceDone }
  | { redirect: string }
  | { problem: PageProblem; status: 400 | 409 | 422 }
  /** The form does not fit the page (a list or notice it never showed): a fresh page. */
  | { stale: true };

type C = Context<AppEnv>;
type Act<K extends PreferenceAction['action']> = Extract<PreferenceAction, { action: K }>;

const STALE = { stale: true } as const;

/** The privacy service's context for this request; the events it writes go to the queue after the answer. */
function privacyCtx(c: C, centre: Centre): PrivacyCtx & { events: OutboxRef[] } {
  return { env: c.env, store: centre.store, tenant: centre.tenant, events: [] };
}

function handOver(c: C, centre: Centre, events: readonly OutboxRef[]) {
  dispatchEventsAfterResponse(c, centre.store.region, events);
}

/** The requester's "done" mail after the answer (never undoes or delays the change). */
function mailCompleted(c: C, centre: Centre, request: PrivacyRequest | undefined) {
  if (!request) return;
  c.executionCtx.waitUntil(notifyRequester(privacyCtx(c, centre), request, 'completed'));
}

/** The notice the page showed for this list, as it showed it; null when the form names another. */
async function shownNotice(centre: Centre, entry: PreferenceList, id: string) {
  const published = entry.notices.find((n) => n.id === id);
  if (published) return { id: published.id, version: published.version, hash: published.textHash };
  // Without a published notice the page showed the built-in text of one page language.
  const lang = PAGE_LANGUAGES.find((l) => id === `builtin:${l}`);
  if (!lang || entry.notices.length > 0) return null;
  const shown = await chooseNotice([], undefined, lang, centre.branding.name, entry.list);
  return { id: shown.id, version: shown.version, hash: shown.hash };
}

async function subscribe(c: C, centre: Centre, a: Act<'subscribe'>): Promise<ActionResult> {
  const entry = centre.view.lists.find((l) => l.list.id === a.list && l.list.lawfulBasis === 'consent');
  const notice = entry ? await shownNotice(centre, entry, a.notice) : null;
  if (!entry || !notice) return STALE;
  const click = personClick(c, centre.lang);
  const out = await subscribeToList(
    centre.store.db,
    centre.keys,
    centre.subscriberId,
    entry.list,
    notice,
    click,
  );
  handOver(c, centre, out.outbox);
  return { done: out.changed ? 'subscribed' : 'nothing_changed' };
}

async function withdraw(c: C, centre: Centre, lists: string[] | 'all'): Promise<ActionResult> {
  const out = await withdrawFromLists(centre.store.db, centre.tenant.settings, centre.keys, {
    subscriberId: centre.subscriberId,
    lists,
    channel: 'preference_centre',
    click: personClick(c, centre.lang),
  });
  handOver(c, centre, out.outbox);
  mailCompleted(c, centre, out.completed);
  if (out.withdrawn.length === 0) return { done: 'nothing_changed' };
  return { done: lists === 'all' ? 'withdrawn_all' : 'unsubscribed' };
}

async function interests(c: C, centre: Centre, a: Act<'interests'>): Promise<ActionResult> {
  const offered = centre.view.fields.filter((f) => !isProfileText(f)).map((f) => f.key);
  const ticked = a.interest === undefined ? [] : Array.isArray(a.interest) ? a.interest : [a.interest];
  const click = personClick(c, centre.lang);
  const { db } = centre.store;
  const out = await setInterests(db, centre.keys, centre.subscriberId, offered, new Set(ticked), click);
  handOver(c, centre, out.outbox);
  return { done: out.changed.length ? 'interests' : 'nothing_changed' };
}

async function profile(c: C, centre: Centre, a: Act<'profile'>): Promise<ActionResult> {
  const edit = parseProfileEdit(centre.view.fields, a);
  if (!edit.ok) {
    const refused = edit.problem.problem === 'payment_data' || edit.problem.problem === 'special_category';
    return { problem: edit.problem, status: refused ? 422 : 400 };
  }
  const out = await rectifyProfile(centre.store.db, centre.tenant.settings, centre.keys, {
    subscriberId: centre.subscriberId,
    name: edit.name,
    values: edit.values,
    language: centre.lang,
    at: new Date(),
  });
  handOver(c, centre, out.outbox);
  mailCompleted(c, centre, out.completed);
  return { done: out.changed.length ? 'profile' : 'nothing_changed' };
}

/**
 * Mails a confirmation link to the new address. Whether the address is free is decided when its
 * owner opens the link, so this form tells nobody whether an address is registered.
 */
async function address(c: C, centre: Centre, a: Act<'address'>): Promise<ActionResult> {
  const email = normaliseEmail(a.email);
  if (!email) return { problem: { problem: 'email' }, status: 400 };
  const index = await blindIndex(centre.keys.indexKey, email);
  if (index === centre.view.subscriber.emailIndex)
    return { problem: { problem: 'same_address' }, status: 400 };
  await enforcePreferenceMailLimits(c.env, index, clientIp(c));
  const token = await sealAddressChange(centre.ring, centre.store.region, {
    tenantId: centre.tenant.id,
    subscriberId: centre.subscriberId,
    newEmail: email,
    replacesIndex: centre.view.subscriber.emailIndex,
  });
  const url = `${c.env.PUBLIC_ORIGIN.replace(/\/+$/, '')}/p/address/${token}`;
  await sendAddressConfirmation(c.env, { tenant: centre.tenant, to: email, lang: centre.lang }, url).catch(
    (err: unknown) =>
      log('warn', 'preferences.address_mail_failed', { tenantId: centre.tenant.id, ...describeError(err) }),
  );
  return { done: 'address_sent' };
}

/** Files a request as verified; one it joined that still awaits confirmation is confirmed now. */
async function fileVerified(ctx: PrivacyCtx, centre: Centre, kind: 'access' | 'portability' | 'erasure') {
  const { request } = await filePrivacyRequest(
    ctx,
    {
      kind,
      channel: 'preference_centre',
      subscriberId: centre.subscriberId,
      subjectIndex: centre.view.subscriber.emailIndex,
      evidence: { link: 'preferences' },
      language: centre.lang,
      verified: true,
      actor: 'subscriber',
    },
    // The page answers the person; an erasure's receipt (with its due date) is mailed all the same.
    { answer: kind === 'erasure' ? 'service' : 'caller' },
  );
  if (request.status !== 'awaiting_verification') return request;
  return confirmIdentity(ctx, request, 'subscriber', 'preference link');
}

async function download(c: C, centre: Centre, a: Act<'download'>): Promise<ActionResult> {
  const ctx = privacyCtx(c, centre);
  const request = await fileVerified(ctx, centre, a.format === 'zip' ? 'portability' : 'access');
  try {
    if (request.status !== 'open') return { done: 'download_later' };
    const done = await confirmPrivacyRequest(
      ctx,
      request,
      'subscriber',
      'downloaded in the preference centre',
    );
    return { redirect: done.export!.url };
  } catch (err) {
    // A simultaneous press carried the same request out first: its export is as good.
    if (!(err instanceof AppError) || (err.code !== 'conflict' && err.code !== 'illegal_transition'))
      throw err;
    const now = await findPrivacyRequest(centre.store.db, centre.tenant.id, request.id);
    if (now?.status !== 'completed') return { done: 'download_later' };
    return { redirect: (await exportLink(ctx, now)).url };
  } finally {
    handOver(c, centre, ctx.events);
  }
}

async function erase(c: C, centre: Centre): Promise<ActionResult> {
  const ctx = privacyCtx(c, centre);
  await fileVerified(ctx, centre, 'erasure');
  handOver(c, centre, ctx.events);
  return { done: 'erasure_filed' };
}

async function cancel(c: C, centre: Centre, a: Act<'cancel'>): Promise<ActionResult> {
  const request = centre.view.requests.find((r) => r.id === a.request);
  if (!request) return { problem: { problem: 'not_open' }, status: 409 };
  const ctx = privacyCtx(c, centre);
  try {
    await withdrawPrivacyRequest(ctx, request, 'cancelled in the preference centre');
  } catch (err) {
    if (!(err instanceof AppError) || (err.code !== 'conflict' && err.code !== 'illegal_transition'))
      throw err;
    return { problem: { problem: 'not_open' }, status: 409 };
  }
  handOver(c, centre, ctx.events);
  return { done: 'cancelled' };
}

export function runAction(c: C, centre: Centre, a: PreferenceAction): Promise<ActionResult> {
  switch (a.action) {
    case 'subscribe':
      return subscribe(c, centre, a);
    case 'unsubscribe':
      return centre.view.lists.some((l) => l.list.id === a.list)
        ? withdraw(c, centre, [a.list])
        : Promise.resolve(STALE);
    case 'withdraw_all':
      return withdraw(c, centre, 'all');
    case 'interests':
      return interests(c, centre, a);
    case 'profile':
      return profile(c, centre, a);
    case 'address':
      return address(c, centre, a);
    case 'download':
      return download(c, centre, a);
    case 'erase':
      return erase(c, centre);
    case 'cancel':
      return cancel(c, centre, a);
  }
}
