// Per-request plumbing: a request id (taken from `cf-ray` or made up) echoed in `x-request-id`,
// one access log line without personal data, the request's geolocation, and the hook that
// hands outbox events to the queue once the response is on its way.

import type { Context, MiddlewareHandler } from 'hono';
import { dispatchOutbox } from '../../db/outbox';
import { regional } from '../../db/regions';
import { geolocate, type Geo } from '../../shared/geo';
import { describeError, log } from '../../shared/log';
import type { Region } from '../../shared/regions';
import type { AppEnv, Bindings } from '../env';

export const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const requestId = c.req.header('cf-ray') ?? crypto.randomUUID();
  c.set('requestId', requestId);
  const started = Date.now();
  await next();
  c.header('x-request-id', requestId);
  if (c.req.path !== '/health' && !c.get('quietAccess')) {
    log('info', 'http', { requestId, method: c.req.method, route: c.req.routePath, status: c.res.status, ms: Date.now() - started });
  }
};

/** Whether `x-dev-geo` may override `request.cf` (development only; production never sets it). */
export const devGeoAllowed = (env: Bindings) => env.ALLOW_DEV_GEO === '1';

export function requestGeo(c: Context<AppEnv>): Geo {
  return geolocate(c.req.raw.cf as Parameters<typeof geolocate>[0], c.req.header('x-dev-geo'), devGeoAllowed(c.env));
}

/** The client IP as Cloudflare reports it (personal data: store encrypted only). */
export const clientIp = (c: Context<AppEnv>): string | null => c.req.header('cf-connecting-ip') ?? null;

/** After a committed batch: dispatch that region's outbox once the response has been sent. */
export function dispatchAfterResponse(c: Context<AppEnv>, region: Region): void {
  c.executionCtx.waitUntil(dispatchAllPending(c.env, region));
}

export async function dispatchAllPending(env: Bindings, region: Region): Promise<void> {
  try {
    await dispatchOutbox(regional(env, region).db, env.EVENTS, region);
  } catch (err) {
    // The scheduled catch-up sends whatever this attempt left behind.
    log('warn', 'outbox.dispatch_failed', { region, ...describeError(err) });
  }
}
