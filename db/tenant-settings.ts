// Changing a tenant's settings from the API: one batch writes the change, its audit row (before
// and after) and its outbox event; each named key is set (or removed, for null) inside SQLite so
// that two changes of different keys at the same moment both survive. The per-isolate tenant
// cache forgets the tenant right away, so this isolate's next click already follows the new
// settings. `events` receives the event written, for the route to hand over.

import { eq, sql, type SQL } from 'drizzle-orm';
import type { TenantKeys } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import {
  TENANT_SETTING_KEYS,
  type TenantSettingsPatch,
  type TenantSettingsView,
} from '../shared/schemas/tenant-settings';
import { type AuditOrigin, appendAudit, settingsChange } from './audit-log';
import type { BatchItem, Db } from './client';
import { outboxInsert, type OutboxRef, outboxRefs } from './outbox';
import { startProfileBackfill } from './profile-backfill';
import { tenants, type TenantSettings } from './schema';
import { forgetTenant } from './tenant-cache';

export function settingsView(settings: TenantSettings): TenantSettingsView {
  return Object.fromEntries(TENANT_SETTING_KEYS.map((k) => [k, settings[k] ?? null])) as TenantSettingsView;
}

/** `settings` with each key of the patch set to its JSON value, or removed when null. */
function patchedSettings(patch: TenantSettingsPatch): SQL {
  let expr: SQL = sql`${tenants.settings}`;
  for (const [key, value] of Object.entries(patch)) {
    const path = `$.${key}`;
    expr =
      value === null
        ? sql`json_remove(${expr}, ${path})`
        : sql`json_set(${expr}, ${path}, json(${JSON.stringify(value)}))`;
  }
  return expr;
}

export async function updateTenantSettings(
  db: Db,
  keys: TenantKeys,
  patch: TenantSettingsPatch,
  origin: AuditOrigin,
  events: OutboxRef[] = [],
): Promise<TenantSettingsView> {
  const tenantId = keys.tenantId;
  const current = await db.query.tenants.findFirst({ where: eq(tenants.id, tenantId) });
  if (!current) throw new AppError('unknown_tenant', 'Unknown tenant.');
  const change = settingsChange(current.settings, patch);
  const now = new Date();
  const statements: BatchItem[] = [
    db
      .update(tenants)
      .set({ settings: patchedSettings(patch) })
      .where(eq(tenants.id, tenantId)),
    outboxInsert(db, {
      tenantId,
      type: 'tenant.settings_changed',
      subjectType: 'tenant',
      subjectId: tenantId,
      payload: { changed: change.changed },
      occurredAt: now,
    }),
  ];
  // Counting turned on: the people already there are counted by the backfill (db/profile-backfill.ts).
  if (patch.pseudonymisedProfiles === true && !current.settings.pseudonymisedProfiles)
    statements.push(startProfileBackfill(db, tenantId, now));
  await appendAudit(
    db,
    keys,
    [
      {
        ...origin,
        action: 'tenant.settings_changed',
        target: { type: 'tenant', id: tenantId },
        details: change,
        at: now,
      },
    ],
    statements,
  );
  events.push(...outboxRefs(statements));
  forgetTenant(tenantId);
  const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, tenantId) });
  if (!tenant) throw new AppError('unknown_tenant', 'Unknown tenant.');
  return settingsView(tenant.settings);
}
