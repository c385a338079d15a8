// SSO sign-in against a local OpenID provider (tests/node/support/oidc-issuer.ts: a real HTTP
// server the Worker reaches over the loopback): the authorization request carries state, nonce
// and a PKCE challenge; the callback opens a session only for an id token signed by the
// provider's JWKS, for our client, unexpired, with our nonce, naming a user of the workspace.
// Every refusal ends on a page, sets no session and leaves an audit row.

import { env } from 'cloudflare:workers';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { regional } from '../../db/regions';
import { toBase64Url } from '../../shared/encoding';
import { asSession, seedWorkspace, signInRequest, TEST_PASSWORD, type Workspace } from '../support/admin';
import { api, call, countRows } from '../support/seed';

const CLIENT_ID = 'tm-dashboard';
const d1 = () => regional(env, 'eu').d1;

type Provider = Awaited<ReturnType<typeof provider>>;

/** A realm of the local provider with its own signing key, set up as the workspace's SSO. */
async function provider(ws: Workspace, opts: { passwordsAllowed?: boolean } = {}) {
  const issuer = `${inject('oidcIssuerOrigin')}/${crypto.randomUUID()}`;
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const jwks = { keys: [jwk] };
  const setup = (idToken: string | null) =>
    fetch(`${issuer}/setup`, { method: 'PUT', body: JSON.stringify({ jwks, idToken }) });
  await setup(null);
  const res = await api(ws.apiKey, '/sign-in-settings', {
    method: 'PATCH',
    json: {
      sso: { issuer, clientId: CLIENT_ID, clientSecret: 'provider secret' },
      ...(opts.passwordsAllowed === false ? { passwordsAllowed: false } : {}),
    },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return { issuer, privateKey, setup };
}

type Claims = Record<string, unknown>;

async function idToken(
  p: Provider,
  claims: Claims,
  opts: { key?: CryptoKey; expiresIn?: string | number } = {},
) {
  const { aud = CLIENT_ID, iss = p.issuer, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(iss as string)
    .setAudience(aud as string)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '5m')
    .sign(opts.key ?? p.privateKey);
}

/** Starts a sign-in: the provider URL's parameters and the state cookie. */
async function start(ws: Workspace) {
  const res = await call(`/auth/sso/${ws.workspace}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const url = new URL(res.headers.get('location')!);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-tm_sso='))!;
  expect(cookie).toMatch(/HttpOnly; Secure; SameSite=Lax/);
  return { url, params: url.searchParams, cookie: cookie.split(';')[0]! };
}

async function callback(started: Awaited<ReturnType<typeof start>>, state = started.params.get('state')!) {
  return call(`/auth/sso/callback?code=the-code&state=${encodeURIComponent(state)}`, {
    headers: { cookie: started.cookie },
    redirect: 'manual',
  });
}

const sessionCookie = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith('__Host-tm_session='))
    ?.split(';')[0];

const refusals = (ws: Workspace) =>
  countRows(d1(), 'audit_log', "tenant_id = ? and action = 'session.sign_in_refused'", ws.tenant.id);

describe('SSO sign-in', () => {
  it('signs in with state, nonce and PKCE, binds the subject, then signs in by subject', async () => {
    const ws = await seedWorkspace();
    const p = await provider(ws);
    const started = await start(ws);
    expect(started.url.origin + started.url.pathname).toBe(`${p.issuer}/authorize`);
    expect(started.params.get('client_id')).toBe(CLIENT_ID);
    expect(started.params.get('code_challenge_method')).toBe('S256');
    expect(started.params.get('redirect_uri')).toBe('https://privacy.test/auth/sso/callback');
    const nonce = started.params.get('nonce')!;
    await p.setup(
      await idToken(p, { sub: 'idp-user-1', email: ws.emails.owner, email_verified: true, nonce }),
    );
    const res = await callback(started);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/');
    const cookie = sessionCookie(res)!;
    const session = await call('/api/auth/session', { headers: { cookie } });
    expect(session.status).toBe(200);
    expect(((await session.json()) as { user: { role: string } }).user.role).toBe('owner');

    // The provider got the code, the PKCE verifier of the challenge, and our client credentials.
    const seen = (await (await fetch(`${p.issuer}/last-token-request`)).json()) as {
      body: string;
      authorization: string;
    };
    const form = new URLSearchParams(seen.body);
    expect(form.get('code')).toBe('the-code');
    const digest = await crypto.subtle.digest(
      'SHA-256',
      new TextEncoder().encode(form.get('code_verifier')!),
    );
    expect(toBase64Url(new Uint8Array(digest))).toBe(started.params.get('code_challenge'));
    expect(seen.authorization).toBe(`Basic ${btoa(`${CLIENT_ID}:${encodeURIComponent('provider secret')}`)}`);

    // Bound: the same subject signs in again even when the provider drops the address.
    const again = await start(ws);
    await p.setup(await idToken(p, { sub: 'idp-user-1', nonce: again.params.get('nonce')! }));
    expect((await callback(again)).status).toBe(303);
  });

  const refused: [string, (p: Provider, ws: Workspace, nonce: string) => Promise<string>, number][] = [
    [
      'an expired id token',
      (p, ws, nonce) =>
        idToken(
          p,
          { sub: 's', email: ws.emails.owner, email_verified: true, nonce },
          { expiresIn: Math.floor(Date.now() / 1000) - 300 },
        ),
      401,
    ],
    [
      'a token for another audience',
      (p, ws, nonce) =>
        idToken(p, { sub: 's', email: ws.emails.owner, email_verified: true, nonce, aud: 'someone-else' }),
      401,
    ],
    [
      'a token of another issuer',
      (p, ws, nonce) =>
        idToken(p, {
          sub: 's',
          email: ws.emails.owner,
          email_verified: true,
          nonce,
          iss: 'https://evil.example',
        }),
      401,
    ],
    [
      'a wrong nonce',
      (p, ws) =>
        idToken(p, { sub: 's', email: ws.emails.owner, email_verified: true, nonce: 'not-the-nonce' }),
      401,
    ],
    [
      'a bad signature',
      async (p, ws, nonce) =>
        idToken(
          p,
          { sub: 's', email: ws.emails.owner, email_verified: true, nonce },
          { key: (await generateKeyPair('RS256')).privateKey },
        ),
      401,
    ],
    [
      'an unknown user',
      (p, _ws, nonce) => idToken(p, { sub: 's', email: 'stranger@example.com', email_verified: true, nonce }),
      403,
    ],
    [
      'an unverified address',
      (p, ws, nonce) => idToken(p, { sub: 's', email: ws.emails.owner, email_verified: false, nonce }),
      403,
    ],
  ];
  for (const [name, token, status] of refused) {
    it(`refuses ${name}: a page, no session, an audit row`, async () => {
      const ws = await seedWorkspace();
      const p = await provider(ws);
      const started = await start(ws);
      await p.setup(await token(p, ws, started.params.get('nonce')!));
      const res = await callback(started);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(sessionCookie(res)).toBeUndefined();
      expect(await countRows(d1(), 'admin_sessions', 'tenant_id = ?', ws.tenant.id)).toBe(0);
      expect(await refusals(ws)).toBe(1);
    });
  }

  it('refuses a state that differs from the cookie, and a callback replayed', async () => {
    const ws = await seedWorkspace();
    const p = await provider(ws);
    const started = await start(ws);
    await p.setup(
      await idToken(p, {
        sub: 's',
        email: ws.emails.owner,
        email_verified: true,
        nonce: started.params.get('nonce')!,
      }),
    );
    expect((await callback(started, 'forged-state')).status).toBe(400);
    const first = await callback(started);
    expect(first.status).toBe(303);
    expect((await callback(started)).status).toBe(400);
    expect(await countRows(d1(), 'admin_sessions', 'tenant_id = ?', ws.tenant.id)).toBe(1);
  });

  it('an SSO-only workspace refuses passwords and still signs in by SSO', async () => {
    const ws = await seedWorkspace();
    const p = await provider(ws, { passwordsAllowed: false });
    const pw = await signInRequest(ws.workspace, ws.emails.marketer, TEST_PASSWORD);
    expect(pw.status).toBe(403);
    expect(sessionCookie(pw)).toBeUndefined();
    const started = await start(ws);
    await p.setup(
      await idToken(p, {
        sub: 'm',
        email: ws.emails.marketer,
        email_verified: true,
        nonce: started.params.get('nonce')!,
      }),
    );
    const res = await callback(started);
    expect(res.status).toBe(303);
    const lists = await asSession({ cookie: sessionCookie(res)!, csrf: '', body: {} }, '/api/v1/lists');
    expect(lists.status).toBe(200);
  });
});
