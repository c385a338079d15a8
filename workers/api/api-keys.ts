// `/api/v1/api-keys`: the workspace's keys for client systems. Create (scopes from API_SCOPES; the
// key is in the answer once and stored only as its hash), list (name, scopes, last use), revoke.
// Each change is audited in the batch that makes it.

import { OpenAPIHono } from '@hono/zod-openapi';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { type ApiKey, findTenantApiKey, listApiKeys, newApiKeyRow } from '../../db/api-keys';
import { appendAudit } from '../../db/audit-log';
import { apiKeys } from '../../db/schema';
import { tenantKeys } from '../../db/tenants';
import { AppError } from '../../shared/errors';
import { ApiKeyCreated, ApiKeyView, CreateApiKeyInput } from '../../shared/schemas/admin';
import { errorResponses } from '../../shared/schemas/common';
import type { AppEnv } from '../env';
import { originOf } from '../http/actor';
import { validationHook } from '../http/errors';
import { apiRoute, IdParam, json, jsonBody } from './openapi-helpers';

const access = { scope: 'admin', permission: 'keys.manage' } as const;

const listKeysRoute = apiRoute(access, {
  method: 'get',
  path: '/',
  tags: ['API keys'],
  summary: 'The API keys of the workspace, newest first (revoked ones included)',
  responses: { 200: json(z.object({ data: z.array(ApiKeyView) }), 'The keys'), ...errorResponses(403) },
});
const createKeyRoute = apiRoute(access, {
  method: 'post',
  path: '/',
  tags: ['API keys'],
  summary: 'Create a key with the chosen scopes; the answer shows the key this once',
  request: { body: jsonBody(CreateApiKeyInput) },
  responses: { 201: json(ApiKeyCreated, 'The key, shown once'), ...errorResponses(403) },
});
const revokeKeyRoute = apiRoute(access, {
  method: 'delete',
  path: '/{id}',
  tags: ['API keys'],
  summary: 'Revoke a key: it opens nothing from now on',
  request: { params: IdParam },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(403, 404) },
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function keyView(key: ApiKey): z.infer<typeof ApiKeyView> {
  return {
    id: key.id,
    name: key.name,
    scopes: key.scopes as z.infer<typeof ApiKeyView>['scopes'],
    lastUsedAt: iso(key.lastUsedAt),
    createdAt: key.createdAt.toISOString(),
    revokedAt: iso(key.revokedAt),
  };
}

export const apiKeyRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listKeysRoute, async (c) => {
    const keys = await listApiKeys(c.get('store').db, c.get('tenant').id);
    return c.json({ data: keys.map(keyView) }, 200);
  })
  .openapi(createKeyRoute, async (c) => {
    const input = c.req.valid('json');
    const { db } = c.get('store');
    const tenant = c.get('tenant');
    const { key, row } = await newApiKeyRow(tenant, input);
    await appendAudit(
      db,
      await tenantKeys(c.env.MASTER_KEY, tenant),
      [
        {
          ...originOf(c),
          action: 'api_key.created',
          target: { type: 'api_key', id: row.id },
          details: { name: row.name, scopes: row.scopes },
        },
      ],
      [db.insert(apiKeys).values(row)],
    );
    c.set('audited', true);
    return c.json({ ...keyView(row), key }, 201);
  })
  .openapi(revokeKeyRoute, async (c) => {
    const { db } = c.get('store');
    const tenant = c.get('tenant');
    const found = await findTenantApiKey(db, tenant.id, c.req.valid('param').id);
    if (!found) throw new AppError('not_found', 'No such API key in this workspace.');
    if (!found.revokedAt) {
      await appendAudit(
        db,
        await tenantKeys(c.env.MASTER_KEY, tenant),
        [
          {
            ...originOf(c),
            action: 'api_key.revoked',
            target: { type: 'api_key', id: found.id },
            details: { name: found.name },
          },
        ],
        [
          db
            .update(apiKeys)
            .set({ revokedAt: new Date() })
            .where(and(eq(apiKeys.id, found.id), isNull(apiKeys.revokedAt))),
        ],
      );
    }
    c.set('audited', true);
    return c.body(null, 204);
  });
