// Listing published notice versions (newest first) for the notices API.

import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { pageByCreated } from './lists';
import { consentNotices } from './schema';

export function listNotices(
  db: Db,
  tenantId: string,
  filter: { key?: string; language?: string },
  cursor: string | undefined,
  limit: number,
) {
  return pageByCreated(
    (after, n) => {
      const where: (SQL | undefined)[] = [eq(consentNotices.tenantId, tenantId)];
      if (filter.key) where.push(eq(consentNotices.key, filter.key));
      if (filter.language) where.push(eq(consentNotices.language, filter.language));
      if (after)
        where.push(
          or(
            lt(consentNotices.createdAt, new Date(after.k)),
            and(eq(consentNotices.createdAt, new Date(after.k)), lt(consentNotices.id, after.id)),
          ),
        );
      return db
        .select()
        .from(consentNotices)
        .where(and(...where))
        .orderBy(desc(consentNotices.createdAt), desc(consentNotices.id))
        .limit(n);
    },
    cursor,
    limit,
  );
}

/** The notices with these ids, by id. */
export async function noticesByIds(db: Db, tenantId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const rows = unique.length
    ? await db
        .select()
        .from(consentNotices)
        .where(and(eq(consentNotices.tenantId, tenantId), inArray(consentNotices.id, unique)))
    : [];
  return new Map(rows.map((r) => [r.id, r]));
}
