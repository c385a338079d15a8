// Consent evidence sent by client systems: the notice a person saw (a published version, or the
// exact text, published as a version when new) and where they were, turned into capture input.

import type { TenantKeys } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import { EU_COUNTRIES } from '../shared/geo';
import type { EvidenceInput } from '../shared/schemas/subscribers';
import type { Db } from './client';
import { noticeVersionOf, noticeVersionQuery, type Notice } from './notices';

/**
 * The notice a piece of evidence names; 400 for a version that was never published. `read` is
 * what `noticeVersionQuery` found in the caller's read batch; a text is published when new.
 */
export async function resolveEvidenceNotice(
  db: Db,
  keys: Pick<TenantKeys, 'tenantId'>,
  notice: EvidenceInput['notice'],
  read?: Notice[],
): Promise<Notice> {
  if ('version' in notice) {
    const [found] =
      read ?? (await noticeVersionQuery(db, keys.tenantId, notice.key, notice.language, notice.version));
    if (!found)
      throw new AppError(
        'validation_failed',
        `Notice "${notice.key}" (${notice.language}) has no version ${notice.version}. Publish it with POST /api/v1/notices or send the exact text instead.`,
      );
    return found;
  }
  return noticeVersionOf(db, keys.tenantId, notice.key ?? 'api', notice.language, notice.text);
}

/** Where the person was, as the client reported it (the API caller's own location is not evidence). */
export function evidenceGeo(evidence: EvidenceInput | undefined) {
  const country = evidence?.country ?? null;
  return { country, region: evidence?.region ?? null, isEU: country ? EU_COUNTRIES.has(country) : null };
}
