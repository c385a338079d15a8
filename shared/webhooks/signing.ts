// Standard Webhooks signatures (symmetric scheme `v1`): HMAC-SHA-256 with WebCrypto over
// `<webhook-id>.<webhook-timestamp>.<body>`, keyed by the secret's bytes, sent as
// `v1,<base64>`; during a secret rotation every live secret signs, space-separated.

import { fromBase64, toBase64, utf8 } from '../encoding';

const PREFIX = 'whsec_';
/** The specification allows 24 to 64 random bytes; we make 32. */
const SECRET_BYTES = 32;
const SECRET_SHAPE = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

/** A new signing secret, `whsec_` + base64 of 32 random bytes: shown to the client once. */
export function newSigningSecret(): string {
  return PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));
}

/** The key bytes of a `whsec_` secret; throws for anything that is not one of 24–64 bytes. */
export function secretBytes(secret: string): Uint8Array<ArrayBuffer> {
  const m = SECRET_SHAPE.exec(secret);
  const bytes = m ? fromBase64(m[1]!) : null;
  if (!bytes || bytes.length < 24 || bytes.length > 64) throw new Error('not a whsec_ signing secret');
  return bytes;
}

/** The HMAC-SHA-256 key of a `whsec_` secret (non-extractable, for signing only). */
export function signingKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', secretBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
}

/** The `v1,<base64>` signature of one message under one secret (a `whsec_` string or its key). */
export async function signatureV1(
  secret: string | CryptoKey,
  webhookId: string,
  timestampSeconds: number,
  body: string,
): Promise<string> {
  const key = typeof secret === 'string' ? await signingKey(secret) : secret;
  const mac = await crypto.subtle.sign('HMAC', key, utf8(`${webhookId}.${timestampSeconds}.${body}`));
  return `v1,${toBase64(new Uint8Array(mac))}`;
}

/** The three Standard Webhooks headers of one attempt; every secret (or key) given signs. */
export async function webhookHeaders(
  secrets: readonly (string | CryptoKey)[],
  webhookId: string,
  timestampSeconds: number,
  body: string,
): Promise<Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>> {
  const signatures = await Promise.all(secrets.map((s) => signatureV1(s, webhookId, timestampSeconds, body)));
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signatures.join(' '),
  };
}
