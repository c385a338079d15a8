// The client API's audit trail: after every request of a known caller (key or session) it writes
// one row when the request changed something, read a person's data (PERSONAL_DATA_PERMISSIONS),
// or was refused (401/403 once the caller was identified). Handlers that record a change
// themselves (settings, with before and after) mark the request `audited`. A read of personal
// data that cannot be audited is not answered (503).

import type { Context, MiddlewareHandler } from 'hono';
import { type AuditEntry, appendAudit } from '../../db/audit-log';
import { tenantKeys } from '../../db/tenants';
import { PERSONAL_DATA_PERMISSIONS } from '../../shared/access';
import { errorBody } from '../../shared/errors';
import { describeError, log } from '../../shared/log';
import type { AppEnv } from '../env';
import { originOf } from '../http/actor';

const READS = ['GET', 'HEAD'];
const MAX_ID = 64;

/** The matched route as the API documents it (`/subscribers/{id}`) and its path parameters. */
function matchedRoute(c: Context<AppEnv>): { template: string; params: Record<string, string> } {
  const route = c.req.matchedRoutes.filter((r) => r.method === c.req.method).at(-1);
  if (!route) return { template: 'unknown', params: {} };
  const pattern = route.path.split('/');
  const actual = c.req.path.split('/');
  const params: Record<string, string> = {};
  pattern.forEach((part, i) => {
    if (part.startsWith(':')) params[part.slice(1).replace(/\{.*$/, '')] = actual[i] ?? '';
  });
  const template = route.path.replace(/^\/api\/v1/, '').replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
  return { template: template.replace(/\/$/, '') || '/', params };
}

/** `/privacy-requests/{id}/confirm` with its id → a `privacy_request` target. */
function targetOf(template: string, params: Record<string, string>): AuditEntry['target'] {
  const id = params.id;
  if (!id) return null;
  const resource = template.split('/')[1] ?? '';
  let value = id;
  try {
    value = decodeURIComponent(id);
  } catch {
    // Left as sent: the route will answer 404 for it anyway.
  }
  return { type: resource.replace(/-/g, '_').replace(/s$/, ''), id: value.slice(0, MAX_ID) };
}

/** The row this request leaves in the audit log, or null when it leaves none. */
function trailEntry(c: Context<AppEnv>): AuditEntry | null {
  if (!c.get('principal')) return null;
  const status = c.res.status;
  if (status === 401 || status === 403) {
    const { template, params } = matchedRoute(c);
    const permission = c.get('access')?.permission ?? null;
    const request = `${c.req.method} ${template}`;
    return {
      ...originOf(c),
      target: targetOf(template, params),
      action: 'access.refused',
      details: { request, status, permission },
    };
  }
  if (status >= 400 || c.get('audited')) return null;
  const reads = READS.includes(c.req.method);
  const permission = c.get('access')?.permission ?? null;
  if (reads && !(permission && PERSONAL_DATA_PERMISSIONS.has(permission))) return null;
  return requestAuditEntry(c, status);
}

/**
 * The row of a request that changed something and answered `status`: for a handler that writes it
 * in the batch of its change (then `c.set('audited', true)`), the same row the trail would write.
 */
export function requestAuditEntry(c: Context<AppEnv>, status: number): AuditEntry {
  const { template, params } = matchedRoute(c);
  return {
    ...originOf(c),
    target: targetOf(template, params),
    action: `${c.req.method} ${template}`,
    details: { status },
  };
}

export const auditTrail: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const entry = trailEntry(c);
  if (!entry) return;
  try {
    const keys = await tenantKeys(c.env.MASTER_KEY, c.get('tenant'));
    await appendAudit(c.get('store').db, keys, [entry]);
  } catch (err) {
    log('error', 'audit.write_failed', {
      requestId: c.get('requestId'),
      action: entry.action,
      ...describeError(err),
    });
    if (c.res.status < 400) {
      const body = errorBody('unavailable', 'The action could not be recorded in the audit log; try again.');
      c.res = new Response(JSON.stringify(body), {
        status: 503,
        headers: { 'content-type': 'application/json' },
      });
    }
  }
};
