// A small local OpenID provider on 127.0.0.1, one implementation for the workerd tests and for
// trying SSO by hand. Each realm `/<name>` is an issuer with discovery, JWKS and a token endpoint.
// A scripted realm (tests) answers the id token a test handed it by PUT `/<name>/setup`; a
// signing realm (`npm run dev:sso`) holds its own jose key pair, shows a "sign in as" page at
// `/authorize`, and signs id tokens itself after checking the client, the code and PKCE.

import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export type ProviderUser = { sub: string; email: string; name: string };

type Scripted = {
  kind: 'scripted';
  jwks: unknown;
  idToken: string | null;
  lastTokenRequest: { body: string; authorization: string | null } | null;
};
type Grant = { user: ProviderUser; nonce: string; challenge: string; redirectUri: string; expires: number };
type Signing = {
  kind: 'signing';
  client: { id: string; secret: string };
  users: ProviderUser[];
  privateKey: CryptoKey;
  jwks: unknown;
  codes: Map<string, Grant>;
};

export type OidcProvider = {
  origin: string;
  /** Adds a realm that signs its own id tokens for `users`; answers its issuer URL. */
  addSigningRealm: (
    name: string,
    opts: { client: { id: string; secret: string }; users: ProviderUser[] },
  ) => Promise<string>;
  close: () => Promise<void>;
};

const CODE_TTL_MS = 60_000;

async function bodyOf(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function chooserPage(issuer: string, params: URLSearchParams, users: ProviderUser[]): string {
  const hidden = [...params]
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const buttons = users
    .map(
      (u) =>
        `<button name="sub" value="${escapeHtml(u.sub)}">${escapeHtml(u.name)} &lt;${escapeHtml(u.email)}&gt;</button>`,
    )
    .join('<br>');
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Local OpenID provider</title>
<h1>Local OpenID provider</h1><p>${escapeHtml(issuer)} (for local development only). Sign in as:</p>
<form method="post">${hidden}${buttons}</form></html>`;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/** Client authentication as our Worker sends it: `client_secret_basic`, or `_post`. */
function clientOf(req: IncomingMessage, form: URLSearchParams): { id: string; secret: string } | null {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const [id = '', secret = ''] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
    return { id: decodeURIComponent(id), secret: decodeURIComponent(secret) };
  }
  const id = form.get('client_id');
  return id ? { id, secret: form.get('client_secret') ?? '' } : null;
}

async function signedToken(realm: Signing, issuer: string, form: URLSearchParams, req: IncomingMessage) {
  const client = clientOf(req, form);
  if (client?.id !== realm.client.id || client.secret !== realm.client.secret)
    return { status: 401, body: { error: 'invalid_client' } };
  const code = form.get('code') ?? '';
  const grant = realm.codes.get(code);
  realm.codes.delete(code);
  if (
    !grant ||
    grant.expires < Date.now() ||
    grant.redirectUri !== form.get('redirect_uri') ||
    grant.challenge !== s256(form.get('code_verifier') ?? '')
  )
    return { status: 400, body: { error: 'invalid_grant' } };
  const idToken = await new SignJWT({
    email: grant.user.email,
    email_verified: true,
    name: grant.user.name,
    nonce: grant.nonce,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'local-1' })
    .setIssuer(issuer)
    .setSubject(grant.user.sub)
    .setAudience(realm.client.id)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(realm.privateKey);
  return {
    status: 200,
    body: { id_token: idToken, token_type: 'Bearer', access_token: randomBytes(16).toString('hex') },
  };
}

/** The `/authorize` of a signing realm: GET shows the chooser, POST hands a code to the client. */
async function authorize(
  realm: Signing,
  issuer: string,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  const params = req.method === 'POST' ? new URLSearchParams(await bodyOf(req)) : url.searchParams;
  const redirectUri = params.get('redirect_uri') ?? '';
  if (params.get('client_id') !== realm.client.id || !/^https?:\/\//.test(redirectUri)) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    return res.end('Unknown client or redirect_uri.');
  }
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(chooserPage(issuer, params, realm.users));
  }
  const user = realm.users.find((u) => u.sub === params.get('sub'));
  if (!user || params.get('code_challenge_method') !== 'S256') {
    res.writeHead(400, { 'content-type': 'text/plain' });
    return res.end('Choose one of the users; PKCE S256 is required.');
  }
  const code = randomBytes(24).toString('base64url');
  realm.codes.set(code, {
    user,
    nonce: params.get('nonce') ?? '',
    challenge: params.get('code_challenge') ?? '',
    redirectUri,
    expires: Date.now() + CODE_TTL_MS,
  });
  const back = new URL(redirectUri);
  back.searchParams.set('code', code);
  back.searchParams.set('state', params.get('state') ?? '');
  res.writeHead(303, { location: back.toString() });
  res.end();
}

/** Starts the provider on 127.0.0.1 (`port` 0: a free one). */
export async function startOidcProvider(port = 0): Promise<OidcProvider> {
  const realms = new Map<string, Scripted | Signing>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, name, ...rest] = url.pathname.split('/');
    const route = rest.join('/');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!name) return send(404, {});
    const existing = realms.get(name);
    if (req.method === 'PUT' && route === 'setup' && existing?.kind !== 'signing') {
      const { jwks, idToken } = JSON.parse(await bodyOf(req)) as { jwks: unknown; idToken: string | null };
      const lastTokenRequest = existing?.lastTokenRequest ?? null;
      realms.set(name, { kind: 'scripted', jwks, idToken, lastTokenRequest });
      return send(204, {});
    }
    if (!existing) return send(404, { error: 'no such realm' });
    const issuer = `http://${req.headers.host}/${name}`;
    if (req.method === 'GET' && route === '.well-known/openid-configuration')
      return send(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      });
    if (req.method === 'GET' && route === 'jwks') return send(200, existing.jwks);
    if (existing.kind === 'scripted') {
      if (req.method === 'POST' && route === 'token') {
        existing.lastTokenRequest = {
          body: await bodyOf(req),
          authorization: req.headers.authorization ?? null,
        };
        return existing.idToken
          ? send(200, { id_token: existing.idToken, token_type: 'Bearer' })
          : send(400, { error: 'invalid_grant' });
      }
      if (req.method === 'GET' && route === 'last-token-request') return send(200, existing.lastTokenRequest);
      return send(404, {});
    }
    if (route === 'authorize' && (req.method === 'GET' || req.method === 'POST'))
      return authorize(existing, issuer, req, res, url);
    if (req.method === 'POST' && route === 'token') {
      const answer = await signedToken(existing, issuer, new URLSearchParams(await bodyOf(req)), req);
      return send(answer.status, answer.body);
    }
    return send(404, {});
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    async addSigningRealm(name, opts) {
      const { privateKey, publicKey } = await generateKeyPair('RS256');
      const jwk = { ...(await exportJWK(publicKey)), kid: 'local-1', alg: 'RS256', use: 'sig' };
      realms.set(name, { kind: 'signing', ...opts, privateKey, jwks: { keys: [jwk] }, codes: new Map() });
      return `${origin}/${name}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
