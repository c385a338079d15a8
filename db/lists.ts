// Lists and profile fields of a tenant. A profile field of a special category is refused when it
// is defined (GDPR Art. 9), with the reason in the error so the client can fix the form.

import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import { AppError } from '../shared/errors';
import { CATEGORY_LABEL, specialCategoryOf } from '../shared/privacy/special-categories';
import { newId } from '../shared/regions';
import type { ListInput, ListPatch, ProfileFieldInput } from '../shared/schemas/lists';
import type { Bindable } from './built-statements';
import type { BatchItem, Db } from './client';
import { counted, listScope } from './report-counters';
import { lists, profileFields } from './schema';

export type ListRow = typeof lists.$inferSelect;
export type ProfileFieldRow = typeof profileFields.$inferSelect;

export async function createList(db: Db, tenantId: string, input: ListInput): Promise<ListRow> {
  const [row] = await db
    .insert(lists)
    .values({ id: newId('lst'), tenantId, ...input, retentionDays: input.retentionDays ?? null })
    .returning();
  return row!;
}

/** Changes a list; a change of lawful basis moves its subscribers' compliance cells in the same batch. */
export async function updateList(db: Db, tenantId: string, id: string, patch: ListPatch): Promise<ListRow> {
  const update = db
    .update(lists)
    .set(patch)
    .where(and(eq(lists.tenantId, tenantId), eq(lists.id, id)))
    .returning();
  if (!patch.lawfulBasis) return found(await update, id);
  const batch: BatchItem[] = counted(db, listScope(tenantId, id), [update]);
  const results = await db.batch(batch as [BatchItem, ...BatchItem[]]);
  return found(results[1] as ListRow[], id);
}

function found(rows: ListRow[], id: string): ListRow {
  const row = rows[0];
  if (!row) throw new AppError('not_found', `List ${id} does not exist.`);
  return row;
}

export async function findList(db: Db, tenantId: string, id: string): Promise<ListRow> {
  const row = await db.query.lists.findFirst({ where: and(eq(lists.tenantId, tenantId), eq(lists.id, id)) });
  if (!row) throw new AppError('not_found', `List ${id} does not exist.`);
  return row;
}

/** The named lists, in the order given; 400 naming the first id that is not a list of this tenant. */
export async function requireLists(db: Db, tenantId: string, ids: readonly string[]): Promise<ListRow[]> {
  return checkedLists(ids, ids.length ? await listsQuery(db, tenantId, ids) : []);
}

/** The rows of these lists, for a caller's read batch; `checkedLists` refuses a missing one. */
export function listsQuery(db: Db, tenantId: Bindable, ids: readonly Bindable[]) {
  return db
    .select()
    .from(lists)
    .where(and(eq(lists.tenantId, tenantId), inArray(lists.id, [...new Set(ids)])));
}

/** The lists in the order asked for (each once); `validation_failed` names one that does not exist. */
export function checkedLists(ids: readonly string[], rows: ListRow[]): ListRow[] {
  const unique = [...new Set(ids)];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = unique.find((id) => !byId.has(id));
  if (missing) throw new AppError('validation_failed', `List ${missing} does not exist.`);
  return unique.map((id) => byId.get(id)!);
}

/** A page of rows ordered newest first, with the cursor of the next page. */
export async function pageByCreated<T extends { id: string; createdAt: Date }>(
  fetchPage: (after: { k: number; id: string } | null, limit: number) => Promise<T[]>,
  cursor: string | undefined,
  limit: number,
): Promise<{ rows: T[]; nextCursor: string | null }> {
  const c = decodeCursor(cursor);
  const rows = await fetchPage(c ? { k: Number(c.k), id: c.id } : null, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ k: last.createdAt.getTime(), id: last.id }) : null,
  };
}

export function listLists(db: Db, tenantId: string, cursor: string | undefined, limit: number) {
  return pageByCreated(
    (after, n) =>
      db
        .select()
        .from(lists)
        .where(
          and(
            eq(lists.tenantId, tenantId),
            after
              ? or(
                  lt(lists.createdAt, new Date(after.k)),
                  and(eq(lists.createdAt, new Date(after.k)), lt(lists.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(lists.createdAt), desc(lists.id))
        .limit(n),
    cursor,
    limit,
  );
}

/** Refuses a field whose key, label or description names a special category of data. */
export function assertNotSpecialCategory(
  input: Pick<ProfileFieldInput, 'key' | 'label' | 'description'>,
): void {
  const hit = specialCategoryOf(input.key, input.label, input.description);
  if (hit) {
    throw new AppError(
      'special_category',
      `The field "${input.key}" looks like it collects ${CATEGORY_LABEL[hit.category]} (it mentions "${hit.matched.trim()}"). ` +
        'Special categories of personal data (GDPR Art. 9) are not collected for email marketing: remove the field or rename and describe it for what it really holds.',
      { field: input.key, category: hit.category, matched: hit.matched.trim() },
    );
  }
}

export async function createProfileField(
  db: Db,
  tenantId: string,
  input: ProfileFieldInput,
): Promise<ProfileFieldRow> {
  assertNotSpecialCategory(input);
  const existing = await db.query.profileFields.findFirst({
    where: and(eq(profileFields.tenantId, tenantId), eq(profileFields.key, input.key)),
  });
  if (existing) throw new AppError('conflict', `A profile field with the key "${input.key}" already exists.`);
  const [row] = await db
    .insert(profileFields)
    .values({ id: newId('fld'), tenantId, ...input, description: input.description ?? null })
    .returning();
  return row!;
}

export function listProfileFields(db: Db, tenantId: string, cursor: string | undefined, limit: number) {
  return pageByCreated(
    (after, n) =>
      db
        .select()
        .from(profileFields)
        .where(
          and(
            eq(profileFields.tenantId, tenantId),
            after
              ? or(
                  lt(profileFields.createdAt, new Date(after.k)),
                  and(eq(profileFields.createdAt, new Date(after.k)), lt(profileFields.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(profileFields.createdAt), desc(profileFields.id))
        .limit(n),
    cursor,
    limit,
  );
}

/** The tenant's fields with these keys; 400 naming the first key that is not defined. */
export async function requireProfileFields(
  db: Db,
  tenantId: string,
  keys: readonly string[],
): Promise<ProfileFieldRow[]> {
  if (keys.length === 0) return [];
  return checkedProfileFields(keys, await profileFieldsQuery(db, tenantId, keys));
}

/** The definitions of these profile fields, for a caller's read batch (see checkedProfileFields). */
export function profileFieldsQuery(db: Db, tenantId: Bindable, keys: readonly Bindable[]) {
  return db
    .select()
    .from(profileFields)
    .where(and(eq(profileFields.tenantId, tenantId), inArray(profileFields.key, [...keys])));
}

/** The rows read; `validation_failed` names a field that is not defined. */
export function checkedProfileFields(keys: readonly string[], rows: ProfileFieldRow[]): ProfileFieldRow[] {
  const missing = keys.find((k) => !rows.some((r) => r.key === k));
  if (missing)
    throw new AppError(
      'validation_failed',
      `Profile field "${missing}" is not defined. Define it with POST /api/v1/profile-fields first.`,
    );
  return rows;
}
