// `npm run dev:sso`: a local OpenID provider (./oidc-provider.ts) beside `wrangler dev`, set up as
// the SSO of every demo workspace, so the whole sign-in (/auth/sso/<workspace> → the provider's
// "sign in as" page → the callback → /admin/) can be tried in a browser. Its users are the demo
// owners and one address no workspace knows (to see a refusal).

import { randomBytes } from 'node:crypto';
import type { DemoTenant } from './local-worker';
import { type OidcProvider, type ProviderUser, startOidcProvider } from './oidc-provider';

export const DEV_SSO_CLIENT_ID = 'tm-dashboard-local';
const REALM = 'demo';

/** The provider's users: each demo owner (by the address of the credentials) and a stranger. */
export function devSsoUsers(tenants: DemoTenant[]): ProviderUser[] {
  return [
    ...tenants.map((t) => ({
      sub: `owner-${t.slug}`,
      email: t.admin.email,
      name: `Owner of ${t.admin.workspace}`,
    })),
    { sub: 'stranger', email: 'stranger@example.org', name: 'Someone no workspace knows' },
  ];
}

/** Points a workspace's SSO at `issuer` through the API (the demo key has the `admin` scope). */
async function configure(workerUrl: string, tenant: DemoTenant, issuer: string, secret: string) {
  const res = await fetch(`${workerUrl}/api/v1/sign-in-settings`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sso: { issuer, clientId: DEV_SSO_CLIENT_ID, clientSecret: secret } }),
  });
  if (!res.ok) throw new Error(`SSO set-up of ${tenant.admin.workspace}: ${res.status} ${await res.text()}`);
}

/** Starts the provider (`port` 0: a free one) and makes it the SSO of every demo workspace. */
export async function startDevSso(
  workerUrl: string,
  tenants: DemoTenant[],
  port = 0,
): Promise<OidcProvider & { issuer: string }> {
  const provider = await startOidcProvider(port);
  const secret = randomBytes(24).toString('base64url');
  const issuer = await provider.addSigningRealm(REALM, {
    client: { id: DEV_SSO_CLIENT_ID, secret },
    users: devSsoUsers(tenants),
  });
  for (const tenant of tenants) await configure(workerUrl, tenant, issuer, secret);
  return { ...provider, issuer };
}
