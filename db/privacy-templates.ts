// Tenant-owned wording of requester notifications (per stage and language), falling back to the
// built-in texts, the per-stage switches in the tenant settings, and changing the privacy
// settings (audited and announced like every tenant-settings change).

import { and, eq, sql } from 'drizzle-orm';
import { builtInNotice, noticeLanguage, type NoticeStage } from '../shared/privacy-notices';
import type { TenantKeys } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import { type AuditOrigin, appendAudit, settingsChange } from './audit-log';
import type { Db } from './client';
import { outboxInsert, type OutboxRef, outboxRefs } from './outbox';
import { privacyNoticeTemplates, tenants, type TenantSettings } from './schema';
import { forgetTenant } from './tenant-cache';

export type NoticeTemplate = typeof privacyNoticeTemplates.$inferSelect;

export async function listNoticeTemplates(db: Db, tenantId: string): Promise<NoticeTemplate[]> {
  return db.query.privacyNoticeTemplates.findMany({ where: eq(privacyNoticeTemplates.tenantId, tenantId) });
}

export async function putNoticeTemplate(
  db: Db,
  tenantId: string,
  t: { stage: NoticeStage; language: string; subject: string; body: string },
): Promise<NoticeTemplate> {
  const row = { tenantId, ...t, updatedAt: new Date() };
  await db
    .insert(privacyNoticeTemplates)
    .values(row)
    .onConflictDoUpdate({
      target: [
        privacyNoticeTemplates.tenantId,
        privacyNoticeTemplates.stage,
        privacyNoticeTemplates.language,
      ],
      set: { subject: t.subject, body: t.body, updatedAt: row.updatedAt },
    });
  return row;
}

/** Removes an override; returns whether there was one. */
export async function deleteNoticeTemplate(
  db: Db,
  tenantId: string,
  stage: NoticeStage,
  language: string,
): Promise<boolean> {
  const gone = await db
    .delete(privacyNoticeTemplates)
    .where(
      and(
        eq(privacyNoticeTemplates.tenantId, tenantId),
        eq(privacyNoticeTemplates.stage, stage),
        eq(privacyNoticeTemplates.language, language),
      ),
    )
    .returning({ stage: privacyNoticeTemplates.stage });
  return gone.length > 0;
}

/** The tenant's own templates of `stage`, every language, read once (a settled promise, to share). */
export async function stageTemplates(
  db: Db,
  tenantId: string,
  stage: NoticeStage,
): Promise<NoticeTemplate[]> {
  return await db.query.privacyNoticeTemplates.findMany({
    where: and(eq(privacyNoticeTemplates.tenantId, tenantId), eq(privacyNoticeTemplates.stage, stage)),
  });
}

/**
 * The text for a stage from the tenant's templates of that stage (`stageTemplates`): the one in
 * the requester's exact language, then in its base language, then the built-in text in the
 * closest built-in language.
 */
export function pickNoticeText(
  templates: readonly NoticeTemplate[],
  stage: NoticeStage,
  language: string | null,
) {
  const wanted = (language ?? 'en').toLowerCase();
  const candidates = [...new Set([wanted, wanted.split(/[-_]/)[0]!, noticeLanguage(wanted)])];
  for (const lang of candidates) {
    const own = templates.find((r) => r.language === lang);
    if (own) return { subject: own.subject, body: own.body, language: lang };
  }
  const lang = noticeLanguage(wanted);
  return { ...builtInNotice(stage, lang), language: lang };
}

/** The text for a stage, its templates read now (see `pickNoticeText`). */
export async function noticeText(db: Db, tenantId: string, stage: NoticeStage, language: string | null) {
  return pickNoticeText(await stageTemplates(db, tenantId, stage), stage, language);
}

/** Whether the tenant wants mail at this stage (default: yes; links the requester needs always go). */
export function stageEnabled(settings: TenantSettings, stage: NoticeStage): boolean {
  if (stage === 'verify' || stage === 'export_ready') return true;
  return settings.notify?.[stage] ?? true;
}

/** Names and values of what a privacy-settings change sets: `reminderDays`, `dueDays.erasure`, `notify.received`. */
function flatten(settings: PrivacySettingsPatch): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(settings).flatMap(([key, value]) =>
      value !== null && typeof value === 'object'
        ? Object.entries(value).map(([k, v]) => [`${key}.${k}`, v])
        : [[key, value]],
    ),
  );
}

type PrivacySettingsPatch = Pick<TenantSettings, 'dueDays' | 'reminderDays' | 'notify'>;

/**
 * Merges the privacy part of the tenant settings (due days, reminder lead time, notifications)
 * inside SQLite (`json_patch`), so two changes of different keys at the same moment both
 * survive, with its audit row (before and after) and its `tenant.settings_changed` event in the
 * same batch.
 */
export async function updatePrivacySettings(
  db: Db,
  keys: TenantKeys,
  patch: PrivacySettingsPatch,
  origin: AuditOrigin,
): Promise<{ settings: TenantSettings; events: OutboxRef[] }> {
  const tenantId = keys.tenantId;
  const current = await db.query.tenants.findFirst({ where: eq(tenants.id, tenantId) });
  if (!current) throw new AppError('unknown_tenant', 'Unknown tenant.');
  const change = settingsChange(flatten(current.settings), flatten(patch));
  const now = new Date();
  const batch = [
    db
      .update(tenants)
      .set({ settings: sql`json_patch(${tenants.settings}, ${JSON.stringify(patch)})` })
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
    batch,
  );
  forgetTenant(tenantId);
  const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, tenantId) });
  if (!tenant) throw new AppError('unknown_tenant', 'Unknown tenant.');
  return { settings: tenant.settings, events: outboxRefs(batch) };
}
