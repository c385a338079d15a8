// `/api/v1/sign-in-settings`: how the workspace's people sign in: the maximum age of a password,
// whether passwords are allowed at all, and the OIDC provider (issuer, client id, secret stored
// encrypted and never shown). Changes are audited with before and after (no secret in either).

import { OpenAPIHono } from '@hono/zod-openapi';
import { appendAudit, settingsChange } from '../../db/audit-log';
import { type SignInPolicy, policyUpdate, signInPolicy } from '../../db/sign-in-policy';
import { tenantKeys } from '../../db/tenants';
import { AppError } from '../../shared/errors';
import { SignInSettings, SignInSettingsPatch } from '../../shared/schemas/admin';
import { errorResponses } from '../../shared/schemas/common';
import { providerUrlProblem } from '../admin/oidc';
import { ssoRedirectUri } from '../admin/sso';
import type { AppEnv } from '../env';
import { originOf } from '../http/actor';
import { validationHook } from '../http/errors';
import { apiRoute, json, jsonBody } from './openapi-helpers';

const getRoute = apiRoute(
  { scope: 'admin', permission: 'settings.manage' },
  {
    method: 'get',
    path: '/',
    tags: ['Sign-in settings'],
    summary: 'Password age, whether passwords are allowed, the SSO provider',
    responses: { 200: json(SignInSettings, 'The settings'), ...errorResponses(403) },
  },
);
const patchRoute = apiRoute(
  { scope: 'admin', permission: 'settings.manage' },
  {
    method: 'patch',
    path: '/',
    tags: ['Sign-in settings'],
    summary: 'Change them; passwords can be turned off only while SSO is set up',
    request: { body: jsonBody(SignInSettingsPatch) },
    responses: { 200: json(SignInSettings, 'The settings after the change'), ...errorResponses(403) },
  },
);

const view = (env: { PUBLIC_ORIGIN: string }, p: SignInPolicy) => ({
  passwordMaxAgeDays: p.passwordMaxAgeDays,
  passwordsAllowed: p.passwordsAllowed,
  sso: p.oidc
    ? { issuer: p.oidc.issuer, clientId: p.oidc.clientId, clientSecretSet: p.oidc.hasSecret }
    : null,
  ssoRedirectUri: ssoRedirectUri(env),
});

/** What the audit row keeps of a policy: no secret, only whether one is set. */
const auditable = (p: SignInPolicy) => ({
  passwordMaxAgeDays: p.passwordMaxAgeDays,
  passwordsAllowed: p.passwordsAllowed,
  sso: p.oidc,
});

export const signInSettingsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getRoute, async (c) =>
    c.json(view(c.env, await signInPolicy(c.get('store').db, c.get('tenant').id)), 200),
  )
  .openapi(patchRoute, async (c) => {
    const patch = c.req.valid('json');
    if (patch.sso) {
      const problem = providerUrlProblem(c.env, patch.sso.issuer);
      if (problem) throw new AppError('validation_failed', `The issuer ${problem}.`);
    }
    const { db } = c.get('store');
    const tenant = c.get('tenant');
    const keys = await tenantKeys(c.env.MASTER_KEY, tenant);
    const current = await signInPolicy(db, tenant.id);
    const { after, statement } = await policyUpdate(db, keys, current, {
      passwordMaxAgeDays: patch.passwordMaxAgeDays,
      passwordsAllowed: patch.passwordsAllowed,
      oidc: patch.sso === undefined ? undefined : patch.sso && { ...patch.sso },
    });
    if (!after.passwordsAllowed && !after.oidc)
      throw new AppError('validation_failed', 'Passwords can be turned off only while SSO is set up.');
    const before = auditable(current);
    const changes = auditable(after);
    const named = Object.fromEntries(
      (['passwordMaxAgeDays', 'passwordsAllowed', 'sso'] as const)
        .filter((k) => (k === 'sso' ? patch.sso !== undefined : patch[k] !== undefined))
        .map((k) => [k, changes[k]]),
    );
    await appendAudit(
      db,
      keys,
      [
        {
          ...originOf(c),
          action: 'settings.sign_in_changed',
          target: { type: 'tenant', id: tenant.id },
          details: settingsChange(before, named),
        },
      ],
      [statement],
    );
    c.set('audited', true);
    return c.json(view(c.env, after), 200);
  });
