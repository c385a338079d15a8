// The hourly sweep of pseudonymised profiles (alpha): for every tenant with `pseudonymisedProfiles`
// on, least recently served first, it starts the backfill where counting never began, goes on
// with a running backfill, then reconciles profile_counters, a bounded number of chunks per run
// in all. Drift and progress are logged as counts only.

import { asc, eq, sql } from 'drizzle-orm';
import { backfillProfileChunk, startProfileBackfill } from '../../db/profile-backfill';
import { reconcileProfileStep } from '../../db/profile-reconcile';
import { regional } from '../../db/regions';
import { profileCountingState, tenants } from '../../db/schema';
import { tenantKeys } from '../../db/tenants';
import { log } from '../../shared/log';
import type { Region } from '../../shared/regions';
import type { Bindings } from '../env';

/** Chunks (backfill and reconciliation together) one run may work through in one region. */
export const PROFILE_CHUNKS_PER_RUN = 100;

export async function profileCountingSweep(
  env: Bindings,
  region: Region,
  now: Date,
  budget = PROFILE_CHUNKS_PER_RUN,
): Promise<void> {
  const { db } = regional(env, region);
  const on = await db
    .select({ tenant: tenants, state: profileCountingState })
    .from(tenants)
    .leftJoin(profileCountingState, eq(profileCountingState.tenantId, tenants.id))
    .where(sql`json_extract(${tenants.settings}, '$.pseudonymisedProfiles') = 1`)
    .orderBy(asc(sql`coalesce(${profileCountingState.updatedAt}, 0)`));
  let left = budget;
  for (const { tenant, state } of on) {
    if (left <= 0) break;
    const keys = await tenantKeys(env.MASTER_KEY, tenant);
    // Turned on before the backfill existed: count the people who were there already.
    if (!state?.backfillStartedAt) await startProfileBackfill(db, tenant.id, now).run();
    let counted = 0;
    while (left > 0) {
      const chunk = await backfillProfileChunk(db, keys, now);
      if (!chunk) break;
      left--;
      counted += chunk.counted;
      if (chunk.done) break;
    }
    if (counted > 0) log('info', 'profile.backfill', { region, tenantId: tenant.id, counted });
    while (left > 0) {
      const step = await reconcileProfileStep(db, keys);
      if (!step) break;
      left--;
      if (step.step === 'restarted') break;
      if (step.step === 'repaired') {
        if (step.drift.cells > 0)
          log('warn', 'profile.counters_drift', { region, tenantId: tenant.id, ...step.drift });
        break;
      }
    }
    await db
      .update(profileCountingState)
      .set({ updatedAt: now })
      .where(eq(profileCountingState.tenantId, tenant.id));
  }
}
