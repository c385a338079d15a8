// How a tenant's people sign in: the maximum age of a password (default 90 days), whether
// passwords are allowed at all, and the tenant's OIDC provider (issuer, client id, and the
// client secret encrypted with the tenant data key). No row means the defaults and no SSO.

import { eq } from 'drizzle-orm';
import { decryptTenantField, encryptTenantField, type TenantKeys } from '../shared/crypto/envelope';
import type { Db } from './client';
import { signInPolicies } from './schema';

export const DEFAULT_PASSWORD_MAX_AGE_DAYS = 90;

export type SignInPolicy = {
  passwordMaxAgeDays: number;
  passwordsAllowed: boolean;
  oidc: { issuer: string; clientId: string; hasSecret: boolean } | null;
};

type Row = typeof signInPolicies.$inferSelect;

/** The policy a tenant's row says, with the defaults where there is no row (undefined or null). */
export function policyOf(row: Row | undefined | null): SignInPolicy {
  return {
    passwordMaxAgeDays: row?.passwordMaxAgeDays ?? DEFAULT_PASSWORD_MAX_AGE_DAYS,
    passwordsAllowed: row?.passwordsAllowed ?? true,
    oidc:
      row?.oidcIssuer && row.oidcClientId
        ? { issuer: row.oidcIssuer, clientId: row.oidcClientId, hasSecret: row.oidcClientSecretCt !== null }
        : null,
  };
}

async function policyRow(db: Db, tenantId: string): Promise<Row | undefined> {
  const [row] = await db.select().from(signInPolicies).where(eq(signInPolicies.tenantId, tenantId));
  return row;
}

export async function signInPolicy(db: Db, tenantId: string): Promise<SignInPolicy> {
  return policyOf(await policyRow(db, tenantId));
}

/** The provider with its secret decrypted, for the sign-in itself; null without SSO. */
export async function oidcClient(
  db: Db,
  keys: TenantKeys,
): Promise<{ issuer: string; clientId: string; clientSecret: string | null } | null> {
  const row = await policyRow(db, keys.tenantId);
  if (!row?.oidcIssuer || !row.oidcClientId) return null;
  const clientSecret = row.oidcClientSecretCt
    ? await decryptTenantField(keys, keys.tenantId, 'oidc_client_secret', row.oidcClientSecretCt)
    : null;
  return { issuer: row.oidcIssuer, clientId: row.oidcClientId, clientSecret };
}

export type PolicyChange = {
  passwordMaxAgeDays?: number;
  passwordsAllowed?: boolean;
  /** null removes SSO; a secret left out keeps the stored one. */
  oidc?: { issuer: string; clientId: string; clientSecret?: string | null } | null;
};

/** The statement that writes the policy after `change` (insert or update of the one row). */
export async function policyUpdate(db: Db, keys: TenantKeys, current: SignInPolicy, change: PolicyChange) {
  const before = await policyRow(db, keys.tenantId);
  const oidc = change.oidc === undefined ? undefined : change.oidc;
  const secretCt =
    oidc === null
      ? null
      : oidc?.clientSecret !== undefined
        ? oidc.clientSecret === null
          ? null
          : await encryptTenantField(keys, keys.tenantId, 'oidc_client_secret', oidc.clientSecret)
        : (before?.oidcClientSecretCt ?? null);
  const row: Row = {
    tenantId: keys.tenantId,
    passwordMaxAgeDays: change.passwordMaxAgeDays ?? current.passwordMaxAgeDays,
    passwordsAllowed: change.passwordsAllowed ?? current.passwordsAllowed,
    oidcIssuer: oidc === undefined ? (current.oidc?.issuer ?? null) : (oidc?.issuer ?? null),
    oidcClientId: oidc === undefined ? (current.oidc?.clientId ?? null) : (oidc?.clientId ?? null),
    oidcClientSecretCt: secretCt,
    updatedAt: new Date(),
  };
  const { tenantId: _t, ...set } = row;
  return {
    after: policyOf(row),
    statement: db
      .insert(signInPolicies)
      .values(row)
      .onConflictDoUpdate({ target: signInPolicies.tenantId, set }),
  };
}
