// Per-request plumbing: a request id (taken from `cf-ray` or made up) echoed in `x-request-id`,
// one access log line without personal data, and the request's geolocation and client IP.

import type { Context, MiddlewareHandler } from 'hono';
import { geolocate, type Geo } from '../../shared/geo';
import { log } from '../../shared/log';
import type { AppEnv, Bindings } from '../env';

export const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const requestId = c.req.header('cf-ray') ?? crypto.randomUUID();
  c.set('requestId', requestId);
  const started = Date.now();
  await next();
  c.header('x-request-id', requestId);
  if (c.req.path !== '/health' && !c.get('quietAccess')) {
    log('info', 'http', {
      requestId,
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Date.now() - started,
    });
  }
};

/**
 * Local development (production never sets it): `request.cf` is then the local runtime's stand-in
 * and only `x-dev-geo` locates a request; without the header the location is unknown.
 */
export const devGeoAllowed = (env: Bindings) => env.ALLOW_DEV_GEO === '1';

export function requestGeo(c: Context<AppEnv>): Geo {
  return geolocate(
    c.req.raw.cf as Parameters<typeof geolocate>[0],
    c.req.header('x-dev-geo'),
    devGeoAllowed(c.env),
  );
}

/** The client IP as Cloudflare reports it (personal data: store encrypted only). */
export const clientIp = (c: Context<AppEnv>): string | null => c.req.header('cf-connecting-ip') ?? null;
