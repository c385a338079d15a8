// ErasureClock: a SQLite-backed Durable Object that holds the alarm of one tenant's pending
// erasures. It keeps due times in its own storage and fires its alarm at the earliest one.

import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../env';

export class ErasureClock extends DurableObject<Bindings> {
  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec('create table if not exists due (request_id text primary key, due_at integer not null)');
      ctx.storage.sql.exec('create index if not exists due_by_time on due (due_at)');
    });
  }

  /** Records (or moves) the due time of one request and arms the alarm at the earliest. */
  async schedule(requestId: string, dueAt: number): Promise<void> {
    this.ctx.storage.sql.exec('insert into due (request_id, due_at) values (?, ?) on conflict (request_id) do update set due_at = excluded.due_at', requestId, dueAt);
    await this.arm();
  }

  async cancel(requestId: string): Promise<void> {
    this.ctx.storage.sql.exec('delete from due where request_id = ?', requestId);
    await this.arm();
  }

  async pending(): Promise<{ requestId: string; dueAt: number }[]> {
    return this.ctx.storage.sql
      .exec<{ request_id: string; due_at: number }>('select request_id, due_at from due order by due_at')
      .toArray()
      .map((r) => ({ requestId: r.request_id, dueAt: r.due_at }));
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    this.ctx.storage.sql.exec('delete from due where due_at <= ?', now);
    await this.arm();
  }

  private async arm(): Promise<void> {
    const next = this.ctx.storage.sql.exec<{ due_at: number }>('select min(due_at) as due_at from due').one().due_at;
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(next);
  }
}
