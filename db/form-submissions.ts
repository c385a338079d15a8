// A form submission as a consent event: the box must be ticked, only the form's own profile
// fields are kept, the form's lists and its current notice version are recorded as evidence.
// What a form answers depends on the form alone, never on who the address belongs to.

import type { TenantKeys } from '../shared/crypto/envelope';
import { AppError } from '../shared/errors';
import type { Geo } from '../shared/geo';
import type { FormSubmission } from '../shared/schemas/forms';
import { BuiltShapes, BuiltStatement, numbered, numberedValues, P } from './built-statements';
import type { BatchItem, Db } from './client';
import {
  type CaptureResult,
  type CaptureSettings,
  captureConsent,
  captureStateOf,
  captureStateReads,
  needsConfirmation,
} from './consent-capture';
import {
  type FormRow,
  type FormWithTenant,
  formWithTenantOf,
  formWithTenantReads,
  publishedFormNotice,
} from './forms';
import {
  checkedLists,
  checkedProfileFields,
  type ListRow,
  listsQuery,
  type ProfileFieldRow,
  profileFieldsQuery,
} from './lists';
import { currentNoticeQuery, type Notice } from './notices';
import { addressIndex } from './subscribers';

export type SubmissionContext = {
  occurredAt: Date;
  geo: Pick<Geo, 'country' | 'region' | 'isEU'>;
  ip: string | null;
  userAgent: string | null;
  pageUrl: string | null;
  settings: CaptureSettings;
  /** Settles once the post may be read and written (its rate limits, counted meanwhile); awaited before the read batch. */
  admitted?: Promise<void>;
};

/** The page a form was posted from, without query or fragment (they may carry personal data). */
export function cleanPageUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:'
      ? `${u.origin}${u.pathname}`.slice(0, 500)
      : null;
  } catch {
    return null;
  }
}

export type FormOutcome =
  | ({ accepted: true; lists: ListRow[]; notice: Notice } & CaptureResult)
  /** An erased address: nothing written, after the same work as a real sign-up. */
  | { accepted: false; lists: ListRow[] }
  /** The form or its tenant is no longer as the caller had it: nothing written; here is how it is now. */
  | { accepted: false; stale: true; current: FormWithTenant | undefined };

/**
 * The status a form answers with: `pending` when one of its lists asks for the double opt-in
 * click, `confirmed` otherwise. The same for a new address, a subscribed one and an erased one,
 * so that a website visitor learns nothing about anyone else's address.
 */
export function formAnswerStatus(lists: ListRow[]): 'pending' | 'confirmed' {
  return lists.some(needsConfirmation) ? 'pending' : 'confirmed';
}

/**
 * The read batch's statements, built once per isolate and shape (how many lists and profile
 * fields the form has): a post binds its values (the form, tenant, address and notice) into them.
 */
const formReads = new BuiltShapes((shape, db) => {
  const [lists, fields] = shape.split(':').map(Number) as [number, number];
  const listIds = numbered('list', lists);
  const fieldKeys = numbered('field', fields);
  const state = captureStateReads(db, P('tenantId'), P('index'), listIds);
  return [
    ...formWithTenantReads(db, P('formId')),
    profileFieldsQuery(db, P('tenantId'), fieldKeys),
    listsQuery(db, P('tenantId'), listIds),
    currentNoticeQuery(db, P('tenantId'), P('noticeKey'), P('language')),
    state.suppressed,
    state.subscriber,
    state.wrappedKey,
    state.subscriptions,
  ].map((query) => new BuiltStatement(query));
});

type ReadAnswers = [
  FormRow[],
  FormWithTenant['tenant'][],
  ProfileFieldRow[],
  ListRow[],
  Notice | undefined,
  ...Parameters<typeof captureStateOf>[1],
];

/**
 * A form post in one read batch (the form with its tenant, profile fields, lists, notice and the
 * address's state) and one write batch (see captureConsent); an erased address rehearses that
 * write and is not accepted. `known` is the form and tenant as the caller had them (an isolate's
 * copy): when the batch finds them changed, nothing is written and the outcome is `stale`.
 */
export async function acceptFormSubmission(
  db: Db,
  keys: TenantKeys,
  known: FormWithTenant,
  submission: FormSubmission,
  ctx: SubmissionContext,
): Promise<FormOutcome> {
  const { form } = known;
  if (!submission.consent)
    throw new AppError('consent_required', 'The consent box was not ticked, so nobody was subscribed.');
  const address = await addressIndex(keys, submission.email);
  const reads = formReads.get(`${form.listIds.length}:${form.fields.length}`, db);
  const values: Record<string, unknown> = {
    formId: form.id,
    tenantId: keys.tenantId,
    index: address.index,
    noticeKey: form.noticeKey,
    language: form.language,
  };
  numberedValues(values, 'list', form.listIds);
  numberedValues(values, 'field', form.fields);
  // A post the limits refuse reads nothing either: a flood costs the region's database nothing.
  await ctx.admitted;
  const [formRows, tenantRows, fieldRows, listRows, noticeRow, ...stateRows] = (await db.batch(
    reads.map((r) => r.bind(db, values)) as [BatchItem, ...BatchItem[]],
  )) as ReadAnswers;
  const current = formWithTenantOf(formRows, tenantRows);
  if (!current || !sameRows(current, known)) return { accepted: false, stale: true, current };
  const defined = checkedProfileFields(form.fields, fieldRows);
  const lists = checkedLists(form.listIds, listRows);
  const notice = publishedFormNotice(noticeRow);
  const profile: Record<string, string | number | boolean> = {};
  for (const f of defined) {
    const v = submission.fields?.[f.key];
    if (v !== undefined && v !== '') profile[f.key] = v;
  }
  try {
    const result = await captureConsent(
      db,
      keys,
      {
        email: submission.email,
        name: submission.name,
        language: form.language,
        profile,
        lists,
        occurredAt: ctx.occurredAt,
        geo: ctx.geo,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        notice,
        source: { type: 'form', id: form.id, url: cleanPageUrl(ctx.pageUrl) },
        homeRegionSource: 'form_geo',
        settings: ctx.settings,
      },
      {
        rehearseSuppressed: true,
        claimConfirmationMail: true,
        read: { ...address, state: await captureStateOf(keys, stateRows) },
      },
    );
    return { accepted: true, ...result, lists, notice };
  } catch (err) {
    if (err instanceof AppError && err.code === 'suppressed') return { accepted: false, lists };
    throw err;
  }
}

/** The JSON of a row of the caller's copy: made once per copy (its rows are never changed), not once per post. */
const copyJson = new WeakMap<object, string>();

function jsonOfCopy(row: object): string {
  let json = copyJson.get(row);
  if (json === undefined) {
    json = JSON.stringify(row);
    copyJson.set(row, json);
  }
  return json;
}

/** Whether the form and tenant rows read now are the ones the caller had (every column). */
function sameRows(now: FormWithTenant, known: FormWithTenant): boolean {
  return (
    JSON.stringify(now.form) === jsonOfCopy(known.form) &&
    JSON.stringify(now.tenant) === jsonOfCopy(known.tenant)
  );
}
