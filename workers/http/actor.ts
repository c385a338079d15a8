// Who is acting in a request, as the audit log and the records of a change name them: an API key
// or a signed-in user, with where the request came from (country, and the IP, which the audit
// log stores encrypted).

import type { Context } from 'hono';
import type { AuditActor, AuditOrigin } from '../../db/audit-log';
import type { AppEnv } from '../env';
import { clientIp, requestGeo } from './request-context';

/** The caller of an authenticated request. */
export type RequestActor = { type: 'api_key' | 'admin'; id: string };

export function actorOf(c: Context<AppEnv>): RequestActor {
  const p = c.get('principal');
  return p.kind === 'api_key' ? { type: 'api_key', id: p.apiKeyId } : { type: 'admin', id: p.userId };
}

/** `api_key:<id>` or `admin:<id>`: the actor as request histories write it. */
export const actorLabel = (c: Context<AppEnv>) => {
  const a = actorOf(c);
  return `${a.type}:${a.id}`;
};

/** The actor and where they are, for audit rows written by this request. */
export function originOf(c: Context<AppEnv>, actor: AuditActor = actorOf(c)): AuditOrigin {
  return { actor, country: requestGeo(c).country, ip: clientIp(c) };
}
