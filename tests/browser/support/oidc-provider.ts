// A local OpenID provider a browser can sign in at, for the dashboard's SSO test: discovery,
// JWKS, an authorization endpoint that signs the configured person in at once (PKCE S256 noted)
// and sends the browser back with a code, and a token endpoint that checks the client's secret,
// the code and its verifier before it answers an id token signed with the test's RS256 key.
// (tests/node/support/oidc-issuer.ts serves the workerd tests, which call the callback directly.)

import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export type OidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next authorization signs in as. */
  person: { subject: string; email: string };
  /** How many id tokens the token endpoint handed out. */
  tokensIssued: () => number;
  stop: () => Promise<void>;
};

async function bodyOf(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

const base64Url = (b: Buffer) => b.toString('base64url');

export async function startOidcProvider(person: { subject: string; email: string }): Promise<OidcProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const clientId = 'tm-dashboard';
  const clientSecret = base64Url(randomBytes(24));
  const codes = new Map<string, { nonce: string; challenge: string; redirectUri: string }>();
  let issued = 0;
  let issuer = '';
  const provider = { issuer, clientId, clientSecret, person } as OidcProvider;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration')
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== clientId || q.get('code_challenge_method') !== 'S256')
        return json(400, { error: 'invalid_request' });
      const code = base64Url(randomBytes(16));
      codes.set(code, {
        nonce: q.get('nonce') ?? '',
        challenge: q.get('code_challenge') ?? '',
        redirectUri: q.get('redirect_uri') ?? '',
      });
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = new URLSearchParams(await bodyOf(req));
      const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return json(401, { error: 'invalid_client' });
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (
        !grant ||
        grant.redirectUri !== form.get('redirect_uri') ||
        base64Url(createHash('sha256').update(verifier).digest()) !== grant.challenge
      )
        return json(400, { error: 'invalid_grant' });
      const idToken = await new SignJWT({
        nonce: grant.nonce,
        email: provider.person.email,
        email_verified: true,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(issuer)
        .setAudience(clientId)
        .setSubject(provider.person.subject)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      issued++;
      return json(200, { id_token: idToken, token_type: 'Bearer' });
    }
    return json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider.issuer = issuer;
  provider.tokensIssued = () => issued;
  provider.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return provider;
}
