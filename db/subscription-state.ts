// The one definition of where a subscriber stands on a list, as SQL, shared by the compliance
// counters, their reconciliation and the sending work (lawful recipients): each subscription is
// in exactly one state of shared/reports/states.ts, and each person in the best state of their
// subscriptions. An open (identity-confirmed) erasure and a hard bounce outrank what a list says.

import { SUBSCRIPTION_STATES } from '../shared/reports/states';
import { OPEN_STATUSES } from '../shared/request-lifecycle';
import { CONSENT_VALID_SQL } from './consent-validity';

/** Erasure requests whose identity is confirmed and that are not resolved: the person is on their way out. */
const ERASURE_OPEN = OPEN_STATUSES.filter((s) => s !== 'awaiting_verification')
  .map((s) => `'${s}'`)
  .join(', ');

/**
 * What outranks the list, over `p` (subscribers): an open erasure (filed for the subscriber or
 * for their address), then a hard bounce; null otherwise. Each lookup names the person's own key
 * and keeps the tenant-wide columns out of the index choice (unary `+`): otherwise SQLite walks
 * every open erasure or subscription of the tenant once per person.
 */
const ERASURE_FOR = (match: string) => `exists (select 1 from privacy_requests pr
    where pr.tenant_id = p.tenant_id and ${match} and +pr.kind = 'erasure' and +pr.status in (${ERASURE_OPEN}))`;
const PERSON_OVERRIDE = `case
  when ${ERASURE_FOR('pr.subscriber_id = p.id')} or ${ERASURE_FOR('pr.subject_index = p.email_index')}
    then 'erasure_pending'
  when p.status = 'bounced' then 'bounced'
end`;

/** What the list says, over `s` (subscriptions) and `l` (its list). */
const LIST_STATE = `case
  when s.consent = 'refused' then 'refused'
  when s.consent = 'withdrawn' or s.status = 'unsubscribed' then 'withdrawn'
  when s.status = 'pending' then 'pending_confirmation'
  when l.lawful_basis <> 'consent' then 'other_basis'
  when ${CONSENT_VALID_SQL} then 'valid'
  else 'unknown'
end`;

/** The state of the subscription `s` on list `l` of subscriber `p`. */
export const SUBSCRIPTION_STATE_SQL = `coalesce(${PERSON_OVERRIDE}, ${LIST_STATE})`;

const rank = (expr: string) =>
  `case ${expr} ${SUBSCRIPTION_STATES.map((st, i) => `when '${st}' then ${i}`).join(' ')} end`;

/** The overall state of subscriber `p`: the best state of their subscriptions. */
export const PERSON_STATE_SQL = `coalesce(${PERSON_OVERRIDE}, case (
  select min(${rank(LIST_STATE)}) from subscriptions s join lists l on l.id = s.list_id
  where +s.tenant_id = p.tenant_id and s.subscriber_id = p.id)
  ${SUBSCRIPTION_STATES.map((st, i) => `when ${i} then '${st}'`).join(' ')} else 'no_list' end)`;
