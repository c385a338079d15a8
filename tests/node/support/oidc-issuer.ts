// A local OpenID provider for the workerd tests (vitest globalSetup, in Node): a real HTTP
// server on a free loopback port, which the Worker under test reaches like any provider. Each
// test makes its own realm (`/<realm>` is the issuer) and tells it, by PUT `/<realm>/setup`, the
// JWKS to publish and the id token the token endpoint answers; the token request it last
// received is read back from `/<realm>/last-token-request`. The test holds the keys (jose).

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

type Realm = {
  jwks: unknown;
  idToken: string | null;
  lastTokenRequest: { body: string; authorization: string | null } | null;
};

declare module 'vitest' {
  export interface ProvidedContext {
    oidcIssuerOrigin: string;
  }
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

export default async function setup(project: TestProject) {
  const realms = new Map<string, Realm>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, name, ...rest] = url.pathname.split('/');
    const route = rest.join('/');
    const origin = `http://${req.headers.host}`;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!name) return send(404, {});
    if (req.method === 'PUT' && route === 'setup') {
      const { jwks, idToken } = JSON.parse(await bodyOf(req)) as { jwks: unknown; idToken: string | null };
      realms.set(name, { jwks, idToken, lastTokenRequest: realms.get(name)?.lastTokenRequest ?? null });
      return send(204, {});
    }
    const realm = realms.get(name);
    if (!realm) return send(404, { error: 'no such realm' });
    const issuer = `${origin}/${name}`;
    if (req.method === 'GET' && route === '.well-known/openid-configuration')
      return send(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
    if (req.method === 'GET' && route === 'jwks') return send(200, realm.jwks);
    if (req.method === 'POST' && route === 'token') {
      realm.lastTokenRequest = { body: await bodyOf(req), authorization: req.headers.authorization ?? null };
      return realm.idToken
        ? send(200, { id_token: realm.idToken, token_type: 'Bearer' })
        : send(400, { error: 'invalid_grant' });
    }
    if (req.method === 'GET' && route === 'last-token-request') return send(200, realm.lastTokenRequest);
    return send(404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  project.provide('oidcIssuerOrigin', `http://127.0.0.1:${port}`);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
