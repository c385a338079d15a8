// What the client API, the public pages and the other channels do with privacy requests: each
// operation is the domain transition (db/) followed by its side effects outside D1, namely the
// erasure clock and the requester's mail. Channels file requests through `filePrivacyRequest`,
// which calls the one domain function `createPrivacyRequest`.

import { createPrivacyRequest, type NewPrivacyRequest, type PrivacyRequest } from '../../db/privacy-requests';
import {
  completeRequest,
  extendRequest,
  finishExecution,
  pauseRequest,
  rejectRequest,
  resumeRequest,
  startExecution,
  verifyRequest,
  withdrawRequest,
} from '../../db/privacy-transitions';
import { addressIndex, findSubscriber, findSubscriberByBlindIndex } from '../../db/subscribers';
import { tenantKeys } from '../../db/tenants';
import { masterKeyring } from '../../shared/crypto/keyring';
import { AppError } from '../../shared/errors';
import { nextStatus, type RejectReason, VERIFY_TTL_SECONDS } from '../../shared/request-lifecycle';
import { sealToken } from '../../shared/tokens';
import { cancelErasure, scheduleErasure } from './clock';
import { runErasure } from './erasure';
import { notifyRequester, requesterOf, type PrivacyCtx } from './notify';

export type { PrivacyCtx };

/** How long a confirmation link (the sweep `unverified-close` relies on it) and a download link stay valid. */
export { VERIFY_TTL_SECONDS };
export const EXPORT_TTL_SECONDS = 7 * 86_400;

export async function verificationLink(ctx: PrivacyCtx, request: PrivacyRequest): Promise<string> {
  const ring = await masterKeyring(ctx.env.MASTER_KEY);
  const token = await sealToken(
    ring,
    ctx.store.region,
    'request_verify',
    { t: request.tenantId, r: request.id },
    VERIFY_TTL_SECONDS,
  );
  return `${ctx.env.PUBLIC_ORIGIN}/v/${token}`;
}

export async function exportLink(
  ctx: PrivacyCtx,
  request: PrivacyRequest,
  now = Date.now(),
): Promise<{ url: string; expiresAt: Date }> {
  const ring = await masterKeyring(ctx.env.MASTER_KEY);
  const format = request.kind === 'portability' ? 'zip' : 'json';
  const token = await sealToken(
    ring,
    ctx.store.region,
    'request_export',
    { t: request.tenantId, r: request.id, f: format },
    EXPORT_TTL_SECONDS,
    now,
  );
  return { url: `${ctx.env.PUBLIC_ORIGIN}/x/${token}`, expiresAt: new Date(now + EXPORT_TTL_SECONDS * 1000) };
}

/**
 * Files a request from any channel, puts an erasure on the clock, and writes to the requester.
 * A channel that answers the requester itself (inbound mail answers in the thread, and never
 * writes to robots) passes `answer: 'caller'` and sends the verification link from
 * `verificationLink`.
 */
export async function filePrivacyRequest(
  ctx: PrivacyCtx,
  input: Omit<NewPrivacyRequest, 'tenantId'>,
  opts: { answer?: 'service' | 'caller' } = {},
) {
  const filed = await createPrivacyRequest(
    ctx.store.db,
    ctx.tenant.settings,
    { ...input, tenantId: ctx.tenant.id },
    ctx.events,
  );
  const r = filed.request;
  // A merge changes nothing about the request it joins, so only a new one can need the clock.
  if (filed.merged) return filed;
  await scheduleErasure(ctx.env, r);
  if (opts.answer === 'caller') return filed;
  if (r.status === 'awaiting_verification')
    await notifyRequester(ctx, r, 'verify', { link: await verificationLink(ctx, r) });
  else await notifyRequester(ctx, r, 'received');
  return filed;
}

/** The requester followed the confirmation link (Art. 12(6)). Confirming twice is harmless. */
export async function verifyPrivacyRequest(
  ctx: PrivacyCtx,
  request: PrivacyRequest,
): Promise<PrivacyRequest> {
  if (request.status !== 'awaiting_verification') return request;
  return confirmIdentity(ctx, request, 'subscriber', 'confirmation link');
}

/**
 * Identity established (the requester's link, or the client vouching through the API): the
 * request opens, its clock starts, and the requester hears that it is confirmed. A request
 * that is not awaiting confirmation answers `409 illegal_transition`.
 */
export async function confirmIdentity(
  ctx: PrivacyCtx,
  request: PrivacyRequest,
  actor: string,
  note?: string | null,
): Promise<PrivacyRequest> {
  const done = await verifyRequest(ctx.store.db, request, { actor, note, events: ctx.events });
  await scheduleErasure(ctx.env, done);
  await notifyRequester(ctx, done, 'verified');
  return done;
}

export type Confirmation = {
  request: PrivacyRequest;
  export?: { url: string; expiresAt: Date };
  erased?: Record<string, number>;
};

/** `confirm`: the product carries the request out now (erasure, access, portability). */
export async function confirmPrivacyRequest(
  ctx: PrivacyCtx,
  request: PrivacyRequest,
  actor: string,
  note?: string | null,
): Promise<Confirmation> {
  const verdict = nextStatus(request.status, 'start', {
    kind: request.kind,
    extended: request.extendedAt !== null,
  });
  if (!verdict.ok)
    throw new AppError('illegal_transition', verdict.reason, { status: request.status, action: 'confirm' });
  if (request.kind === 'erasure') {
    const outcome = await runErasure(ctx, request.id, 'confirmed', actor);
    if (outcome.status !== 'executed')
      throw new AppError('conflict', 'The request changed while this was being done; read it again.');
    await cancelErasure(ctx.env, request);
    return { request: outcome.request, erased: outcome.counts };
  }
  const started = await startExecution(ctx.store.db, request, { actor, note, events: ctx.events });
  const link = await exportLink(ctx, started);
  const done = await finishExecution(ctx.store.db, started, {
    actor,
    note,
    payload: { exportExpiresAt: link.expiresAt.toISOString() },
    events: ctx.events,
  });
  await notifyRequester(ctx, done, 'export_ready', { link: link.url, date: link.expiresAt });
  return { request: done, export: link };
}

export async function rejectPrivacyRequest(
  ctx: PrivacyCtx,
  request: PrivacyRequest,
  actor: string,
  reason: RejectReason,
  text?: string | null,
) {
  const requester = await requesterOfBeforeResolution(ctx, request);
  const done = await rejectRequest(ctx.store.db, request, { actor, reason, text, events: ctx.events });
  await cancelErasure(ctx.env, done);
  await notifyRequester(ctx, done, 'rejected', { rejectReason: reason, note: text ?? '' }, requester);
  return done;
}

export async function extendPrivacyRequest(
  ctx: PrivacyCtx,
  request: PrivacyRequest,
  actor: string,
  days: number,
  reason: string,
) {
  const done = await extendRequest(ctx.store.db, request, { actor, days, reason, events: ctx.events });
  await scheduleErasure(ctx.env, done);
  await notifyRequester(ctx, done, 'extended', { reason });
  return done;
}

export async function pausePrivacyRequest(
  ctx: PrivacyCtx,
  request: PrivacyRequest,
  actor: string,
  note?: string | null,
) {
  const done = await pauseRequest(ctx.store.db, request, { actor, note, events: ctx.events });
  await cancelErasure(ctx.env, done);
  return done;
}

export async function resumePrivacyRequest(
  ctx: PrivacyCtx,
  request: PrivacyRequest,
  actor: string,
  note?: string | null,
) {
  const done = await resumeRequest(ctx.store.db, request, { actor, note, events: ctx.events });
  await scheduleErasure(ctx.env, done);
  return done;
}

export async function completePrivacyRequest(
  ctx: PrivacyCtx,
  request: PrivacyRequest,
  actor: string,
  note?: string | null,
) {
  const requester = await requesterOfBeforeResolution(ctx, request);
  const done = await completeRequest(ctx.store.db, request, { actor, note, events: ctx.events });
  await notifyRequester(ctx, done, 'completed', {}, requester);
  return done;
}

/**
 * The requester takes the request back (the preference centre's cancel): it closes as
 * `withdrawn`, comes off the erasure clock, and no mail goes (the person is looking at the page).
 */
export async function withdrawPrivacyRequest(ctx: PrivacyCtx, request: PrivacyRequest, note?: string | null) {
  const done = await withdrawRequest(ctx.store.db, request, {
    actor: 'subscriber',
    note,
    events: ctx.events,
  });
  await cancelErasure(ctx.env, done);
  return done;
}

/** Resolution wipes the address kept on the request, so read it first (only if a mail may go). */
async function requesterOfBeforeResolution(ctx: PrivacyCtx, request: PrivacyRequest) {
  return request.requesterCt ? requesterOf(ctx, request) : undefined;
}

/** Who a request from the API is about: a subscriber of this tenant, or an address (known or not). */
export async function subjectFor(ctx: PrivacyCtx, by: { subscriberId?: string; email?: string }) {
  const keys = await tenantKeys(ctx.env.MASTER_KEY, ctx.tenant);
  if (by.subscriberId) {
    const sub = await findSubscriber(ctx.store.db, ctx.tenant.id, by.subscriberId);
    if (!sub) throw new AppError('not_found', 'No subscriber with this id.');
    return { subscriberId: sub.id, subjectIndex: sub.emailIndex, requester: null, language: sub.language };
  }
  const { email, index } = await addressIndex(keys, by.email ?? '');
  const sub = await findSubscriberByBlindIndex(ctx.store.db, ctx.tenant.id, index);
  return sub
    ? { subscriberId: sub.id, subjectIndex: index, requester: null, language: sub.language }
    : { subscriberId: null, subjectIndex: index, requester: { email, keys }, language: null };
}
