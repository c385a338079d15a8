// Consent notices: versioned texts per tenant, key and language. Publishing a changed text makes
// a new version; events keep pointing at the version the person saw.

import { and, desc, eq } from 'drizzle-orm';
import { sha256Hex } from '../shared/encoding';
import { AppError } from '../shared/errors';
import { newId } from '../shared/regions';
import type { Db } from './client';
import { consentNotices } from './schema';

export type Notice = typeof consentNotices.$inferSelect;

export async function currentNotice(
  db: Db,
  tenantId: string,
  key: string,
  language: string,
): Promise<Notice | undefined> {
  return db.query.consentNotices.findFirst({
    where: and(
      eq(consentNotices.tenantId, tenantId),
      eq(consentNotices.key, key),
      eq(consentNotices.language, language),
    ),
    orderBy: desc(consentNotices.version),
  });
}

export async function findNoticeVersion(
  db: Db,
  tenantId: string,
  key: string,
  language: string,
  version: number,
) {
  return db.query.consentNotices.findFirst({
    where: and(
      eq(consentNotices.tenantId, tenantId),
      eq(consentNotices.key, key),
      eq(consentNotices.language, language),
      eq(consentNotices.version, version),
    ),
  });
}

const PUBLISH_TRIES = 10;

/**
 * Publishes `text` as the current version; an unchanged text returns the existing version. Safe
 * under concurrency: a writer that lost the race for the next version number (the unique index)
 * reads again, and either finds its own text published by the winner or takes the next number.
 */
export async function publishNotice(
  db: Db,
  tenantId: string,
  key: string,
  language: string,
  text: string,
): Promise<Notice> {
  const textHash = await sha256Hex(text);
  for (let attempt = 1; ; attempt++) {
    const current = await currentNotice(db, tenantId, key, language);
    if (current && current.textHash === textHash) return current;
    const [row] = await db
      .insert(consentNotices)
      .values({
        id: newId('ntc'),
        tenantId,
        key,
        language,
        version: (current?.version ?? 0) + 1,
        text,
        textHash,
      })
      .onConflictDoNothing()
      .returning();
    if (row) return row;
    if (attempt >= PUBLISH_TRIES)
      throw new AppError(
        'conflict',
        `Notice "${key}" (${language}) is being changed by many writers at once: try again.`,
      );
  }
}
