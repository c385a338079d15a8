// The OIDC relying party of a tenant's SSO: the provider's discovery document (cached 10 minutes
// per isolate, its `issuer` must be the configured one), the authorization request with state,
// nonce and PKCE (S256), the code exchange at the token endpoint, and the id token verified with
// jose against the provider's JWKS (cached by jose per isolate): signature, issuer, audience,
// expiry, issued-at and nonce.

import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { z } from 'zod';
import { isLocalRuntime } from '../../db/regions';
import { timingSafeEqual } from '../../shared/crypto/timing-safe-equal';
import { toBase64Url, utf8 } from '../../shared/encoding';
import type { Bindings } from '../env';

/** Why a sign-in with the provider failed: logged and audited, never shown in detail. */
export class OidcError extends Error {
  constructor(readonly reason: string) {
    super(`oidc: ${reason}`);
    this.name = 'OidcError';
  }
}

const Discovery = z.object({
  issuer: z.string(),
  authorization_endpoint: z.string(),
  token_endpoint: z.string(),
  jwks_uri: z.string(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
});
type Discovery = z.infer<typeof Discovery>;

const TokenAnswer = z.object({ id_token: z.string().min(1).max(16_384) });

const DISCOVERY_TTL_MS = 10 * 60_000;
const TIMEOUT_MS = 8_000;
/** Clock difference tolerated between us and the provider. */
const CLOCK_TOLERANCE_S = 60;
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

type OidcEnv = Pick<Bindings, 'RUNTIME'>;

/**
 * Provider URLs must be https; a local runtime (dev server, tests) may also use plain http on
 * the loopback, where the test and dev issuers listen.
 */
export function providerUrlProblem(env: OidcEnv, value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.username || url.password || url.hash) return 'may not carry credentials or a fragment';
  if (url.protocol === 'https:') return null;
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol === 'http:' && loopback && isLocalRuntime(env)) return null;
  return 'must be an https URL';
}

const discoveries = new Map<string, { at: number; doc: Promise<Discovery> }>();
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

async function fetchDiscovery(env: OidcEnv, issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
    headers: { accept: 'application/json' },
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new OidcError(`discovery answered ${res.status}`);
  const parsed = Discovery.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new OidcError('discovery document malformed');
  const doc = parsed.data;
  // OpenID Connect Discovery §4.3: the issuer in the document is exactly the one asked for.
  if (doc.issuer !== issuer) throw new OidcError('discovery issuer differs');
  for (const url of [doc.authorization_endpoint, doc.token_endpoint, doc.jwks_uri]) {
    if (providerUrlProblem(env, url)) throw new OidcError('discovery endpoint not allowed');
  }
  return doc;
}

/** The provider's discovery document, read at most once per 10 minutes per isolate. */
export function discover(env: OidcEnv, issuer: string, now = Date.now()): Promise<Discovery> {
  const hit = discoveries.get(issuer);
  if (hit && now - hit.at < DISCOVERY_TTL_MS) return hit.doc;
  const doc = fetchDiscovery(env, issuer);
  doc.catch(() => discoveries.delete(issuer));
  if (discoveries.size > 500) discoveries.clear();
  discoveries.set(issuer, { at: now, doc });
  return doc;
}

function keySet(jwksUri: string) {
  let set = keySets.get(jwksUri);
  if (!set) {
    set = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: TIMEOUT_MS });
    if (keySets.size > 500) keySets.clear();
    keySets.set(jwksUri, set);
  }
  return set;
}

const randomText = () => toBase64Url(crypto.getRandomValues(new Uint8Array(32)));

/** A fresh state, nonce and PKCE verifier for one authorization request. */
export function newAuthorization(): { state: string; nonce: string; verifier: string } {
  return { state: randomText(), nonce: randomText(), verifier: randomText() };
}

const challengeOf = async (verifier: string) =>
  toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(verifier))));

export type Provider = { issuer: string; clientId: string; clientSecret: string | null };

/** Where the browser goes to sign in at the provider. */
export async function authorizationUrl(
  env: OidcEnv,
  provider: Provider,
  auth: { state: string; nonce: string; verifier: string },
  redirectUri: string,
  loginHint?: string,
): Promise<string> {
  const doc = await discover(env, provider.issuer);
  const url = new URL(doc.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', provider.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', 'openid email');
  url.searchParams.set('state', auth.state);
  url.searchParams.set('nonce', auth.nonce);
  url.searchParams.set('code_challenge', await challengeOf(auth.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  if (loginHint) url.searchParams.set('login_hint', loginHint);
  return url.toString();
}

/** Exchanges the code for the id token (client_secret_basic, or _post when that is all the provider takes). */
async function exchangeCode(
  doc: Discovery,
  provider: Provider,
  code: string,
  verifier: string,
  redirectUri: string,
) {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  const methods = doc.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  if (
    provider.clientSecret &&
    !methods.includes('client_secret_basic') &&
    methods.includes('client_secret_post')
  ) {
    form.set('client_id', provider.clientId);
    form.set('client_secret', provider.clientSecret);
  } else if (provider.clientSecret) {
    // RFC 6749 §2.3.1: both parts form-urlencoded before the Basic encoding.
    const pair = `${encodeURIComponent(provider.clientId)}:${encodeURIComponent(provider.clientSecret)}`;
    headers.authorization = `Basic ${btoa(pair)}`;
  } else {
    form.set('client_id', provider.clientId);
  }
  const res = await fetch(doc.token_endpoint, {
    method: 'POST',
    headers,
    body: form,
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new OidcError(`token endpoint answered ${res.status}`);
  const answer = TokenAnswer.safeParse(await res.json().catch(() => null));
  if (!answer.success) throw new OidcError('token answer has no id_token');
  return answer.data.id_token;
}

/** What a verified id token tells about the person. */
export type Identity = { subject: string; email: string | null; emailVerified: boolean };

/** Checks an id token: signature by the provider's JWKS, issuer, audience, expiry, issued-at, nonce. */
export async function verifyIdToken(
  env: OidcEnv,
  provider: Provider,
  idToken: string,
  nonce: string,
): Promise<Identity> {
  const doc = await discover(env, provider.issuer);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keySet(doc.jwks_uri), {
      issuer: provider.issuer,
      audience: provider.clientId,
      algorithms: ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
    }));
  } catch (err) {
    throw new OidcError(`id token refused: ${(err as { code?: string }).code ?? 'invalid'}`);
  }
  const claimed = typeof payload.nonce === 'string' ? payload.nonce : '';
  if (!timingSafeEqual(utf8(claimed), utf8(nonce))) throw new OidcError('id token nonce differs');
  // OIDC Core §3.1.3.7: with several audiences, the authorized party must be us.
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== provider.clientId)
    throw new OidcError('id token authorized party differs');
  const email = typeof payload.email === 'string' ? payload.email : null;
  return { subject: payload.sub!, email, emailVerified: payload.email_verified === true };
}

/** The whole return leg: the code exchanged, the id token verified, the identity it proves. */
export async function completeAuthorization(
  env: OidcEnv,
  provider: Provider,
  input: { code: string; verifier: string; nonce: string; redirectUri: string },
): Promise<Identity> {
  const doc = await discover(env, provider.issuer);
  const idToken = await exchangeCode(doc, provider, input.code, input.verifier, input.redirectUri);
  return verifyIdToken(env, provider, idToken, input.nonce);
}
