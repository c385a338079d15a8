// Jurisdiction routing: the one place that turns a region (or an id or token that carries one)
// into that region's database and Durable Object namespace. EU objects are created through
// `.jurisdiction('eu')` everywhere except a runtime that declares itself local.

import { AppError } from '../shared/errors';
import { parseTenantId, isRegion, type Region } from '../shared/regions';
import { tokenRegion } from '../shared/tokens';
import { dbFor, type Db } from './client';

export type RegionalStore = {
  region: Region;
  d1: D1Database;
  db: Db;
  erasureClocks: Env['ERASURE_CLOCK'];
};

type RoutingEnv = Pick<Env, 'DB_EU' | 'DB_US' | 'ERASURE_CLOCK' | 'RUNTIME'>;

/** True only where configuration says the runtime is local workerd (dev server, tests). */
export function isLocalRuntime(env: Pick<Env, 'RUNTIME'>): boolean {
  return env.RUNTIME === 'local';
}

/**
 * The Durable Object namespace for a region. Production pins EU objects to the EU
 * jurisdiction; workerd cannot ("Jurisdiction restrictions are not implemented in workerd"),
 * so only a runtime configured as local uses the plain namespace.
 */
export function erasureClocksFor(env: RoutingEnv, region: Region): Env['ERASURE_CLOCK'] {
  if (region === 'eu' && !isLocalRuntime(env)) return env.ERASURE_CLOCK.jurisdiction('eu');
  return env.ERASURE_CLOCK;
}

export function regional(env: RoutingEnv, region: Region): RegionalStore {
  if (!isRegion(region)) throw new AppError('bad_request', 'Unknown region.');
  const d1 = region === 'eu' ? env.DB_EU : env.DB_US;
  return { region, d1, db: dbFor(d1), erasureClocks: erasureClocksFor(env, region) };
}

/** The store of the region a tenant id names; 404 for ids that are not tenant ids. */
export function regionalForTenant(env: RoutingEnv, tenantId: string): RegionalStore {
  const parsed = parseTenantId(tenantId);
  if (!parsed) throw new AppError('unknown_tenant', 'Unknown tenant.');
  return regional(env, parsed.region);
}

/** The store of the region a sealed token claims (authenticity is checked when it is opened). */
export function regionalForToken(env: RoutingEnv, token: string): RegionalStore {
  const region = tokenRegion(token);
  if (!region) throw new AppError('invalid_token', 'This link is not valid or has expired.');
  return regional(env, region);
}
