// ErasureClock: a SQLite-backed Durable Object per tenant holding the due times of its open
// erasure requests in an ordered table, with one alarm at the earliest. An alarm executes at
// most ALARM_CHUNK due erasures together (db/erasure.ts `executeErasures`) and re-arms after a
// rest for the rest, so 100,000 due requests become a steady stream instead of a stampede on D1.
// D1 stays the authority: each chunk re-reads its requests there, so a repeated or late alarm
// never erases twice.

import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import { isLocalRuntime } from '../../db/regions';
import { describeError, log } from '../../shared/log';
import { parseTenantId } from '../../shared/regions';
import type { ErasureResult } from '../../db/erasure';
import type { OutboxRef } from '../../db/outbox';
import { dispatchEvents } from '../outbox/dispatch';
import type { Bindings } from '../env';
import { runDueErasures } from '../privacy/erasure';

/**
 * Erasures per alarm invocation, executed together: bounded work per wake-up, bounded load on
 * D1. A chunk's statements are one per kind whatever its size (49 D1 queries, plus 4 for each
 * other open request of its people that the erasure closes; see docs/privacy-requests.md), which leaves a failed chunk room to run a dozen of its requests
 * alone within D1's 1,000 queries per invocation.
 */
export const ALARM_CHUNK = 100;
/**
 * While more is due, the clock rests between chunks a quarter of the time the last chunk took,
 * and at least MIN_REST_MS: it holds the tenant's D1 database at most four fifths of the time
 * however slow D1 is at that moment, so the tenant's sign-ups, clicks and API calls get through.
 */
export const MIN_REST_MS = 50;
const REST_SHARE = 0.25;

/** The rest after a chunk that took `chunkMs`. */
export const restAfter = (chunkMs: number): number => Math.max(MIN_REST_MS, Math.ceil(chunkMs * REST_SHARE));
const MAX_BACKOFF_MS = 3_600_000;

const Schedule = z.object({
  tenantId: z.string().min(1),
  requestId: z.string().min(1),
  dueAt: z.number().int().nonnegative(),
});
const ScheduleMany = z.object({
  tenantId: z.string().min(1),
  items: z
    .array(z.object({ requestId: z.string().min(1), dueAt: z.number().int().nonnegative() }))
    .max(10_000),
});
const Cancel = z.object({ requestId: z.string().min(1) });

type DueRow = { request_id: string; due_at: number; attempts: number };

export class ErasureClock extends DurableObject<Bindings> {
  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec(
        'create table if not exists due (request_id text primary key, due_at integer not null, attempts integer not null default 0)',
      );
      ctx.storage.sql.exec('create index if not exists due_by_time on due (due_at)');
      ctx.storage.sql.exec('create table if not exists meta (key text primary key, value text not null)');
    });
  }

  /**
   * Records (or moves) the due time of one request and arms the alarm at the earliest. A moved
   * entry keeps its count of failed attempts, so its next backoff stays where it was.
   */
  async schedule(input: z.input<typeof Schedule>): Promise<void> {
    const { tenantId, requestId, dueAt } = Schedule.parse(input);
    this.remember(tenantId);
    this.upsert(requestId, dueAt);
    await this.arm();
  }

  /**
   * Adds the entries the clock does not hold (the reconcile sweep): an entry it holds, maybe
   * waiting out the backoff of a failed execution, is left as it is. Returns how many were added.
   */
  async scheduleMissing(input: z.input<typeof ScheduleMany>): Promise<number> {
    const { tenantId, items } = ScheduleMany.parse(input);
    this.remember(tenantId);
    const before = this.size();
    for (const item of items) {
      this.ctx.storage.sql.exec(
        'insert into due (request_id, due_at) values (?, ?) on conflict (request_id) do nothing',
        item.requestId,
        item.dueAt,
      );
    }
    await this.arm();
    return this.size() - before;
  }

  async cancel(input: z.input<typeof Cancel>): Promise<void> {
    this.ctx.storage.sql.exec('delete from due where request_id = ?', Cancel.parse(input).requestId);
    await this.arm();
  }

  async pending(): Promise<{ requestId: string; dueAt: number; attempts: number }[]> {
    return this.ctx.storage.sql
      .exec<DueRow>('select request_id, due_at, attempts from due order by due_at, request_id')
      .toArray()
      .map((r) => ({ requestId: r.request_id, dueAt: r.due_at, attempts: r.attempts }));
  }

  override async alarm(): Promise<void> {
    await this.runDue(Date.now(), ALARM_CHUNK);
  }

  /**
   * Benchmarks only (RUNTIME=local): runs the chunks due at `asOf` one after another as the
   * re-armed alarms would (the same `runDue`, the same rest between chunks), for at most
   * `budgetMs`; reports what ran, how long, how much of it was rest, and what is left.
   */
  async drain(input: { asOf: number; budgetMs: number }): Promise<{
    executed: number;
    skipped: number;
    ms: number;
    restedMs: number;
    chunks: number;
    remaining: number;
  }> {
    if (!isLocalRuntime(this.env)) throw new Error('drain is available in a local runtime only');
    const { asOf, budgetMs } = z
      .object({ asOf: z.number().int(), budgetMs: z.number().int().positive() })
      .parse(input);
    const started = Date.now();
    let executed = 0;
    let skipped = 0;
    let restedMs = 0;
    let chunks = 0;
    for (;;) {
      const r = await this.runDue(asOf, ALARM_CHUNK);
      executed += r.executed;
      skipped += r.skipped;
      if (r.handled > 0) chunks++;
      if (r.rest === undefined) break;
      // The rest the re-armed alarm waits before the next chunk.
      const resting = Date.now();
      await new Promise((resolve) => setTimeout(resolve, r.rest));
      restedMs += Date.now() - resting;
      if (Date.now() - started >= budgetMs) break;
    }
    const remaining = this.ctx.storage.sql
      .exec<{ n: number }>('select count(*) as n from due where due_at <= ?', asOf)
      .one().n;
    return { executed, skipped, ms: Date.now() - started, restedMs, chunks, remaining };
  }

  /**
   * Executes up to `limit` entries due at `now` and re-arms: after a rest (`restAfter`) when more
   * are due at `now`, else at the earliest due time. `rest` is that rest, or undefined.
   */
  private async runDue(
    now: number,
    limit: number,
  ): Promise<{ handled: number; executed: number; skipped: number; rest: number | undefined }> {
    const started = Date.now();
    const tenantId = this.tenantId();
    const due = this.ctx.storage.sql
      .exec<DueRow>(
        'select request_id, due_at, attempts from due where due_at <= ? order by due_at limit ?',
        now,
        limit,
      )
      .toArray();
    let executed = 0;
    let skipped = 0;
    const events: OutboxRef[] = [];
    if (tenantId && due.length) {
      let results: Map<string, ErasureResult>;
      try {
        results = await runDueErasures(
          this.env,
          tenantId,
          due.map((r) => r.request_id),
          new Date(now),
          events,
        );
      } catch (error) {
        results = new Map(due.map((r) => [r.request_id, { status: 'failed', error }]));
      }
      for (const row of due) {
        const outcome = results.get(row.request_id) ?? { status: 'skipped', reason: 'not_found' };
        if (outcome.status === 'deferred') {
          // Not tried: this alarm spent its D1 queries; still due, so the next alarm comes at once.
        } else if (outcome.status === 'not_due') {
          // D1 says later (an extension or a pause moved it): follow D1.
          this.upsert(row.request_id, outcome.dueAt.getTime());
        } else if (outcome.status === 'failed') {
          const backoff = Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** row.attempts);
          this.ctx.storage.sql.exec(
            'update due set due_at = ?, attempts = attempts + 1 where request_id = ?',
            now + backoff,
            row.request_id,
          );
          log('error', 'erasure_clock.execution_failed', {
            requestId: row.request_id,
            attempts: row.attempts + 1,
            ...describeError(outcome.error),
          });
        } else {
          this.ctx.storage.sql.exec('delete from due where request_id = ?', row.request_id);
          if (outcome.status === 'executed') executed++;
          else skipped++;
        }
      }
    }
    if (!tenantId && due.length) this.ctx.storage.sql.exec('delete from due');
    // One hand-over of exactly this chunk's events to the queue (the hourly catch-up covers a failure).
    const region = tenantId ? parseTenantId(tenantId)?.region : undefined;
    if (region) await dispatchEvents(this.env, region, events);
    const more = this.ctx.storage.sql
      .exec<{ n: number }>('select count(*) as n from (select 1 from due where due_at <= ? limit 1)', now)
      .one().n;
    const rest = more && due.length === limit ? restAfter(Date.now() - started) : undefined;
    await this.arm(rest === undefined ? undefined : Date.now() + rest);
    return { handled: due.length, executed, skipped, rest };
  }

  private upsert(requestId: string, dueAt: number): void {
    this.ctx.storage.sql.exec(
      'insert into due (request_id, due_at) values (?, ?) on conflict (request_id) do update set due_at = excluded.due_at',
      requestId,
      dueAt,
    );
  }

  private size(): number {
    return this.ctx.storage.sql.exec<{ n: number }>('select count(*) as n from due').one().n;
  }

  private remember(tenantId: string): void {
    this.ctx.storage.sql.exec(
      "insert into meta (key, value) values ('tenant', ?) on conflict (key) do nothing",
      tenantId,
    );
  }

  private tenantId(): string | null {
    return (
      this.ctx.storage.sql.exec<{ value: string }>("select value from meta where key = 'tenant'").toArray()[0]
        ?.value ?? null
    );
  }

  /** Arms the alarm at `at`, or at the earliest due time; clears it when nothing is left. */
  private async arm(at?: number): Promise<void> {
    const next = this.ctx.storage.sql
      .exec<{ due_at: number | null }>('select min(due_at) as due_at from due')
      .one().due_at;
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(at === undefined ? next : Math.max(at, next));
  }
}
