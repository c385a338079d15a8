// Fixtures for the report tests: the compliance counters of a tenant next to a GROUP BY recount
// of the same rows, and the report as the API answers it.

import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { regional } from '../../db/regions';
import { PEOPLE, reconcileChunk, recountChunk, TOTALS, type CounterCell } from '../../db/report-reconcile';
import type { Tenant } from '../../db/tenants';
import { api } from './seed';

const order = (a: CounterCell, b: CounterCell) =>
  `${a.listId}|${a.region}|${a.state}`.localeCompare(`${b.listId}|${b.region}|${b.state}`);

/** Every non-zero counter cell of a tenant. */
export async function countersOf(tenant: Pick<Tenant, 'id' | 'region'>): Promise<CounterCell[]> {
  const rows = await regional(env, tenant.region)
    .d1.prepare('select list_id, region, state, n from report_counters where tenant_id = ? and n <> 0')
    .bind(tenant.id)
    .all<{ list_id: string; region: string; state: string; n: number }>();
  return rows.results
    .map((r) => ({ listId: r.list_id, region: r.region, state: r.state, n: r.n }))
    .sort(order);
}

async function chunksOf(tenant: Pick<Tenant, 'id' | 'region'>): Promise<string[]> {
  const lists = await regional(env, tenant.region)
    .d1.prepare('select id from lists where tenant_id = ?')
    .bind(tenant.id)
    .all<{ id: string }>();
  return [PEOPLE, TOTALS, ...lists.results.map((l) => l.id)];
}

/** What a GROUP BY over the rows says every cell of the tenant is. */
export async function recountOf(tenant: Pick<Tenant, 'id' | 'region'>): Promise<CounterCell[]> {
  const { db } = regional(env, tenant.region);
  const cells: CounterCell[] = [];
  for (const chunk of await chunksOf(tenant)) cells.push(...(await recountChunk(db, tenant.id, chunk)));
  return cells.filter((c) => c.n !== 0).sort(order);
}

/** Sets the tenant's counters from a recount: for data seeded around the domain paths. */
export async function reconcileTenant(tenant: Pick<Tenant, 'id' | 'region'>): Promise<void> {
  const { d1 } = regional(env, tenant.region);
  for (const chunk of await chunksOf(tenant)) await reconcileChunk(d1, tenant.id, chunk);
}

/** The counters equal the recount, cell for cell; returns them for more specific checks. */
export async function expectCountersExact(tenant: Pick<Tenant, 'id' | 'region'>): Promise<CounterCell[]> {
  const counters = await countersOf(tenant);
  expect(counters).toEqual(await recountOf(tenant));
  return counters;
}

/** The n of one cell (0 when absent). */
export function cell(cells: CounterCell[], listId: string, region: string, state: string): number {
  return cells.find((c) => c.listId === listId && c.region === region && c.state === state)?.n ?? 0;
}

/** `GET /api/v1/reports/compliance`, 200 expected. */
export async function complianceOf(apiKey: string, query = '') {
  const res = await api(apiKey, `/reports/compliance${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as import('../../shared/schemas/reports').ComplianceReport;
}
