// One-time links that set a user's password: in the invitation (7 days), in a reset mail (1 hour)
// and after a sign-in with an expired password (15 minutes). A sealed token names tenant, user
// and a fingerprint of the password it was issued for, so it stops working once a password is
// set through it (or any other way); it opens the page `/auth/password/<token>`.

import type { AdminUser } from '../../db/admin-users';
import { passwordFingerprint } from '../../db/admin-users';
import type { Tenant } from '../../db/tenants';
import { masterKeyring } from '../../shared/crypto/keyring';
import { AppError } from '../../shared/errors';
import { isRegion, type Region } from '../../shared/regions';
import { openToken, sealToken } from '../../shared/tokens';
import type { Bindings } from '../env';

export const PASSWORD_LINK_TTL_S = { invitation: 7 * 86_400, reset: 3_600, expired: 900 } as const;
export type PasswordLinkPurpose = keyof typeof PASSWORD_LINK_TTL_S;

/** A new one-time token and its link, valid for the purpose's time. */
export async function passwordLink(
  env: Pick<Bindings, 'MASTER_KEY' | 'PUBLIC_ORIGIN'>,
  tenant: Pick<Tenant, 'id' | 'region'>,
  user: AdminUser,
  purpose: PasswordLinkPurpose,
  now = Date.now(),
): Promise<{ token: string; url: string; expiresAt: Date }> {
  const ttl = PASSWORD_LINK_TTL_S[purpose];
  const token = await sealToken(
    await masterKeyring(env.MASTER_KEY),
    tenant.region,
    'admin_password',
    { t: tenant.id, u: user.id, f: await passwordFingerprint(user) },
    ttl,
    now,
  );
  return {
    token,
    url: new URL(`/auth/password/${token}`, env.PUBLIC_ORIGIN).toString(),
    expiresAt: new Date(now + ttl * 1000),
  };
}

export type PasswordLinkClaims = { region: Region; tenantId: string; userId: string; fingerprint: string };

/** What a token names; 400 `invalid_token` for anything forged, expired or malformed. */
export async function openPasswordLink(
  env: Pick<Bindings, 'MASTER_KEY'>,
  token: string,
): Promise<PasswordLinkClaims> {
  const { region, payload } = await openToken(await masterKeyring(env.MASTER_KEY), token, 'admin_password');
  const { t, u, f } = payload;
  if (typeof t !== 'string' || typeof u !== 'string' || typeof f !== 'string' || !isRegion(region))
    throw new AppError('invalid_token', 'This link is not valid or has expired.');
  return { region, tenantId: t, userId: u, fingerprint: f };
}
