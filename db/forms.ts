// Edge forms: definition, lookup and change. The notice text is published as a version of the
// form's notice key; changing the text makes a new version and the form shows the newest.

import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { AppError } from '../shared/errors';
import { newFormId } from '../shared/form-ids';
import type { Region } from '../shared/regions';
import type { FormInput, FormPatch } from '../shared/schemas/forms';
import type { Bindable } from './built-statements';
import type { Db } from './client';
import { pageByCreated, requireLists, requireProfileFields } from './lists';
import { currentNotice, publishNotice, type Notice } from './notices';
import { forms, tenants } from './schema';

export type FormRow = typeof forms.$inferSelect;

export async function createForm(
  db: Db,
  tenant: { id: string; region: Region },
  input: FormInput,
): Promise<{ form: FormRow; notice: Notice }> {
  await requireLists(db, tenant.id, input.listIds);
  await requireProfileFields(db, tenant.id, input.fields);
  const id = newFormId(tenant.region);
  const noticeKey = input.notice.key ?? `form-${id}`;
  const notice = await publishNotice(db, tenant.id, noticeKey, input.notice.language, input.notice.text);
  const [form] = await db
    .insert(forms)
    .values({
      id,
      tenantId: tenant.id,
      name: input.name,
      listIds: [...new Set(input.listIds)],
      fields: input.fields,
      noticeKey,
      language: input.notice.language,
      thankYouUrl: input.thankYouUrl,
      errorUrl: input.errorUrl ?? null,
      allowedOrigins: input.allowedOrigins,
    })
    .returning();
  return { form: form!, notice };
}

export async function findForm(db: Db, tenantId: string, id: string): Promise<FormRow | undefined> {
  return db.query.forms.findFirst({ where: and(eq(forms.tenantId, tenantId), eq(forms.id, id)) });
}

/** The notice version the form shows now. */
export async function formNotice(db: Db, form: FormRow): Promise<Notice> {
  return publishedFormNotice(await currentNotice(db, form.tenantId, form.noticeKey, form.language));
}

/** A form always has a published notice: its absence is our fault, not the visitor's. */
export function publishedFormNotice(notice: Notice | undefined): Notice {
  if (!notice) throw new AppError('internal', 'The form has no published notice.');
  return notice;
}

export async function updateForm(
  db: Db,
  tenantId: string,
  id: string,
  patch: FormPatch,
): Promise<{ form: FormRow; notice: Notice }> {
  const form = await findForm(db, tenantId, id);
  if (!form) throw new AppError('not_found', `Form ${id} does not exist.`);
  if (patch.listIds) await requireLists(db, tenantId, patch.listIds);
  if (patch.fields) await requireProfileFields(db, tenantId, patch.fields);
  const noticeKey = patch.notice?.key ?? form.noticeKey;
  const language = patch.notice?.language ?? form.language;
  const notice = patch.notice
    ? await publishNotice(db, tenantId, noticeKey, language, patch.notice.text)
    : await formNotice(db, form);
  const [row] = await db
    .update(forms)
    .set({
      name: patch.name,
      listIds: patch.listIds ? [...new Set(patch.listIds)] : undefined,
      fields: patch.fields,
      noticeKey,
      language,
      thankYouUrl: patch.thankYouUrl,
      errorUrl: patch.errorUrl,
      allowedOrigins: patch.allowedOrigins,
    })
    .where(and(eq(forms.tenantId, tenantId), eq(forms.id, id)))
    .returning();
  return { form: row!, notice };
}

export function listForms(db: Db, tenantId: string, cursor: string | undefined, limit: number) {
  return pageByCreated(
    (after, n) =>
      db
        .select()
        .from(forms)
        .where(
          and(
            eq(forms.tenantId, tenantId),
            after
              ? or(
                  lt(forms.createdAt, new Date(after.k)),
                  and(eq(forms.createdAt, new Date(after.k)), lt(forms.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(forms.createdAt), desc(forms.id))
        .limit(n),
    cursor,
    limit,
  );
}

/** A form and its tenant in one round trip (the edge path of every submission). */
export async function findFormWithTenant(db: Db, id: string): Promise<FormWithTenant | undefined> {
  const [form, tenant] = await db.batch(formWithTenantReads(db, id));
  return formWithTenantOf(form, tenant);
}

export type FormWithTenant = { form: FormRow; tenant: typeof tenants.$inferSelect };

/**
 * A form and its tenant as two queries, for a batch of their own or a caller's read batch (a
 * batch answers rows as objects keyed by column name, so a join of two tables with the same
 * column names would mix them); `formWithTenantOf` makes one `FormWithTenant` of their rows.
 */
export function formWithTenantReads(db: Db, id: Bindable) {
  return [
    db.select().from(forms).where(eq(forms.id, id)).limit(1),
    db
      .select()
      .from(tenants)
      .where(inArray(tenants.id, db.select({ id: forms.tenantId }).from(forms).where(eq(forms.id, id))))
      .limit(1),
  ] as const;
}

export function formWithTenantOf(
  [form]: FormRow[],
  [tenant]: (typeof tenants.$inferSelect)[],
): FormWithTenant | undefined {
  return form && tenant ? { form, tenant } : undefined;
}
