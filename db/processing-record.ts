// Reads what the record of processing activities is generated from: the tenant's lists, forms
// with the notice versions they have shown, profile fields and active webhook endpoints (by host
// only). Shaped by shared/reports/processing-record.ts.

import { and, asc, eq, max } from 'drizzle-orm';
import { DEFAULT_DUE_DAYS } from '../shared/due-dates';
import { processingRecord } from '../shared/reports/processing-record';
import { DEFAULT_MIN_AGGREGATE } from '../shared/schemas/tenant-settings';
import type { Db } from './client';
import { DEFAULT_UNCONFIRMED_PURGE_DAYS } from './double-opt-in';
import { IDEMPOTENCY_TTL_MS } from './idempotency';
import { SNAPSHOT_DAYS } from './report-snapshots';
import { consentNotices, forms, lists, profileFields, webhookEndpoints } from './schema';
import type { Tenant } from './tenants';

export async function processingRecordOf(db: Db, tenant: Tenant, now = new Date()) {
  const [listRows, formRows, noticeRows, fields, hooks] = await Promise.all([
    db.select().from(lists).where(eq(lists.tenantId, tenant.id)).orderBy(asc(lists.createdAt), asc(lists.id)),
    db.select().from(forms).where(eq(forms.tenantId, tenant.id)).orderBy(asc(forms.createdAt), asc(forms.id)),
    db
      .select({
        key: consentNotices.key,
        language: consentNotices.language,
        version: max(consentNotices.version),
      })
      .from(consentNotices)
      .where(eq(consentNotices.tenantId, tenant.id))
      .groupBy(consentNotices.key, consentNotices.language),
    db
      .select({ key: profileFields.key, label: profileFields.label, type: profileFields.type })
      .from(profileFields)
      .where(eq(profileFields.tenantId, tenant.id))
      .orderBy(asc(profileFields.key)),
    db
      .select({ url: webhookEndpoints.url })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.tenantId, tenant.id), eq(webhookEndpoints.active, true))),
  ]);
  const hosts = [...new Set(hooks.flatMap((h) => (URL.canParse(h.url) ? [new URL(h.url).host] : [])))].sort();
  const s = tenant.settings;
  return processingRecord(
    {
      tenant,
      settings: s,
      lists: listRows,
      forms: formRows.map((f) => ({
        id: f.id,
        name: f.name,
        listIds: f.listIds,
        notices: noticeRows
          .filter((n) => n.key === f.noticeKey)
          .map((n) => ({ language: n.language, version: n.version ?? 0 }))
          .sort((a, b) => a.language.localeCompare(b.language)),
      })),
      profileFields: fields,
      webhookHosts: hosts,
      periods: {
        unconfirmedPurgeDays: s.unconfirmedPurgeDays ?? DEFAULT_UNCONFIRMED_PURGE_DAYS,
        idempotencyHours: IDEMPOTENCY_TTL_MS / 3_600_000,
        snapshotDays: SNAPSHOT_DAYS,
        requestDueDays: s.dueDays?.default ?? DEFAULT_DUE_DAYS,
        minAggregate: s.minAggregate ?? DEFAULT_MIN_AGGREGATE,
      },
    },
    now,
  );
}
