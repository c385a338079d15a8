// Subscribers inserted by client systems (`POST /api/v1/subscribers`): consent-based lists need
// evidence, profile values must be of defined, non-special fields, and the insertion is one
// consent capture attributed to the API key (or the signed-in user) that sent it, its audit row
// in the capture's write batch.

import type { TenantKeys } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import type { SubscriberInput } from '../shared/schemas/subscribers';
import { type AuditEntry, appendAudit } from './audit-log';
import type { BatchItem, Db } from './client';
import {
  type CaptureResult,
  type CaptureSettings,
  captureConsent,
  captureStateOf,
  captureStateReads,
} from './consent-capture';
import { evidenceGeo, evidenceNoticeQuery, resolveEvidenceNotice } from './evidence';
import {
  checkedLists,
  checkedProfileFields,
  listsQuery,
  type ListRow,
  type ProfileFieldRow,
  profileFieldsQuery,
} from './lists';
import type { Notice } from './notices';
import { addressIndex } from './subscribers';

/**
 * One read batch (lists, profile fields, the evidence's notice version, the address's capture
 * state), the checks in the order a client reads them, then the capture's one write batch with
 * the audit row `audit` describes (it learns whether the subscriber was created).
 */
export async function insertSubscriber(
  db: Db,
  keys: TenantKeys,
  input: SubscriberInput,
  actor: { type: 'api_key' | 'admin'; id: string },
  settings: CaptureSettings,
  audit: (created: boolean) => AuditEntry,
): Promise<CaptureResult & { lists: ListRow[] }> {
  const { evidence } = input;
  const fieldKeys = Object.keys(input.profile ?? {});
  const address = await addressIndex(keys, input.email);
  const state = captureStateReads(db, keys.tenantId, address.index, input.listIds);
  const noticeRead = evidence ? evidenceNoticeQuery(db, keys.tenantId, evidence.notice) : null;
  const reads: BatchItem[] = [
    listsQuery(db, keys.tenantId, input.listIds),
    state.suppressed,
    state.subscriber,
    state.wrappedKey,
    state.subscriptions,
  ];
  if (fieldKeys.length) reads.push(profileFieldsQuery(db, keys.tenantId, fieldKeys));
  if (noticeRead) reads.push(noticeRead);
  const [listRows, ...rest] = (await db.batch(reads as [BatchItem, ...BatchItem[]])) as unknown[][];
  const stateRows = rest.splice(0, 4) as Parameters<typeof captureStateOf>[1];
  const fieldRows = (fieldKeys.length ? rest.shift() : []) as ProfileFieldRow[];
  const noticeRows = noticeRead ? (rest.shift() as Notice[]) : undefined;
  const lists = checkedLists(input.listIds, listRows as ListRow[]);
  const consentLists = lists.filter((l) => l.lawfulBasis === 'consent');
  if (consentLists.length && !evidence) {
    throw new AppError(
      'consent_evidence_required',
      `List ${consentLists[0]!.id} is consent-based: send "evidence" with when consent was given (occurredAt) and the notice the person saw (a version or its exact text), plus IP, user agent and page where you have them.`,
    );
  }
  checkedProfileFields(fieldKeys, fieldRows);
  // Published (a text) or refused (an unknown version) only once the capture is accepted (not suppressed, no payment data).
  const notice = evidence ? () => resolveEvidenceNotice(db, keys, evidence.notice, noticeRows) : null;
  const result = await captureConsent(
    db,
    keys,
    {
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
    },
    {
      read: { ...address, state: await captureStateOf(keys, stateRows) },
      commitWith: (batch, capture) => appendAudit(db, keys, [audit(capture.created)], batch),
    },
  );
  return { ...result, lists };
}
