// The statements of one form sign-up (single opt-in, a new address), as the app sends them: the SQL
// of each statement copied from the form path's `toSQL()` (at 3727386), and each statement's values
// with the ids of one post made fresh. bench/baseline/floor-worker.ts runs them as two D1 batches.

/** What differs between two posts: the new person's ids, the address's blind index, the clock. */
export type PostValues = {
  sub: string;
  index: string;
  consentEvent: string;
  created: string;
  recorded: string;
  now: number;
};
type Statement = { sql: string; args: (v: PostValues) => unknown[] };

/** The fixture the reads find (bench/baseline/floor-worker.ts seeds it). */
export const TENANT = 'ten_eu_5yaqr50gxj257r3ng9yw';
export const FORM = 'frm_e_e0amp0vsvw1r4nd7ng4d';
export const LIST = 'lst_cm7tf9b0ms651z82m0a4';
export const NOTICE = 'ntc_821mmffqzw4t50hes0p6';
export const NOTICE_KEY = `form-${FORM}`;

/** The read batch: the form, its tenant, profile fields, lists, notice and the address's state. */
export const READS: Statement[] = [
  {
    sql: 'select "id", "tenant_id", "name", "list_ids", "fields", "notice_key", "language", "thank_you_url", "error_url", "allowed_origins", "created_at" from "forms" where "forms"."id" = ? limit ?',
    args: () => [FORM, 1],
  },
  {
    sql: 'select "id", "slug", "name", "region", "wrapped_key", "settings", "privacy_address", "created_at" from "tenants" where "tenants"."id" in (select "tenant_id" from "forms" where "forms"."id" = ?) limit ?',
    args: () => [FORM, 1],
  },
  {
    sql: 'select "id", "tenant_id", "key", "label", "description", "type", "created_at" from "profile_fields" where ("profile_fields"."tenant_id" = ? and false)',
    args: () => [TENANT],
  },
  {
    sql: 'select "id", "tenant_id", "name", "purpose", "lawful_basis", "double_opt_in", "notice_key", "retention_days", "created_at" from "lists" where ("lists"."tenant_id" = ? and "lists"."id" in (?))',
    args: () => [TENANT, LIST],
  },
  {
    sql: 'select "id", "tenant_id", "key", "language", "version", "text", "text_hash", "created_at" from "consent_notices" "consentNotices" where ("consentNotices"."tenant_id" = ? and "consentNotices"."key" = ? and "consentNotices"."language" = ?) order by "consentNotices"."version" desc limit ?',
    args: () => [TENANT, NOTICE_KEY, 'en', 1],
  },
  {
    sql: 'select "email_index" from "suppressions" where ("suppressions"."tenant_id" = ? and "suppressions"."email_index" = ?) limit ?',
    args: (v) => [TENANT, v.index, 1],
  },
  {
    sql: 'select "id", "tenant_id", "email_index", "email_ct", "name_ct", "profile_ct", "pseudonym", "home_region", "home_region_source", "home_country", "profile_audience", "status", "language", "consent_seq", "consent_head", "created_at", "updated_at" from "subscribers" where ("subscribers"."tenant_id" = ? and "subscribers"."email_index" = ?) limit ?',
    args: (v) => [TENANT, v.index, 1],
  },
  {
    sql: 'select "wrapped_key" from "subscriber_keys" where ("subscriber_keys"."tenant_id" = ? and "subscriber_keys"."subscriber_id" in (select "id" from "subscribers" where ("subscribers"."tenant_id" = ? and "subscribers"."email_index" = ?))) limit ?',
    args: (v) => [TENANT, TENANT, v.index, 1],
  },
  {
    sql: 'select "tenant_id", "subscriber_id", "list_id", "status", "consent", "consent_event_id", "confirmation_mailed_at", "created_at", "updated_at" from "subscriptions" where ("subscriptions"."tenant_id" = ? and "subscriptions"."subscriber_id" in (select "id" from "subscribers" where ("subscribers"."tenant_id" = ? and "subscribers"."email_index" = ?)) and "subscriptions"."list_id" in (?))',
    args: (v) => [TENANT, TENANT, v.index, LIST],
  },
];

/** The write batch of a new person: counters around it, key, subscriber, subscription, event, chain
 * head, outbox events and their settlement. */
export const WRITES: Statement[] = [
  {
    sql: "insert into \"report_counters\" (\"tenant_id\", \"list_id\", \"region\", \"state\", \"n\") select tenant_id, list_id, region, state, sum(n) from (\n      select s.tenant_id as tenant_id, s.list_id as list_id, p.home_region as region,\n        coalesce(case\n  when exists (select 1 from privacy_requests pr\n    where pr.tenant_id = p.tenant_id and pr.subscriber_id = p.id and +pr.kind = 'erasure' and +pr.status in ('open', 'paused', 'executing')) or exists (select 1 from privacy_requests pr\n    where pr.tenant_id = p.tenant_id and pr.subject_index = p.email_index and +pr.kind = 'erasure' and +pr.status in ('open', 'paused', 'executing'))\n    then 'erasure_pending'\n  when p.status = 'bounced' then 'bounced'\nend, case\n  when s.consent = 'refused' then 'refused'\n  when s.consent = 'withdrawn' or s.status = 'unsubscribed' then 'withdrawn'\n  when s.status = 'pending' then 'pending_confirmation'\n  when l.lawful_basis <> 'consent' then 'other_basis'\n  when (s.status = 'confirmed' and s.consent = 'given') then 'valid'\n  else 'unknown'\nend) as state, ? as n\n      from subscribers p\n        join subscriptions s on s.subscriber_id = p.id and +s.tenant_id = p.tenant_id\n        join lists l on l.id = s.list_id\n      where p.tenant_id = ? and p.id in (select value from json_each(?))\n      union all\n      select p.tenant_id, '', p.home_region, coalesce(case\n  when exists (select 1 from privacy_requests pr\n    where pr.tenant_id = p.tenant_id and pr.subscriber_id = p.id and +pr.kind = 'erasure' and +pr.status in ('open', 'paused', 'executing')) or exists (select 1 from privacy_requests pr\n    where pr.tenant_id = p.tenant_id and pr.subject_index = p.email_index and +pr.kind = 'erasure' and +pr.status in ('open', 'paused', 'executing'))\n    then 'erasure_pending'\n  when p.status = 'bounced' then 'bounced'\nend, case (\n  select min(case case\n  when s.consent = 'refused' then 'refused'\n  when s.consent = 'withdrawn' or s.status = 'unsubscribed' then 'withdrawn'\n  when s.status = 'pending' then 'pending_confirmation'\n  when l.lawful_basis <> 'consent' then 'other_basis'\n  when (s.status = 'confirmed' and s.consent = 'given') then 'valid'\n  else 'unknown'\nend when 'valid' then 0 when 'other_basis' then 1 when 'unknown' then 2 when 'pending_confirmation' then 3 when 'withdrawn' then 4 when 'refused' then 5 when 'bounced' then 6 when 'erasure_pending' then 7 end) from subscriptions s join lists l on l.id = s.list_id\n  where +s.tenant_id = p.tenant_id and s.subscriber_id = p.id)\n  when 0 then 'valid' when 1 then 'other_basis' when 2 then 'unknown' when 3 then 'pending_confirmation' when 4 then 'withdrawn' when 5 then 'refused' when 6 then 'bounced' when 7 then 'erasure_pending' else 'no_list' end), ? from subscribers p where p.tenant_id = ? and p.id in (select value from json_each(?))\n      union all\n      select p.tenant_id, '', p.home_region, 'status:' || p.status, ? from subscribers p where p.tenant_id = ? and p.id in (select value from json_each(?))\n    ) where true group by tenant_id, list_id, region, state on conflict (\"report_counters\".\"tenant_id\", \"report_counters\".\"list_id\", \"report_counters\".\"region\", \"report_counters\".\"state\") do update set \"n\" = case when abs(\"report_counters\".\"n\") > 4000000000000000000 then excluded.n else \"report_counters\".\"n\" + excluded.n end",
    args: (v) => [-1, TENANT, `["${v.sub}"]`, -1, TENANT, `["${v.sub}"]`, -1, TENANT, `["${v.sub}"]`],
  },
  {
    sql: 'insert into "subscriber_keys" ("subscriber_id", "tenant_id", "wrapped_key", "created_at") values (?, ?, ?, (unixepoch(\'subsec\') * 1000))',
    args: (v) => [
      v.sub,
      TENANT,
      'd1.QlV2v/LEUaFm3uIw/y0FECtRUumKyBHq0TlVlxIGUJrC6wvUKiA5LKenj1vZG7p5+vXNVgL1aYt2RPIw',
    ],
  },
  {
    sql: 'insert into "subscribers" ("id", "tenant_id", "email_index", "email_ct", "name_ct", "profile_ct", "pseudonym", "home_region", "home_region_source", "home_country", "profile_audience", "status", "language", "consent_seq", "consent_head", "created_at", "updated_at") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    args: (v) => [
      v.sub,
      TENANT,
      v.index,
      'f1.3R+Pucc/6SQMnoOJKYRBAQeqkIurvGwNx0WJs4vWPHenose+Zorhxd1pMgtci1g=',
      null,
      null,
      'anon-rk8pevzf',
      'eu',
      'form_geo',
      'DE',
      null,
      'pending',
      'en',
      0,
      null,
      v.now,
      v.now,
    ],
  },
  {
    sql: 'insert into "subscriptions" ("tenant_id", "subscriber_id", "list_id", "status", "consent", "consent_event_id", "confirmation_mailed_at", "created_at", "updated_at") values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict ("subscriptions"."subscriber_id", "subscriptions"."list_id") do update set "status" = ?, "consent" = ?, "consent_event_id" = ?, "updated_at" = ?',
    args: (v) => [
      TENANT,
      v.sub,
      LIST,
      'confirmed',
      'given',
      v.consentEvent,
      null,
      v.now,
      v.now,
      'confirmed',
      'given',
      v.consentEvent,
      v.now,
    ],
  },
  {
    sql: 'insert into "consent_events" ("id", "tenant_id", "subscriber_id", "seq", "list_id", "kind", "occurred_at", "country", "geo_region", "is_eu", "ip_ct", "user_agent_ct", "notice_id", "notice_version", "notice_hash", "language", "source_type", "source_id", "source_url", "prev_hash", "hash", "created_at") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    args: (v) => [
      v.consentEvent,
      TENANT,
      v.sub,
      1,
      LIST,
      'opt_in',
      v.now,
      'DE',
      'Bavaria',
      1,
      'f1.hfGXDFS8niN1zrGTp6cnFkOwakkBaSni6k51wy2SxQfjJT6t/15M',
      'f1.pXLr5QJJl96OWxDlCepHLl6q0L+DNGcrz0YYQsjx/rLH8EQcL8SLOYOPrjiwvKB753nU',
      NOTICE,
      1,
      '3a4c9a478a6bae77262b35902e06896fa189e88aa3d465954383bcc189ecb054',
      'en',
      'form',
      FORM,
      'https://shop.example.com/blog/post',
      null,
      'f4f1665b2eae7c27fdfe0946a9d211ebb4e7a3175890fae831f6270b678c788b',
      v.now,
    ],
  },
  {
    sql: 'update "subscribers" set "consent_seq" = ?, "consent_head" = ?, "updated_at" = ? where ("subscribers"."tenant_id" = ? and "subscribers"."id" = ?)',
    args: (v) => [
      1,
      'f4f1665b2eae7c27fdfe0946a9d211ebb4e7a3175890fae831f6270b678c788b',
      v.now,
      TENANT,
      v.sub,
    ],
  },
  {
    sql: 'insert into "report_counters" ("tenant_id", "list_id", "region", "state", "n") select ?, \'\', ?, ? || key, value from json_each(?)\n      where value <> 0 on conflict ("report_counters"."tenant_id", "report_counters"."list_id", "report_counters"."region", "report_counters"."state") do update set "n" = case when abs("report_counters"."n") > 4000000000000000000 then excluded.n else "report_counters"."n" + excluded.n end',
    args: () => [TENANT, '', 'events:', '{"opt_in":1}'],
  },
  {
    sql: 'update "subscribers" set "status" = ? where ("subscribers"."tenant_id" = ? and "subscribers"."id" = ?)',
    args: (v) => ['active', TENANT, v.sub],
  },
  {
    sql: 'insert into "outbox_events" ("id", "tenant_id", "type", "subject_type", "subject_id", "payload", "occurred_at", "dispatched_at", "received_at", "seq") values (?, ?, ?, ?, ?, ?, ?, null, null, (select coalesce(max(seq), 0) + 1 from outbox_events where tenant_id = ? and subject_type = ? and subject_id = ?))',
    args: (v) => [
      v.created,
      TENANT,
      'subscriber.created',
      'subscriber',
      v.sub,
      `{"subscriberId":"${v.sub}","source":"form"}`,
      v.now,
      TENANT,
      'subscriber',
      v.sub,
    ],
  },
  {
    sql: 'insert into "outbox_events" ("id", "tenant_id", "type", "subject_type", "subject_id", "payload", "occurred_at", "dispatched_at", "received_at", "seq") values (?, ?, ?, ?, ?, ?, ?, null, null, (select coalesce(max(seq), 0) + 1 from outbox_events where tenant_id = ? and subject_type = ? and subject_id = ?))',
    args: (v) => [
      v.recorded,
      TENANT,
      'consent.recorded',
      'subscriber',
      v.sub,
      `{"subscriberId":"${v.sub}","eventIds":["${v.consentEvent}"],"listIds":[LIST],"kinds":["opt_in"],"source":"form","awaitingConfirmation":[]}`,
      v.now,
      TENANT,
      'subscriber',
      v.sub,
    ],
  },
  {
    sql: 'update "outbox_events" set "dispatched_at" = case when not exists (select 1 from "webhook_endpoints", json_each("webhook_endpoints"."event_types") as f\n      where ("webhook_endpoints"."tenant_id" = "outbox_events"."tenant_id" and "webhook_endpoints"."active" = ? and "webhook_endpoints"."created_at" <= "outbox_events"."occurred_at")\n        and f.value in (select value from json_each(?))) then ? end, "received_at" = case when not exists (select 1 from "webhook_endpoints", json_each("webhook_endpoints"."event_types") as f\n      where ("webhook_endpoints"."tenant_id" = "outbox_events"."tenant_id" and "webhook_endpoints"."active" = ? and "webhook_endpoints"."created_at" <= "outbox_events"."occurred_at")\n        and f.value in (select value from json_each(?))) then ? end where ("outbox_events"."id" in (select value from json_each(?)) and "outbox_events"."dispatched_at" is null) returning "id", "dispatched_at"',
    args: (v) => [
      1,
      '["*","subscriber.created","subscriber.*"]',
      v.now,
      1,
      '["*","subscriber.created","subscriber.*"]',
      v.now,
      `["${v.created}"]`,
    ],
  },
  {
    sql: 'update "outbox_events" set "dispatched_at" = case when not exists (select 1 from "webhook_endpoints", json_each("webhook_endpoints"."event_types") as f\n      where ("webhook_endpoints"."tenant_id" = "outbox_events"."tenant_id" and "webhook_endpoints"."active" = ? and "webhook_endpoints"."created_at" <= "outbox_events"."occurred_at")\n        and f.value in (select value from json_each(?))) then ? end, "received_at" = case when not exists (select 1 from "webhook_endpoints", json_each("webhook_endpoints"."event_types") as f\n      where ("webhook_endpoints"."tenant_id" = "outbox_events"."tenant_id" and "webhook_endpoints"."active" = ? and "webhook_endpoints"."created_at" <= "outbox_events"."occurred_at")\n        and f.value in (select value from json_each(?))) then ? end where ("outbox_events"."id" in (select value from json_each(?)) and "outbox_events"."dispatched_at" is null) returning "id", "dispatched_at"',
    args: (v) => [
      1,
      '["*","consent.recorded","consent.*"]',
      v.now,
      1,
      '["*","consent.recorded","consent.*"]',
      v.now,
      `["${v.recorded}"]`,
    ],
  },
  {
    sql: "insert into \"report_counters\" (\"tenant_id\", \"list_id\", \"region\", \"state\", \"n\") select tenant_id, list_id, region, state, sum(n) from (\n      select s.tenant_id as tenant_id, s.list_id as list_id, p.home_region as region,\n        coalesce(case\n  when exists (select 1 from privacy_requests pr\n    where pr.tenant_id = p.tenant_id and pr.subscriber_id = p.id and +pr.kind = 'erasure' and +pr.status in ('open', 'paused', 'executing')) or exists (select 1 from privacy_requests pr\n    where pr.tenant_id = p.tenant_id and pr.subject_index = p.email_index and +pr.kind = 'erasure' and +pr.status in ('open', 'paused', 'executing'))\n    then 'erasure_pending'\n  when p.status = 'bounced' then 'bounced'\nend, case\n  when s.consent = 'refused' then 'refused'\n  when s.consent = 'withdrawn' or s.status = 'unsubscribed' then 'withdrawn'\n  when s.status = 'pending' then 'pending_confirmation'\n  when l.lawful_basis <> 'consent' then 'other_basis'\n  when (s.status = 'confirmed' and s.consent = 'given') then 'valid'\n  else 'unknown'\nend) as state, ? as n\n      from subscribers p\n        join subscriptions s on s.subscriber_id = p.id and +s.tenant_id = p.tenant_id\n        join lists l on l.id = s.list_id\n      where p.tenant_id = ? and p.id in (select value from json_each(?))\n      union all\n      select p.tenant_id, '', p.home_region, coalesce(case\n  when exists (select 1 from privacy_requests pr\n    where pr.tenant_id = p.tenant_id and pr.subscriber_id = p.id and +pr.kind = 'erasure' and +pr.status in ('open', 'paused', 'executing')) or exists (select 1 from privacy_requests pr\n    where pr.tenant_id = p.tenant_id and pr.subject_index = p.email_index and +pr.kind = 'erasure' and +pr.status in ('open', 'paused', 'executing'))\n    then 'erasure_pending'\n  when p.status = 'bounced' then 'bounced'\nend, case (\n  select min(case case\n  when s.consent = 'refused' then 'refused'\n  when s.consent = 'withdrawn' or s.status = 'unsubscribed' then 'withdrawn'\n  when s.status = 'pending' then 'pending_confirmation'\n  when l.lawful_basis <> 'consent' then 'other_basis'\n  when (s.status = 'confirmed' and s.consent = 'given') then 'valid'\n  else 'unknown'\nend when 'valid' then 0 when 'other_basis' then 1 when 'unknown' then 2 when 'pending_confirmation' then 3 when 'withdrawn' then 4 when 'refused' then 5 when 'bounced' then 6 when 'erasure_pending' then 7 end) from subscriptions s join lists l on l.id = s.list_id\n  where +s.tenant_id = p.tenant_id and s.subscriber_id = p.id)\n  when 0 then 'valid' when 1 then 'other_basis' when 2 then 'unknown' when 3 then 'pending_confirmation' when 4 then 'withdrawn' when 5 then 'refused' when 6 then 'bounced' when 7 then 'erasure_pending' else 'no_list' end), ? from subscribers p where p.tenant_id = ? and p.id in (select value from json_each(?))\n      union all\n      select p.tenant_id, '', p.home_region, 'status:' || p.status, ? from subscribers p where p.tenant_id = ? and p.id in (select value from json_each(?))\n    ) where true group by tenant_id, list_id, region, state on conflict (\"report_counters\".\"tenant_id\", \"report_counters\".\"list_id\", \"report_counters\".\"region\", \"report_counters\".\"state\") do update set \"n\" = case when abs(\"report_counters\".\"n\") > 4000000000000000000 then excluded.n else \"report_counters\".\"n\" + excluded.n end",
    args: (v) => [1, TENANT, `["${v.sub}"]`, 1, TENANT, `["${v.sub}"]`, 1, TENANT, `["${v.sub}"]`],
  },
];
