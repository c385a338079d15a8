// The one definition of a person's state (db/subscription-state.ts) looks up each person's own
// subscriptions and erasure requests by their key: a plan that searched them by tenant alone would
// walk the whole tenant once per person (a recount of a million people would never finish).

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { PERSON_STATE_SQL, SUBSCRIPTION_STATE_SQL } from '../../db/subscription-state';

async function planOf(sql: string): Promise<string[]> {
  const rows = await env.DB_EU.prepare(`explain query plan ${sql}`)
    .bind('ten_plan')
    .all<{ detail: string }>();
  return rows.results.map((r) => r.detail);
}

/** Every search of subscriptions (`s`) or privacy requests (`pr`) in a plan. */
const lookups = (plan: string[]) => plan.filter((d) => /^SEARCH (s|pr) /.test(d));

describe('the state of a person is read by their own keys', () => {
  it('the people recount searches subscriptions by subscriber and erasures by subscriber or address', async () => {
    const found = lookups(
      await planOf(`select ${PERSON_STATE_SQL} from subscribers p where p.tenant_id = ?`),
    );
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) expect(d).toMatch(/\((tenant_id=\? AND )?(subscriber_id=\?|subject_index=\?)/);
  });

  it('a list recount searches the erasures of each subscription by subscriber or address', async () => {
    const found = lookups(
      await planOf(`select ${SUBSCRIPTION_STATE_SQL} from subscriptions s
        join subscribers p on p.id = s.subscriber_id and p.tenant_id = s.tenant_id
        join lists l on l.id = s.list_id where s.tenant_id = ?`),
    ).filter((d) => d.startsWith('SEARCH pr '));
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) expect(d).toMatch(/\((tenant_id=\? AND )?(subscriber_id=\?|subject_index=\?)/);
  });
});
