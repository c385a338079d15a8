// Changing a tenant's settings from the API: one batch writes the change, its audit row and its
// outbox event; each named key is set (or removed, for null) inside SQLite so that two changes
// of different keys at the same moment both survive. The per-isolate tenant cache forgets the
// tenant right away, so this isolate's next click already follows the new settings. `events`
// receives the event written, for the route to hand over.

import { eq, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../shared/errors';
import { newId } from '../shared/regions';
import {
  TENANT_SETTING_KEYS,
  type TenantSettingsPatch,
  type TenantSettingsView,
} from '../shared/schemas/tenant-settings';
import { runBatch, type Db } from './client';
import { outboxInsert, type OutboxRef, outboxRefs } from './outbox';
import { auditLog, tenants, type TenantSettings } from './schema';
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
  tenantId: string,
  patch: TenantSettingsPatch,
  actor: { type: 'api_key' | 'admin'; id: string },
  events: OutboxRef[] = [],
): Promise<TenantSettingsView> {
  const changed = Object.keys(patch).sort();
  const now = new Date();
  const batch = [
    db
      .update(tenants)
      .set({ settings: patchedSettings(patch) })
      .where(eq(tenants.id, tenantId)),
    // Names of the changed settings only: a forwarding address is not copied into logs.
    db.insert(auditLog).values({
      id: newId('aud'),
      tenantId,
      actorType: actor.type,
      actorId: actor.id,
      action: 'tenant.settings_changed',
      targetType: 'tenant',
      targetId: tenantId,
      details: { changed },
      at: now,
    }),
    outboxInsert(db, {
      tenantId,
      type: 'tenant.settings_changed',
      subjectType: 'tenant',
      subjectId: tenantId,
      payload: { changed },
      occurredAt: now,
    }),
  ];
  await runBatch(db, batch);
  events.push(...outboxRefs(batch));
  forgetTenant(tenantId);
  const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, tenantId) });
  if (!tenant) throw new AppError('unknown_tenant', 'Unknown tenant.');
  return settingsView(tenant.settings);
}
