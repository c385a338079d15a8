// Webhook endpoints of a tenant: creation with a generated signing secret (encrypted with the
// tenant data key), changes, deletion with their delivery log, secret rotation (the previous
// secret keeps signing until it expires), and the conditional disabling that writes its event.

import { and, asc, count, eq, gt, inArray, lt, or } from 'drizzle-orm';
import { decryptTenantField, encryptTenantField, type TenantKeys } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import { newId } from '../shared/regions';
import { newSigningSecret } from '../shared/webhooks/signing';
import { type AuditEntry, type AuditOrigin, appendAudit } from './audit-log';
import type { Db } from './client';
import { liveEndpointCondition } from './live-endpoints';
import { outboxInsertIf } from './outbox';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './schema';

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type DisableReason = NonNullable<WebhookEndpoint['disabledReason']>;

/** Endpoints one tenant may have: enough for every system of a client, few enough to bound fan-out. */
export const MAX_ENDPOINTS = 20;

export type EndpointInput = {
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  includeSubscriberEmail: boolean;
};

const SECRET_FIELD = 'webhook_secret';
const PREVIOUS_SECRET_FIELD = 'webhook_secret_previous';

/** The audit row of a change to an endpoint (written with the change, in the tenant's chain). */
const audit = (origin: AuditOrigin, action: string, endpointId: string, details = {}): AuditEntry => ({
  ...origin,
  action,
  target: { type: 'webhook_endpoint', id: endpointId },
  details,
});

const ofTenant = (tenantId: string, id: string) =>
  and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id));

/** A new endpoint and its secret (returned once, stored only encrypted). */
export async function createEndpoint(
  db: Db,
  keys: TenantKeys,
  input: EndpointInput,
  origin: AuditOrigin,
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const [existing] = await db
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.tenantId, keys.tenantId));
  if ((existing?.n ?? 0) >= MAX_ENDPOINTS)
    throw new AppError('conflict', `A tenant can have at most ${MAX_ENDPOINTS} webhook endpoints.`);
  const id = newId('whe');
  const secret = newSigningSecret();
  const now = new Date();
  const endpoint: WebhookEndpoint = {
    id,
    tenantId: keys.tenantId,
    url: input.url,
    description: input.description,
    secretCt: await encryptTenantField(keys, id, SECRET_FIELD, secret),
    previousSecretCt: null,
    previousSecretExpiresAt: null,
    eventTypes: input.eventTypes,
    includeSubscriberEmail: input.includeSubscriberEmail,
    active: input.enabled,
    disabledReason: null,
    disabledAt: null,
    failingSince: null,
    createdAt: now,
    updatedAt: now,
  };
  await appendAudit(
    db,
    keys,
    [audit(origin, 'webhook_endpoint.created', id)],
    [db.insert(webhookEndpoints).values(endpoint)],
  );
  return { endpoint, secret };
}

export async function getEndpoint(db: Db, tenantId: string, id: string): Promise<WebhookEndpoint> {
  const row = await db.query.webhookEndpoints.findFirst({ where: ofTenant(tenantId, id) });
  if (!row) throw new AppError('not_found', 'No such webhook endpoint.');
  return row;
}

export async function listEndpoints(
  db: Db,
  tenantId: string,
  page: { limit: number; after: { at: number; id: string } | null },
): Promise<{ rows: WebhookEndpoint[]; next: { at: number; id: string } | null }> {
  const after = page.after
    ? or(
        gt(webhookEndpoints.createdAt, new Date(page.after.at)),
        and(eq(webhookEndpoints.createdAt, new Date(page.after.at)), gt(webhookEndpoints.id, page.after.id)),
      )
    : undefined;
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), after))
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id))
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  return { rows: shown, next: more && last ? { at: last.createdAt.getTime(), id: last.id } : null };
}

/** Applies a change; enabling again clears the reason it was disabled and its failing run. */
export async function updateEndpoint(
  db: Db,
  keys: TenantKeys,
  id: string,
  patch: Partial<EndpointInput>,
  origin: AuditOrigin,
): Promise<WebhookEndpoint> {
  const { tenantId } = keys;
  await getEndpoint(db, tenantId, id);
  const { enabled, ...rest } = patch;
  const set: Partial<WebhookEndpoint> = { ...rest, updatedAt: new Date() };
  if (enabled === true)
    Object.assign(set, { active: true, disabledReason: null, disabledAt: null, failingSince: null });
  if (enabled === false) Object.assign(set, { active: false, disabledReason: null, disabledAt: new Date() });
  await appendAudit(
    db,
    keys,
    [audit(origin, 'webhook_endpoint.updated', id, { changed: Object.keys(patch).sort() })],
    [db.update(webhookEndpoints).set(set).where(ofTenant(tenantId, id))],
  );
  return getEndpoint(db, tenantId, id);
}

/** Deletes the endpoint with its deliveries and their attempts, in one batch. */
export async function deleteEndpoint(
  db: Db,
  keys: TenantKeys,
  id: string,
  origin: AuditOrigin,
): Promise<void> {
  const { tenantId } = keys;
  await getEndpoint(db, tenantId, id);
  const deliveries = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.endpointId, id)));
  await appendAudit(
    db,
    keys,
    [audit(origin, 'webhook_endpoint.deleted', id)],
    [
      db
        .delete(webhookAttempts)
        .where(and(eq(webhookAttempts.tenantId, tenantId), inArray(webhookAttempts.deliveryId, deliveries))),
      db
        .delete(webhookDeliveries)
        .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.endpointId, id))),
      db.delete(webhookEndpoints).where(ofTenant(tenantId, id)),
    ],
  );
}

/**
 * A new secret; the current one becomes the previous and keeps signing (both signatures are
 * sent) for `previousHours` hours, so the client can switch without losing a delivery.
 */
export async function rotateSecret(
  db: Db,
  keys: TenantKeys,
  id: string,
  previousHours: number,
  origin: AuditOrigin,
): Promise<{ secret: string; previousSecretExpiresAt: Date | null }> {
  const endpoint = await getEndpoint(db, keys.tenantId, id);
  const current = await decryptTenantField(keys, id, SECRET_FIELD, endpoint.secretCt);
  const secret = newSigningSecret();
  const now = new Date();
  const previousSecretExpiresAt =
    previousHours > 0 ? new Date(now.getTime() + previousHours * 3_600_000) : null;
  const rotated = await db
    .update(webhookEndpoints)
    .set({
      secretCt: await encryptTenantField(keys, id, SECRET_FIELD, secret),
      previousSecretCt: previousSecretExpiresAt
        ? await encryptTenantField(keys, id, PREVIOUS_SECRET_FIELD, current)
        : null,
      previousSecretExpiresAt,
      updatedAt: now,
    })
    // Only over the secret that was read: of two rotations at once, one wins and the other is told.
    .where(and(ofTenant(keys.tenantId, id), eq(webhookEndpoints.secretCt, endpoint.secretCt)))
    .returning({ id: webhookEndpoints.id });
  if (rotated.length === 0)
    throw new AppError(
      'conflict',
      'The secret was rotated at the same moment by another request; rotate again.',
    );
  await appendAudit(db, keys, [audit(origin, 'webhook_endpoint.secret_rotated', id)]);
  return { secret, previousSecretExpiresAt };
}

/** The signing secret an endpoint stores as `secretCt` (`current`) or `previousSecretCt` (`previous`), decrypted. */
export function decryptSecret(
  keys: TenantKeys,
  endpointId: string,
  which: 'current' | 'previous',
  ciphertext: string,
): Promise<string> {
  return decryptTenantField(
    keys,
    endpointId,
    which === 'current' ? SECRET_FIELD : PREVIOUS_SECRET_FIELD,
    ciphertext,
  );
}

/** The tenant's enabled endpoints that existed when an event occurred. */
export function liveEndpoints(db: Db, tenantId: string, occurredAt: Date) {
  return db
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(liveEndpointCondition(tenantId, occurredAt));
}

/**
 * Statements that disable a still-enabled endpoint and write its `webhook_endpoint.disabled`
 * event, both conditional on it being enabled when the batch runs (the event first), so of two
 * consumers only one disables it and announces it. The last statement returns the endpoint's id
 * when this batch was the one that disabled it.
 */
export function disableStatements(
  db: Db,
  endpoint: Pick<WebhookEndpoint, 'tenantId' | 'id'>,
  reason: DisableReason,
  failingSince: Date | null,
  now: Date,
) {
  const stillEnabled = and(ofTenant(endpoint.tenantId, endpoint.id), eq(webhookEndpoints.active, true));
  const event = outboxInsertIf(
    db,
    {
      tenantId: endpoint.tenantId,
      type: 'webhook_endpoint.disabled',
      subjectType: 'webhook_endpoint',
      subjectId: endpoint.id,
      payload: { endpointId: endpoint.id, reason, failingSince: failingSince?.toISOString() ?? null },
      occurredAt: now,
    },
    webhookEndpoints,
    stillEnabled,
  );
  const update = db
    .update(webhookEndpoints)
    .set({ active: false, disabledReason: reason, disabledAt: now, updatedAt: now })
    .where(stillEnabled)
    .returning({ id: webhookEndpoints.id });
  return { event, update };
}

/** Ends rotations whose previous secret expired (the hourly sweep), so no expired secret stays stored. */
export async function dropExpiredSecrets(db: Db, now: Date): Promise<void> {
  await db
    .update(webhookEndpoints)
    .set({ previousSecretCt: null, previousSecretExpiresAt: null })
    .where(lt(webhookEndpoints.previousSecretExpiresAt, now));
}
