// `/api/auth`: the dashboard's session routes. Sign in with workspace, address and password (a
// cookie session; an expired password answers 403 with a one-time link instead), the current
// session (with its CSRF token), sign out, the password-reset mail (answered the same whether the
// address has a user or not), setting a password with a one-time token, changing one's own.

import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { z } from 'zod';
import { sessionDelete } from '../../db/admin-sessions';
import { adminEmail, adminEmailIndex, findAdminUserByIndex } from '../../db/admin-users';
import { appendAudit } from '../../db/audit-log';
import { regional } from '../../db/regions';
import { signInPolicy } from '../../db/sign-in-policy';
import { findTenantBySlug } from '../../db/tenants';
import { verifyPassword } from '../../shared/crypto/passwords';
import { AppError } from '../../shared/errors';
import { describeError, log } from '../../shared/log';
import {
  ChangePasswordInput,
  ForgotPasswordInput,
  SessionView,
  SetPasswordInput,
  SignInInput,
} from '../../shared/schemas/admin';
import { errorResponses } from '../../shared/schemas/common';
import { parseWorkspace } from '../../shared/workspace';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { clientIp, requestGeo } from '../http/request-context';
import { json, jsonBody } from '../api/openapi-helpers';
import { adminCtx } from './context';
import { clearSessionCookie } from './cookies';
import { sendPasswordReset } from './mails';
import { passwordRefused, setPassword, setPasswordByLink } from './passwords';
import { authenticateSession } from './session-auth';
import { openSession, sessionView } from './sessions';
import { checkPasswordSignIn } from './sign-in';

const tags = ['Sign-in'];
const cookieSecurity = [{ session: [] }];

const signInRoute = {
  method: 'post',
  path: '/sign-in',
  tags,
  summary: 'Sign in with workspace, address and password: sets the session cookie',
  description:
    'Wrong workspace, address or password all answer 401 alike; 10 failures for one address in 15 minutes lock it (429). A workspace that signs in by SSO only answers 403. An expired password answers 403 `password_expired` with `details.token`, to be sent with a new password to `POST /api/auth/password`.',
  request: { body: jsonBody(SignInInput) },
  responses: { 200: json(SessionView, 'Signed in'), ...errorResponses(403, 429) },
} as const;
const sessionRoute = {
  method: 'get',
  path: '/session',
  tags,
  security: cookieSecurity,
  summary: 'The signed-in user, their permissions and the CSRF token',
  description:
    "`passwordExpired: true` when the password the session was opened with has outlived the workspace's maximum age since: the client API then answers 403 `password_expired` until `POST /api/auth/password/change`.",
  responses: { 200: json(SessionView, 'The session'), ...errorResponses() },
} as const;
const signOutRoute = {
  method: 'post',
  path: '/sign-out',
  tags,
  security: cookieSecurity,
  summary: 'End the session (needs X-CSRF-Token)',
  responses: { 204: { description: 'Signed out' }, ...errorResponses(403) },
} as const;
const forgotRoute = {
  method: 'post',
  path: '/password/forgot',
  tags,
  summary: 'Mail a one-time link (1 hour) that sets a new password',
  description: 'Answers 202 alike whether the address has a user in the workspace or not.',
  request: { body: jsonBody(ForgotPasswordInput) },
  responses: {
    202: { description: 'If the address has a user, the mail is on its way' },
    ...errorResponses(429),
  },
} as const;
const setRoute = {
  method: 'post',
  path: '/password',
  tags,
  summary: 'Set a password with the token of a one-time link (invitation, reset, expired password)',
  description: 'Every session of the user ends; sign in with the new password afterwards.',
  request: { body: jsonBody(SetPasswordInput) },
  responses: { 204: { description: 'Set' }, ...errorResponses(429) },
} as const;
const changeRoute = {
  method: 'post',
  path: '/password/change',
  tags,
  security: cookieSecurity,
  summary: 'Change your own password (needs X-CSRF-Token); every session of yours ends',
  request: { body: jsonBody(ChangePasswordInput) },
  responses: { 204: { description: 'Changed' }, ...errorResponses(403) },
} as const;

const fromOf = (c: Context<AppEnv>) => ({ country: requestGeo(c).country, ip: clientIp(c) });

/** Per client IP, on top of the per-address lock-out. */
async function limitSignIn(c: Context<AppEnv>) {
  const { success } = await c.env.SIGN_IN_LIMIT.limit({ key: clientIp(c) ?? 'no-ip' });
  if (!success) throw new AppError('rate_limited', 'Too many sign-in attempts from here. Wait a minute.');
}

export const authRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(signInRoute, async (c) => {
    await limitSignIn(c);
    const from = fromOf(c);
    const { ctx, user, clearAttempts } = await checkPasswordSignIn(c.env, c.req.valid('json'), from);
    const view = await openSession(
      c,
      ctx,
      user,
      'password',
      { ...from, actor: { type: 'admin', id: user.id } },
      [clearAttempts],
    );
    return c.json(view, 200);
  })
  .openapi(sessionRoute, async (c) => {
    const s = await authenticateSession(c);
    const ctx = await adminCtx(c.env, c.get('store'), s.tenant);
    const view = await sessionView(
      ctx,
      s.user,
      s.id,
      { expiresAt: s.session.expiresAt.getTime(), lastSeenAt: Date.now() },
      s.passwordExpired,
    );
    return c.json(view, 200);
  })
  .openapi(signOutRoute, async (c) => {
    const s = await authenticateSession(c);
    const ctx = await adminCtx(c.env, c.get('store'), s.tenant);
    await appendAudit(
      ctx.store.db,
      ctx.keys,
      [
        {
          ...fromOf(c),
          actor: { type: 'admin', id: s.user.id },
          action: 'session.signed_out',
          target: { type: 'admin_user', id: s.user.id },
        },
      ],
      [sessionDelete(ctx.store.db, s.session.idHash)],
    );
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(forgotRoute, async (c) => {
    await limitSignIn(c);
    const input = c.req.valid('json');
    // The mail goes out after the answer, so its time tells nothing about the address.
    c.executionCtx.waitUntil(
      mailReset(c, input).catch((err) =>
        log('error', 'admin.reset_failed', { requestId: c.get('requestId'), ...describeError(err) }),
      ),
    );
    return c.body(null, 202);
  })
  .openapi(setRoute, async (c) => {
    await limitSignIn(c);
    const { token, password } = c.req.valid('json');
    await setPasswordByLink(c.env, token, password, fromOf(c));
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(changeRoute, async (c) => {
    const s = await authenticateSession(c);
    const { currentPassword, newPassword } = c.req.valid('json');
    if (!s.user.passwordHash || !(await verifyPassword(currentPassword, s.user.passwordHash)))
      throw new AppError('forbidden', 'The current password is not right.');
    if (currentPassword === newPassword) throw passwordRefused('reused');
    const ctx = await adminCtx(c.env, c.get('store'), s.tenant);
    await setPassword(
      ctx,
      s.user,
      newPassword,
      { ...fromOf(c), actor: { type: 'admin', id: s.user.id } },
      'change',
    );
    clearSessionCookie(c);
    return c.body(null, 204);
  });

async function mailReset(c: Context<AppEnv>, input: z.infer<typeof ForgotPasswordInput>) {
  const ws = parseWorkspace(input.workspace);
  if (!ws) return;
  const store = regional(c.env, ws.region);
  const tenant = await findTenantBySlug(store.db, ws.slug);
  if (!tenant) return;
  const ctx = await adminCtx(c.env, store, tenant);
  if (!(await signInPolicy(store.db, tenant.id)).passwordsAllowed) return;
  const index = await adminEmailIndex(ctx.keys, input.email);
  const user = index ? await findAdminUserByIndex(store.db, tenant.id, index) : undefined;
  if (!user || user.disabledAt) return;
  await sendPasswordReset(c.env, {
    tenant,
    user,
    email: await adminEmail(ctx.keys, user),
    lang: input.language ?? 'en',
  });
  await appendAudit(store.db, ctx.keys, [
    {
      ...fromOf(c),
      actor: { type: 'system', id: 'sign-in' },
      action: 'user.password_reset_mailed',
      target: { type: 'admin_user', id: user.id },
    },
  ]);
}
