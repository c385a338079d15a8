// `/api/v1/users`: the people who sign in to the workspace's dashboard. Invite (a mail with a
// one-time link that sets the password), change a role, disable, remove; each change is audited
// in the batch that makes it, and a changed role, a disabled or a removed user ends every session
// of that user. The workspace always keeps one enabled owner.

import { OpenAPIHono } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { userSessionsDelete } from '../../db/admin-sessions';
import {
  type AdminUser,
  adminEmail,
  adminStatus,
  findAdminUser,
  listAdminUsers,
  newAdminUserRow,
  otherActiveOwners,
} from '../../db/admin-users';
import { appendAudit, settingsChange } from '../../db/audit-log';
import { isUniqueConflict } from '../../db/retry';
import { adminUsers } from '../../db/schema';
import { signInPolicy } from '../../db/sign-in-policy';
import { tenantKeys } from '../../db/tenants';
import { AppError } from '../../shared/errors';
import { InviteUserInput, UserPatch, UserView } from '../../shared/schemas/admin';
import { errorResponses } from '../../shared/schemas/common';
import { describeError, log } from '../../shared/log';
import { sendInvitation } from '../admin/mails';
import { passwordExpiry } from '../admin/sign-in';
import type { AppEnv } from '../env';
import { originOf } from '../http/actor';
import { validationHook } from '../http/errors';
import { z } from 'zod';
import { apiRoute, IdParam, json, jsonBody } from './openapi-helpers';

const access = { scope: 'admin', permission: 'users.manage' } as const;

const listUsersRoute = apiRoute(access, {
  method: 'get',
  path: '/',
  tags: ['Users'],
  summary: 'The users of the workspace with their roles',
  responses: { 200: json(z.object({ data: z.array(UserView) }), 'The users'), ...errorResponses(403) },
});
const inviteUserRoute = apiRoute(access, {
  method: 'post',
  path: '/',
  tags: ['Users'],
  summary: 'Invite a user: a mail with a one-time link (7 days) that sets their password',
  request: { body: jsonBody(InviteUserInput) },
  responses: {
    201: json(UserView.extend({ invitationSent: z.boolean() }), 'The invited user'),
    ...errorResponses(403, 409),
  },
});
const patchUserRoute = apiRoute(access, {
  method: 'patch',
  path: '/{id}',
  tags: ['Users'],
  summary: "Change a user's role or disable them (either ends all their sessions)",
  request: { params: IdParam, body: jsonBody(UserPatch) },
  responses: { 200: json(UserView, 'The user after the change'), ...errorResponses(403, 404, 409) },
});
const deleteUserRoute = apiRoute(access, {
  method: 'delete',
  path: '/{id}',
  tags: ['Users'],
  summary: 'Remove a user (their sessions end)',
  request: { params: IdParam },
  responses: { 204: { description: 'Removed' }, ...errorResponses(403, 404, 409) },
});

type C = Context<AppEnv>;

async function userView(c: C, user: AdminUser, maxAgeDays: number): Promise<UserView> {
  const keys = await tenantKeys(c.env.MASTER_KEY, c.get('tenant'));
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: user.id,
    email: await adminEmail(keys, user),
    role: user.role,
    status: adminStatus(user),
    sso: user.ssoSubject !== null,
    passwordChangedAt: iso(user.passwordChangedAt),
    passwordExpiresAt: iso(passwordExpiry(user.passwordChangedAt, maxAgeDays)),
    lastSignInAt: iso(user.lastLoginAt),
    createdAt: user.createdAt.toISOString(),
  };
}

async function existing(c: C, id: string): Promise<AdminUser> {
  const user = await findAdminUser(c.get('store').db, c.get('tenant').id, id);
  if (!user) throw new AppError('not_found', 'No such user in this workspace.');
  return user;
}

/** Refuses a change that would leave the workspace without an enabled owner. */
async function keepAnOwner(c: C, user: AdminUser, after: { role: string; enabled: boolean }) {
  if (user.role !== 'owner' || user.disabledAt || (after.role === 'owner' && after.enabled)) return;
  if ((await otherActiveOwners(c.get('store').db, c.get('tenant').id, user.id)) === 0)
    throw new AppError('conflict', 'The workspace must keep at least one enabled owner.');
}

export const adminUserRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listUsersRoute, async (c) => {
    const { db } = c.get('store');
    const tenant = c.get('tenant');
    const policy = await signInPolicy(db, tenant.id);
    const users = await listAdminUsers(db, tenant.id);
    return c.json(
      { data: await Promise.all(users.map((u) => userView(c, u, policy.passwordMaxAgeDays))) },
      200,
    );
  })
  .openapi(inviteUserRoute, async (c) => {
    const input = c.req.valid('json');
    const { db } = c.get('store');
    const tenant = c.get('tenant');
    const keys = await tenantKeys(c.env.MASTER_KEY, tenant);
    const row = await newAdminUserRow(keys, { email: input.email, role: input.role });
    try {
      await appendAudit(
        db,
        keys,
        [
          {
            ...originOf(c),
            action: 'user.invited',
            target: { type: 'admin_user', id: row.id },
            details: { role: row.role },
          },
        ],
        [db.insert(adminUsers).values(row)],
      );
    } catch (err) {
      if (isUniqueConflict(err))
        throw new AppError('conflict', 'This address already has a user in the workspace.');
      throw err;
    }
    c.set('audited', true);
    const policy = await signInPolicy(db, tenant.id);
    const email = await adminEmail(keys, row);
    const sent = await sendInvitation(
      c.env,
      { tenant, user: row, email, lang: input.language ?? 'en' },
      policy.oidc !== null,
    )
      .then(() => true)
      .catch((err) => {
        log('error', 'admin.invitation_failed', { requestId: c.get('requestId'), ...describeError(err) });
        return false;
      });
    return c.json({ ...(await userView(c, row, policy.passwordMaxAgeDays)), invitationSent: sent }, 201);
  })
  .openapi(patchUserRoute, async (c) => {
    const patch = c.req.valid('json');
    const user = await existing(c, c.req.valid('param').id);
    const role = patch.role ?? user.role;
    const disabled = patch.disabled ?? user.disabledAt !== null;
    await keepAnOwner(c, user, { role, enabled: !disabled });
    const { db } = c.get('store');
    const tenant = c.get('tenant');
    const keys = await tenantKeys(c.env.MASTER_KEY, tenant);
    const before = { role: user.role, disabled: user.disabledAt !== null };
    const disabledAt = disabled ? (user.disabledAt ?? new Date()) : null;
    const changed = role !== user.role || disabled !== before.disabled;
    if (changed) {
      await appendAudit(
        db,
        keys,
        [
          {
            ...originOf(c),
            action: 'user.changed',
            target: { type: 'admin_user', id: user.id },
            details: settingsChange(before, {
              ...(patch.role ? { role } : {}),
              ...(patch.disabled !== undefined ? { disabled } : {}),
            }),
          },
        ],
        [
          db.update(adminUsers).set({ role, disabledAt }).where(eq(adminUsers.id, user.id)),
          userSessionsDelete(db, tenant.id, user.id),
        ],
      );
    }
    c.set('audited', true);
    const policy = await signInPolicy(db, tenant.id);
    return c.json(await userView(c, { ...user, role, disabledAt }, policy.passwordMaxAgeDays), 200);
  })
  .openapi(deleteUserRoute, async (c) => {
    const user = await existing(c, c.req.valid('param').id);
    await keepAnOwner(c, user, { role: 'removed', enabled: false });
    const { db } = c.get('store');
    const tenant = c.get('tenant');
    const keys = await tenantKeys(c.env.MASTER_KEY, tenant);
    await appendAudit(
      db,
      keys,
      [
        {
          ...originOf(c),
          action: 'user.removed',
          target: { type: 'admin_user', id: user.id },
          details: { role: user.role },
        },
      ],
      [userSessionsDelete(db, tenant.id, user.id), db.delete(adminUsers).where(eq(adminUsers.id, user.id))],
    );
    c.set('audited', true);
    return c.body(null, 204);
  });
