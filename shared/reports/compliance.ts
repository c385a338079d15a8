// The compliance report shaped from what the database keeps: the counter cells (per list, per
// person, totals), the lists, and a handful of request aggregates. Pure: the same counters give
// the same report, today's and the daily snapshots alike.

import {
  type Compliance,
  complianceOf,
  HOME_REGIONS,
  type HomeRegion,
  PERSON_STATES,
  type PersonState,
  SUBSCRIPTION_STATES,
  type SubscriptionState,
} from './states';

export type CounterRow = { listId: string; region: string; state: string; n: number };
export type ListMeta = { id: string; name: string; lawfulBasis: string };

type Counts = Record<string, number>;
type Cells<S extends string> = Record<S, number>;
export type RegionInventory<S extends string> = { cells: Cells<S> } & Compliance;
export type Inventory<S extends string> = Record<HomeRegion | 'all', RegionInventory<S>>;

function regionInventory<S extends PersonState>(
  states: readonly S[],
  rows: readonly CounterRow[],
  region: HomeRegion | 'all',
): RegionInventory<S> {
  const cells = Object.fromEntries(states.map((st) => [st, 0])) as Cells<S>;
  for (const r of rows) {
    if (region !== 'all' && r.region !== region) continue;
    if ((states as readonly string[]).includes(r.state)) cells[r.state as S] += r.n;
  }
  return { cells, ...complianceOf(cells) };
}

function inventoryOf<S extends PersonState>(states: readonly S[], rows: readonly CounterRow[]): Inventory<S> {
  const out = {} as Inventory<S>;
  for (const region of [...HOME_REGIONS, 'all'] as const) out[region] = regionInventory(states, rows, region);
  return out;
}

/** People by region and overall state, and each list's subscribers by region and state. */
export function inventory(rows: readonly CounterRow[], lists: readonly ListMeta[]) {
  const byList = new Map<string, CounterRow[]>();
  for (const r of rows) byList.set(r.listId, [...(byList.get(r.listId) ?? []), r]);
  return {
    overall: inventoryOf(PERSON_STATES, byList.get('') ?? []),
    lists: lists.map((l) => ({
      listId: l.id,
      name: l.name,
      lawfulBasis: l.lawfulBasis,
      regions: inventoryOf<SubscriptionState>(SUBSCRIPTION_STATES, byList.get(l.id) ?? []),
    })),
  };
}

/** `{key: n}` of the tenant-wide cells named `<prefix><key>` (summed over regions), without zeros. */
function family(rows: readonly CounterRow[], prefix: string): Counts {
  const out: Counts = {};
  for (const r of rows) {
    if (r.listId !== '' || !r.state.startsWith(prefix)) continue;
    const key = r.state.slice(prefix.length);
    out[key] = (out[key] ?? 0) + r.n;
  }
  return Object.fromEntries(Object.entries(out).filter(([, n]) => n !== 0));
}

function byRegion(rows: readonly CounterRow[], states: readonly string[]): Counts {
  const out: Counts = {};
  for (const r of rows) {
    if (r.listId === '' && states.includes(r.state)) out[r.region] = (out[r.region] ?? 0) + r.n;
  }
  return Object.fromEntries(Object.entries(out).filter(([, n]) => n !== 0));
}

function plus(a: Counts, b: Counts): Counts {
  const out: Counts = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return out;
}

const sum = (c: Counts) => Object.values(c).reduce((a, b) => a + b, 0);

/**
 * The totals the report has always carried: people by region and status, erased people, consent
 * events live and erased, erasures and suppressions; erased people stay in totals "ever".
 */
export function totals(rows: readonly CounterRow[]) {
  const live = byRegion(rows, PERSON_STATES);
  const erasedByRegion = byRegion(rows, ['erased']);
  const eventsLive = family(rows, 'events:');
  const eventsErased = family(rows, 'erased_events:');
  return {
    subscribers: {
      total: sum(live),
      byRegion: live,
      byStatus: family(rows, 'status:'),
      erased: sum(erasedByRegion),
      erasedByRegion,
      everByRegion: plus(live, erasedByRegion),
    },
    consentEvents: {
      live: eventsLive,
      erased: eventsErased,
      ever: plus(eventsLive, eventsErased),
      total: sum(eventsLive) + sum(eventsErased),
    },
    erasures: rows.filter((r) => r.listId === '' && r.state === 'erasures').reduce((n, r) => n + r.n, 0),
    suppressions: family(rows, 'suppressions:'),
  };
}

export type ResolutionRow = { week: string; source: string; region: string; n: number };

/** Unknown home regions resolved per week, newest first, by source and by resulting region. */
export function resolvedPerWeek(rows: readonly ResolutionRow[]) {
  const weeks = new Map<string, { week: string; total: number; bySource: Counts; byRegion: Counts }>();
  for (const r of rows) {
    const w = weeks.get(r.week) ?? { week: r.week, total: 0, bySource: {}, byRegion: {} };
    w.total += r.n;
    w.bySource[r.source] = (w.bySource[r.source] ?? 0) + r.n;
    w.byRegion[r.region] = (w.byRegion[r.region] ?? 0) + r.n;
    weeks.set(r.week, w);
  }
  return [...weeks.values()].sort((a, b) => b.week.localeCompare(a.week));
}
