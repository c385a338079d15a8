// Client API authentication: `Authorization: Bearer <api key>`. The key's region mark picks the
// database; the key's hash finds the key and its tenant. Each route checks its scope
// (`apiRoute` in openapi-helpers.ts).

import type { MiddlewareHandler } from 'hono';
import { apiKeyRegion, findApiKey, type ApiScope } from '../../db/api-keys';
import { regional } from '../../db/regions';
import { AppError } from '../../shared/errors';
import type { AppEnv } from '../env';

export const apiKeyAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw new AppError('unauthorized', 'Send the API key as "Authorization: Bearer <api key>".');
  const region = apiKeyRegion(m[1]!);
  if (!region) throw new AppError('unauthorized', 'The API key is not valid.');
  const store = regional(c.env, region);
  const found = await findApiKey(store.db, m[1]!);
  if (!found) throw new AppError('unauthorized', 'The API key is not valid.');
  c.set('tenant', found.tenant);
  c.set('region', region);
  c.set('store', store);
  c.set('principal', { kind: 'api_key', apiKeyId: found.key.id, scopes: found.key.scopes });
  await next();
};

/** Refuses (403) a key without `scope`; `any` lets every key of the tenant through. */
export function requireScope(scope: ApiScope | 'any'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (scope !== 'any' && !c.get('principal').scopes.includes(scope)) {
      throw new AppError('forbidden', `This API key does not have the "${scope}" scope.`);
    }
    await next();
  };
}
