// GET /api/v1/tenant: which tenant an API key belongs to, its region and settings; the
// settings a client may change live under /api/v1/tenant/settings (tenant-settings.ts).

import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorResponses, Region } from '../../shared/schemas/common';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { apiRoute, json } from './openapi-helpers';
import { tenantSettingsRoutes } from './tenant-settings';

const Tenant = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    region: Region,
    settings: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Tenant' });

const getTenant = apiRoute('any', {
  method: 'get',
  path: '/',
  tags: ['Tenant'],
  summary: 'The tenant of the calling API key',
  responses: { 200: json(Tenant, 'The tenant'), ...errorResponses() },
});

export const tenantRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getTenant, (c) => {
    const t = c.get('tenant');
    return c.json({ id: t.id, slug: t.slug, name: t.name, region: t.region, settings: t.settings }, 200);
  })
  .route('/settings', tenantSettingsRoutes);
