// POST /api/platform/keys/rotate: master-key rotation. With `MASTER_KEY="v2:<new> v1:<old>"`
// deployed, re-wraps every tenant key of both regions under the newest version; after that the
// old version can leave the secret. Safe to run again, and at the same time: it answers what it did.
// Each re-wrapped tenant's audit log records it (actor: the platform operator).

import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { regional } from '../../db/regions';
import { forgetTenant } from '../../db/tenant-cache';
import { rotateTenantKeys } from '../../db/tenants';
import { masterKeyring } from '../../shared/crypto/keyring';
import { log } from '../../shared/log';
import { REGIONS } from '../../shared/regions';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { clientIp, requestGeo } from '../http/request-context';

const Rotation = z.object({ tenants: z.number(), rewrapped: z.number() });
const RotationReport = z.object({
  masterKeyVersion: z.number().meta({ description: 'The version every tenant key is now wrapped by' }),
  regions: z.object({ eu: Rotation, us: Rotation }),
});

const rotate = createRoute({
  method: 'post',
  path: '/rotate',
  summary: 'Re-wrap every tenant key under the newest MASTER_KEY version, in both regions',
  responses: {
    200: { description: 'What was re-wrapped', content: { 'application/json': { schema: RotationReport } } },
  },
});

export const keyRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  rotate,
  async (c) => {
    const ring = await masterKeyring(c.env.MASTER_KEY);
    const origin = {
      actor: { type: 'platform', id: 'operator' },
      country: requestGeo(c).country,
      ip: clientIp(c),
    } as const;
    const runs = await Promise.all(REGIONS.map((r) => rotateTenantKeys(regional(c.env, r).db, ring, origin)));
    // This isolate's cached tenant rows hold the old wrapped keys; other isolates end with the secret change.
    for (const id of runs.flatMap((r) => r.rewrapped)) forgetTenant(id);
    const [eu, us] = runs.map((r) => ({ tenants: r.tenants, rewrapped: r.rewrapped.length }));
    const regions = { eu: eu!, us: us! };
    log('info', 'keys.rotated', {
      requestId: c.get('requestId'),
      masterKeyVersion: ring.current,
      euRewrapped: regions.eu.rewrapped,
      usRewrapped: regions.us.rewrapped,
      unaudited: runs.reduce((n, r) => n + r.unaudited.length, 0),
    });
    return c.json({ masterKeyVersion: ring.current, regions }, 200);
  },
);
