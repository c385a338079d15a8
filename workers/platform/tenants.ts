// POST /api/platform/tenants: the operator provisions a workspace. The region is fixed here for
// good; the slug is unique within it (the workspace name `<slug>.<region>` routes sign-in). The
// tenant, its first owner and the first audit row are written in one batch; then the owner gets
// the invitation mail with a one-time link (7 days) that sets a password.

import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { adminEmail, newAdminUserRow } from '../../db/admin-users';
import { appendAudit } from '../../db/audit-log';
import { regional } from '../../db/regions';
import { isUniqueConflict } from '../../db/retry';
import { adminUsers, tenants } from '../../db/schema';
import { findTenant, newTenantRow, tenantKeys } from '../../db/tenants';
import { masterKeyring } from '../../shared/crypto/keyring';
import { AppError } from '../../shared/errors';
import { describeError, log } from '../../shared/log';
import { CreateTenantInput, TenantCreated } from '../../shared/schemas/admin';
import { workspaceName } from '../../shared/workspace';
import { sendInvitation } from '../admin/mails';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { clientIp, requestGeo } from '../http/request-context';

const create = createRoute({
  method: 'post',
  path: '/',
  summary: 'Create a workspace with its first owner, who is mailed an invitation',
  request: { body: { content: { 'application/json': { schema: CreateTenantInput } }, required: true } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: TenantCreated } } },
  },
});

export const tenantRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  create,
  async (c) => {
    const input = c.req.valid('json');
    const store = regional(c.env, input.region);
    const row = await newTenantRow(await masterKeyring(c.env.MASTER_KEY), input);
    const keys = await tenantKeys(c.env.MASTER_KEY, row);
    const owner = await newAdminUserRow(keys, { email: input.ownerEmail, role: 'owner' });
    try {
      await appendAudit(
        store.db,
        keys,
        [
          {
            actor: { type: 'platform', id: 'operator' },
            action: 'tenant.created',
            target: { type: 'tenant', id: row.id },
            details: { slug: row.slug, region: row.region, ownerId: owner.id },
            country: requestGeo(c).country,
            ip: clientIp(c),
          },
        ],
        [store.db.insert(tenants).values(row), store.db.insert(adminUsers).values(owner)],
      );
    } catch (err) {
      if (isUniqueConflict(err))
        throw new AppError('conflict', `The workspace ${workspaceName(row)} exists already.`);
      throw err;
    }
    const tenant = (await findTenant(store.db, row.id))!;
    const email = await adminEmail(keys, owner);
    const expiresAt = await sendInvitation(
      c.env,
      { tenant, user: owner, email, lang: input.language ?? 'en' },
      false,
    ).catch((err) => {
      log('error', 'platform.invitation_failed', { requestId: c.get('requestId'), ...describeError(err) });
      return null;
    });
    log('info', 'platform.tenant_created', {
      requestId: c.get('requestId'),
      tenantId: row.id,
      region: row.region,
    });
    return c.json(
      {
        tenant: {
          id: row.id,
          slug: row.slug,
          name: row.name,
          region: row.region,
          workspace: workspaceName(row),
        },
        owner: { id: owner.id, email, role: owner.role },
        invitation: { sent: expiresAt !== null, expiresAt: expiresAt?.toISOString() ?? null },
      },
      201,
    );
  },
);
