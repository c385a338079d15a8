// Client API authentication: `Authorization: Bearer <api key>` (the key's region mark picks the
// database, its hash finds the key and its tenant), or else the dashboard's session cookie (with
// its CSRF token on changes, and a password that has not expired meanwhile;
// workers/admin/session-auth.ts). Each route then checks what it asks of the caller
// (`requireAccess`): a key's scope, a session's role (shared/access.ts).

import type { MiddlewareHandler } from 'hono';
import { apiKeyRegion, findApiKey, noteApiKeyUse, useNeedsNoting } from '../../db/api-keys';
import { regional } from '../../db/regions';
import { type ApiScope, type Permission, roleMay } from '../../shared/access';
import { AppError } from '../../shared/errors';
import { describeError, log } from '../../shared/log';
import { authenticateSession, hasSessionCookie, refuseExpiredPassword } from '../admin/session-auth';
import type { AppEnv } from '../env';

export const apiAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization');
  if (header === undefined && hasSessionCookie(c)) refuseExpiredPassword(await authenticateSession(c));
  else await authenticateKey(c, header ?? '');
  await next();
};

async function authenticateKey(c: Parameters<MiddlewareHandler<AppEnv>>[0], header: string) {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m)
    throw new AppError('unauthorized', 'Send the API key as "Authorization: Bearer <api key>", or sign in.');
  const region = apiKeyRegion(m[1]!);
  if (!region) throw new AppError('unauthorized', 'The API key is not valid.');
  const store = regional(c.env, region);
  const found = await findApiKey(store.d1, m[1]!);
  if (!found) throw new AppError('unauthorized', 'The API key is not valid.');
  c.set('tenant', found.tenant);
  c.set('region', region);
  c.set('store', store);
  c.set('principal', { kind: 'api_key', apiKeyId: found.key.id, scopes: found.key.scopes });
  // Bookkeeping only: a failure to note the use never fails the request. The key read says
  // whether the note would change anything; a key used within the minute costs no write.
  if (!useNeedsNoting(found.key)) return;
  c.executionCtx.waitUntil(
    noteApiKeyUse(store.db, found.key.id).catch((err) =>
      log('warn', 'api_key.note_use_failed', { requestId: c.get('requestId'), ...describeError(err) }),
    ),
  );
}

/**
 * Refuses (403) a key without `scope` (`any` lets every key of the tenant through) and a session
 * whose role lacks `permission`. Records both on the request for the audit trail.
 */
export function requireAccess(scope: ApiScope | 'any', permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('access', { scope, permission });
    const principal = c.get('principal');
    if (principal.kind === 'api_key') {
      if (scope !== 'any' && !principal.scopes.includes(scope))
        throw new AppError('forbidden', `This API key does not have the "${scope}" scope.`);
    } else if (!roleMay(principal.role, permission)) {
      throw new AppError(
        'forbidden',
        `The role "${principal.role}" does not have the "${permission}" permission.`,
      );
    }
    await next();
  };
}
