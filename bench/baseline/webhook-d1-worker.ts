// The D1 floor of the prescribed webhook design (bench/hook-floor.ts): the queue floor plus the
// fewest D1 round trips issue 12 asks of a delivery, each with statements shaped as the app's
// (key and tenant read; delivery and audit row written together; the consumer's guarded claim and
// one settlement per batch). Raw `env.DB.prepare` only: no drizzle, hashing, signing or validation.

type Delivery = { url: string; body: string; tenantId: string; id: string; round: number };
type Env = { DB: D1Database; DELIVERIES: Queue<Delivery> };

const TENANT = 'ten_bench';
const ENDPOINT = 'whe_bench';
const KEY_HASH = 'bench-key-hash';

const SCHEMA = [
  `create table if not exists tenants (id text primary key, slug text not null unique, name text not null,
    region text not null, wrapped_key text not null, settings text not null, privacy_address text,
    created_at integer not null)`,
  `create table if not exists api_keys (id text primary key, tenant_id text not null, name text not null,
    key_hash text not null unique, scopes text not null, last_used_at integer, revoked_at integer,
    created_at integer not null)`,
  `create table if not exists webhook_endpoints (id text primary key, tenant_id text not null,
    active integer not null)`,
  `create table if not exists webhook_deliveries (id text primary key, tenant_id text not null,
    endpoint_id text not null, event_id text not null, status text not null, attempts integer not null,
    round integer not null, last_status_code integer, last_error text, next_attempt_at integer,
    claimed_until integer, delivered_at integer, created_at integer not null)`,
  'create unique index if not exists webhook_deliveries_endpoint_event on webhook_deliveries (endpoint_id, event_id)',
  `create table if not exists webhook_attempts (id text primary key, tenant_id text not null,
    delivery_id text not null, round integer not null, attempt integer not null, at integer not null,
    duration_ms integer not null, status_code integer, outcome text not null, error_code text, error text)`,
  `create table if not exists audit_log (id text primary key, tenant_id text not null, seq integer not null,
    actor_type text not null, actor_id text not null, action text not null, target_type text, target_id text,
    subject_id text, details text not null, at integer not null, country text, ip_ct text, salt text,
    commitment text, redacted_by text, prev_hash text, hash text)`,
  `insert or ignore into tenants values ('${TENANT}', 'bench', 'Bench', 'eu', 'wrapped', '{}', null, 0)`,
  `insert or ignore into api_keys values ('key_bench', '${TENANT}', 'bench', '${KEY_HASH}', '["webhooks"]', null, null, 0)`,
  `insert or ignore into webhook_endpoints values ('${ENDPOINT}', '${TENANT}', 1)`,
];

const KEY_READ = `select "id", "tenant_id", "name", "key_hash", "scopes", "last_used_at", "revoked_at", "created_at"
  from "api_keys" where ("api_keys"."key_hash" = ? and "api_keys"."revoked_at" is null) limit ?`;
const TENANT_READ = `select "id", "slug", "name", "region", "wrapped_key", "settings", "privacy_address", "created_at"
  from "tenants" where "tenants"."id" in (select "tenant_id" from "api_keys"
  where ("api_keys"."key_hash" = ? and "api_keys"."revoked_at" is null)) limit ?`;
const DELIVERY_INSERT = `insert into "webhook_deliveries" ("id", "tenant_id", "endpoint_id", "event_id", "status",
  "attempts", "round", "last_status_code", "last_error", "next_attempt_at", "claimed_until", "delivered_at",
  "created_at") values (?, ?, ((select "id" from "webhook_endpoints" where ("webhook_endpoints"."tenant_id" = ?
  and "webhook_endpoints"."id" = ? and "webhook_endpoints"."active" = ?))), ?, ?, ?, ?, null, null, ?, null, null, ?)`;
const AUDIT_INSERT = `insert into "audit_log" ("id", "tenant_id", "seq", "actor_type", "actor_id", "action",
  "target_type", "target_id", "subject_id", "details", "at", "country", "ip_ct", "salt", "commitment",
  "redacted_by", "prev_hash", "hash") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?)`;
const CLAIM = `update "webhook_deliveries" set "attempts" = "webhook_deliveries"."attempts" + 1, "claimed_until" = ?
  where ("webhook_deliveries"."id" in (select value from json_each(?))
  and ("webhook_deliveries"."tenant_id", "webhook_deliveries"."id", "webhook_deliveries"."round") in
    (select value ->> 0, value ->> 1, value ->> 2 from json_each(?))
  and "webhook_deliveries"."status" in (?, ?)
  and ("webhook_deliveries"."claimed_until" is null or "webhook_deliveries"."claimed_until" <= ?)
  and ("webhook_deliveries"."next_attempt_at" is null or "webhook_deliveries"."next_attempt_at" <= ?)
  and exists (select 1 from "webhook_endpoints" where ("webhook_endpoints"."id" = "webhook_deliveries"."endpoint_id"
    and "webhook_endpoints"."active" = ?))) returning "id", "round", "attempts"`;
const ATTEMPT_INSERT = `insert into "webhook_attempts" ("id", "tenant_id", "delivery_id", "round", "attempt", "at",
  "duration_ms", "status_code", "outcome", "error_code", "error") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const DELIVERY_SETTLE = `update "webhook_deliveries" set "status" = ?, "last_status_code" = ?, "last_error" = ?,
  "next_attempt_at" = ?, "claimed_until" = null, "delivered_at" = ? where ("webhook_deliveries"."tenant_id" = ?
  and "webhook_deliveries"."id" = ? and "webhook_deliveries"."round" = ?)`;

/** D1 round trips and settled deliveries since the Worker started, for `GET /counts`. */
const counts = { d1RoundTrips: 0, delivered: 0 };
let ready: Promise<unknown> | null = null;
let seq = 0;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method !== 'POST') {
      // The launcher's readiness probe is a GET of `/`; the bench reads the counts.
      return new URL(request.url).pathname === '/counts'
        ? Response.json(counts)
        : new Response(null, { status: 204 });
    }
    ready ??= env.DB.batch(SCHEMA.map((s) => env.DB.prepare(s)));
    await ready;
    const { url, body } = (await request.json()) as Pick<Delivery, 'url' | 'body'>;
    counts.d1RoundTrips++;
    const [keys, tenants] = await env.DB.batch<{ id: string; tenant_id: string }>([
      env.DB.prepare(KEY_READ).bind(KEY_HASH, 1),
      env.DB.prepare(TENANT_READ).bind(KEY_HASH, 1),
    ]);
    const key = keys?.results[0];
    const tenantId = tenants?.results[0]?.id;
    if (!key || !tenantId) return new Response(null, { status: 401 });
    const now = Date.now();
    const id = `whd_${crypto.randomUUID()}`;
    const eventId = `evt_${crypto.randomUUID()}`;
    counts.d1RoundTrips++;
    await env.DB.batch([
      env.DB.prepare(DELIVERY_INSERT).bind(
        id,
        tenantId,
        tenantId,
        ENDPOINT,
        1,
        eventId,
        'pending',
        0,
        1,
        now,
        now,
      ),
      env.DB.prepare(AUDIT_INSERT).bind(
        `aud_${crypto.randomUUID()}`,
        tenantId,
        ++seq,
        'api_key',
        key.id,
        'webhook_endpoint.test_sent',
        'webhook_endpoint',
        ENDPOINT,
        null,
        JSON.stringify({ eventId, deliveryId: id }),
        now,
        null,
        null,
        null,
        null,
        'prev',
        'hash',
      ),
    ]);
    await env.DELIVERIES.send({ url, body, tenantId, id, round: 1 });
    return Response.json({ eventId, deliveryId: id }, { status: 202 });
  },

  async queue(batch: MessageBatch<Delivery>, env: Env): Promise<void> {
    const refs = batch.messages.map((m) => m.body);
    const now = Date.now();
    counts.d1RoundTrips++;
    const { results: claimed } = await env.DB.prepare(CLAIM)
      .bind(
        now + 60_000,
        JSON.stringify(refs.map((r) => r.id)),
        JSON.stringify(refs.map((r) => [r.tenantId, r.id, r.round])),
        'pending',
        'retrying',
        now,
        now + 1_000,
        1,
      )
      .all<{ id: string; round: number; attempts: number }>();
    const attempts = new Map(claimed.map((c) => [c.id, c.attempts]));
    const settle: D1PreparedStatement[] = [];
    const answers: (() => void)[] = [];
    await Promise.all(
      batch.messages.map(async (message) => {
        const { url, body, tenantId, id, round } = message.body;
        const attempt = attempts.get(id);
        // Not claimed: delivered already, or another consumer holds it.
        if (attempt === undefined) return message.ack();
        const at = Date.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'webhook-id': id },
          body,
        });
        await res.arrayBuffer();
        const status = res.ok ? 'delivered' : 'retrying';
        settle.push(
          env.DB.prepare(ATTEMPT_INSERT).bind(
            `wha_${crypto.randomUUID()}`,
            tenantId,
            id,
            round,
            attempt,
            at,
            Date.now() - at,
            res.status,
            res.ok ? 'delivered' : 'failed',
            res.ok ? null : 'http_status',
            null,
          ),
          env.DB.prepare(DELIVERY_SETTLE).bind(
            status,
            res.status,
            res.ok ? null : 'http_status',
            res.ok ? null : Date.now() + 30_000,
            res.ok ? Date.now() : null,
            tenantId,
            id,
            round,
          ),
        );
        answers.push(res.ok ? () => message.ack() : () => message.retry({ delaySeconds: 30 }));
      }),
    );
    if (settle.length > 0) {
      counts.d1RoundTrips++;
      await env.DB.batch(settle);
    }
    counts.delivered += attempts.size;
    for (const answer of answers) answer();
  },
};
