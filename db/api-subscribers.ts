// Subscribers inserted by client systems (`POST /api/v1/subscribers`): consent-based lists need
// evidence, profile values must be of defined, non-special fields, and the insertion is one
// consent capture attributed to the API key (or the signed-in user) that sent it.

import type { TenantKeys } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import type { SubscriberInput } from '../shared/schemas/subscribers';
import type { Db } from './client';
import { type CaptureResult, type CaptureSettings, captureConsent } from './consent-capture';
import { evidenceGeo, resolveEvidenceNotice } from './evidence';
import { requireLists, requireProfileFields, type ListRow } from './lists';

export async function insertSubscriber(
  db: Db,
  keys: TenantKeys,
  input: SubscriberInput,
  actor: { type: 'api_key' | 'admin'; id: string },
  settings: CaptureSettings,
): Promise<CaptureResult & { lists: ListRow[] }> {
  const lists = await requireLists(db, keys.tenantId, input.listIds);
  const consentLists = lists.filter((l) => l.lawfulBasis === 'consent');
  const { evidence } = input;
  if (consentLists.length && !evidence) {
    throw new AppError(
      'consent_evidence_required',
      `List ${consentLists[0]!.id} is consent-based: send "evidence" with when consent was given (occurredAt) and the notice the person saw (a version or its exact text), plus IP, user agent and page where you have them.`,
    );
  }
  await requireProfileFields(db, keys.tenantId, Object.keys(input.profile ?? {}));
  // Published only once the capture is accepted (not suppressed, no payment data).
  const notice = evidence ? () => resolveEvidenceNotice(db, keys, evidence.notice) : null;
  const result = await captureConsent(db, keys, {
    email: input.email,
    name: input.name,
    language: input.language ?? evidence?.notice.language ?? null,
    profile: input.profile,
    lists,
    occurredAt: evidence ? new Date(evidence.occurredAt) : new Date(),
    geo: evidenceGeo(evidence),
    ip: evidence?.ip ?? null,
    userAgent: evidence?.userAgent ?? null,
    notice,
    source: {
      type: actor.type === 'admin' ? 'admin' : 'api',
      id: actor.id,
      url: evidence?.sourceUrl ?? null,
    },
    homeRegionSource: 'api',
    confirmedAt: evidence?.confirmedAt ? new Date(evidence.confirmedAt) : null,
    settings,
  });
  return { ...result, lists };
}
