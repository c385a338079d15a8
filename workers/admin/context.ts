// What the sign-in and user-management functions work with: the bindings, the tenant's regional
// store, the tenant and its unwrapped keys.

import type { RegionalStore } from '../../db/regions';
import { type Tenant, tenantKeys } from '../../db/tenants';
import type { TenantKeys } from '../../shared/crypto/envelope';
import type { Bindings } from '../env';

export type AdminCtx = { env: Bindings; store: RegionalStore; tenant: Tenant; keys: TenantKeys };

export async function adminCtx(env: Bindings, store: RegionalStore, tenant: Tenant): Promise<AdminCtx> {
  return { env, store, tenant, keys: await tenantKeys(env.MASTER_KEY, tenant) };
}
