// The compliance inventory as CSV: one row per scope (all lists together, then each list) and
// home region, the count of every state and the compliance figures. A cell a spreadsheet would
// read as a formula (a list name starting with = + - @) is quoted with a leading apostrophe.

import { toCsv } from '../csv';
import type { Inventory, RegionInventory } from './compliance';
import { HOME_REGIONS, PERSON_STATES, type PersonState, SUBSCRIPTION_STATES } from './states';

type Scope = { listId: string; name: string; lawfulBasis: string; regions: Inventory<string> };

const inert = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

export function complianceCsv(inventory: { overall: Inventory<PersonState>; lists: Scope[] }): string {
  const headers = [
    'list_id',
    'list_name',
    'lawful_basis',
    'region',
    ...PERSON_STATES,
    'total',
    'active',
    'mailable',
    'percent',
  ];
  const listStates: readonly string[] = SUBSCRIPTION_STATES;
  const row = (scope: Omit<Scope, 'regions'>, region: string, inv: RegionInventory<string>) => [
    scope.listId,
    inert(scope.name),
    scope.lawfulBasis,
    region,
    ...PERSON_STATES.map((st) =>
      scope.listId === '' || listStates.includes(st) ? ((inv.cells as Record<string, number>)[st] ?? 0) : '',
    ),
    inv.total,
    inv.active,
    inv.mailable,
    inv.percent,
  ];
  const regions = [...HOME_REGIONS, 'all'] as const;
  const overall = { listId: '', name: 'all lists', lawfulBasis: '' };
  return toCsv(headers, [
    ...regions.map((r) => row(overall, r, inventory.overall[r])),
    ...inventory.lists.flatMap((l) => regions.map((r) => row(l, r, l.regions[r]))),
  ]);
}
