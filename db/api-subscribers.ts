// Subscribers inserted by client systems (`POST /api/v1/subscribers`): consent-based lists need
// evidence, profile values must be of defined, non-special fields, and the insertion is one
// consent capture attributed to the API key (or the signed-in user) that sent it, its audit row
// in the capture's write batch.

import type { TenantKeys } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import type { SubscriberInput } from '../shared/schemas/subscribers';
import { type AuditEntry, appendAudit } from './audit-log';
import { BuiltShapes, BuiltStatement, numbered, numberedValues, P } from './built-statements';
import type { BatchItem, Db } from './client';
import {
  type CaptureResult,
  type CaptureSettings,
  captureConsent,
  captureStateOf,
  captureStateReads,
} from './consent-capture';
import { evidenceGeo, resolveEvidenceNotice } from './evidence';
import {
  checkedLists,
  checkedProfileFields,
  listsQuery,
  type ListRow,
  type ProfileFieldRow,
  profileFieldsQuery,
} from './lists';
import { type Notice, noticeVersionQuery } from './notices';
import { addressIndex } from './subscribers';

/**
 * The read batch's statements, built once per isolate and shape (how many lists and profile
 * fields, whether the evidence names a notice version): an insert binds its values into them.
 */
const apiReads = new BuiltShapes((shape, db) => {
  const [lists, fields, byVersion] = shape.split(':').map(Number) as [number, number, number];
  const listIds = numbered('list', lists);
  const state = captureStateReads(db, P('tenantId'), P('index'), listIds);
  const reads: { prepare(): unknown }[] = [
    listsQuery(db, P('tenantId'), listIds),
    state.suppressed,
    state.subscriber,
    state.wrappedKey,
    state.subscriptions,
  ];
  if (fields) reads.push(profileFieldsQuery(db, P('tenantId'), numbered('field', fields)));
  if (byVersion)
    reads.push(
      noticeVersionQuery(db, P('tenantId'), P('noticeKey'), P('noticeLanguage'), P('noticeVersion')),
    );
  return reads.map((query) => new BuiltStatement(query));
});

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
  const byVersion = evidence && 'version' in evidence.notice ? evidence.notice : null;
  const reads = apiReads.get(`${input.listIds.length}:${fieldKeys.length}:${byVersion ? 1 : 0}`, db);
  const values: Record<string, unknown> = { tenantId: keys.tenantId, index: address.index };
  numberedValues(values, 'list', input.listIds);
  numberedValues(values, 'field', fieldKeys);
  if (byVersion)
    Object.assign(values, {
      noticeKey: byVersion.key,
      noticeLanguage: byVersion.language,
      noticeVersion: byVersion.version,
    });
  const [listRows, ...rest] = (await db.batch(
    reads.map((r) => r.bind(db, values)) as [BatchItem, ...BatchItem[]],
  )) as unknown[][];
  const stateRows = rest.splice(0, 4) as Parameters<typeof captureStateOf>[1];
  const fieldRows = (fieldKeys.length ? rest.shift() : []) as ProfileFieldRow[];
  const noticeRows = byVersion ? (rest.shift() as Notice[]) : undefined;
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
