// Consent notices: versioned texts per tenant, key and language. Publishing a changed text makes
// a new version; events keep pointing at the version the person saw.

import { and, desc, eq } from 'drizzle-orm';
import { sha256Hex } from '../shared/encoding';
import { AppError } from '../shared/errors';
import { newId } from '../shared/regions';
import type { Bindable } from './built-statements';
import type { Db } from './client';
import { consentNotices } from './schema';

export type Notice = typeof consentNotices.$inferSelect;

export async function currentNotice(
  db: Db,
  tenantId: string,
  key: string,
  language: string,
): Promise<Notice | undefined> {
  return currentNoticeQuery(db, tenantId, key, language);
}

/** The newest version of a notice in one language, as a query for a caller's read batch. */
export function currentNoticeQuery(db: Db, tenantId: Bindable, key: Bindable, language: Bindable) {
  return db.query.consentNotices.findFirst({
    where: and(
      eq(consentNotices.tenantId, tenantId),
      eq(consentNotices.key, key),
      eq(consentNotices.language, language),
    ),
    orderBy: desc(consentNotices.version),
  });
}

/** One published version of a notice, by key, language and number (a query for a read batch). */
export function noticeVersionQuery(
  db: Db,
  tenantId: Bindable,
  key: Bindable,
  language: Bindable,
  version: Bindable<number>,
) {
  return db
    .select()
    .from(consentNotices)
    .where(
      and(
        eq(consentNotices.tenantId, tenantId),
        eq(consentNotices.key, key),
        eq(consentNotices.language, language),
        eq(consentNotices.version, version),
      ),
    )
    .limit(1);
}

const PUBLISH_TRIES = 10;

/**
 * Publishes `text` as the current version; an unchanged text returns the existing version. Safe
 * under concurrency: a writer that lost the race for the next version number (the unique index)
 * reads again, and either finds its own text published by the winner or takes the next number.
 */
export function publishNotice(db: Db, tenantId: string, key: string, language: string, text: string) {
  return publish(db, tenantId, key, language, text, (current) => current);
}

/**
 * The version of `text` a person saw, as a client reports it: whichever version holds exactly that
 * text (current or not), else a new version. Two texts sent at the same moment therefore get one
 * version each, however their writers interleave.
 */
export function noticeVersionOf(db: Db, tenantId: string, key: string, language: string, text: string) {
  return publish(db, tenantId, key, language, text, async (current, textHash) =>
    current?.textHash === textHash
      ? current
      : db.query.consentNotices.findFirst({
          where: and(
            eq(consentNotices.tenantId, tenantId),
            eq(consentNotices.key, key),
            eq(consentNotices.language, language),
            eq(consentNotices.textHash, textHash),
          ),
          orderBy: desc(consentNotices.version),
        }),
  );
}

async function publish(
  db: Db,
  tenantId: string,
  key: string,
  language: string,
  text: string,
  existing: (
    current: Notice | undefined,
    textHash: string,
  ) => Promise<Notice | undefined> | Notice | undefined,
): Promise<Notice> {
  const textHash = await sha256Hex(text);
  for (let attempt = 1; ; attempt++) {
    const current = await currentNotice(db, tenantId, key, language);
    const found = await existing(current, textHash);
    if (found && found.textHash === textHash) return found;
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
