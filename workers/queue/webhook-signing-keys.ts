// The HMAC keys that sign an endpoint's deliveries, decrypted and imported once per isolate: held
// per endpoint with the ciphertexts they came from, so a rotated secret (a new ciphertext) replaces
// them at the next attempt; at most SIGNING_KEYS_MAX endpoints, the least recently used dropped first.

import { decryptSecret, type WebhookEndpoint } from '../../db/webhook-endpoints';
import type { TenantKeys } from '../../shared/crypto/envelope';
import { signingKey } from '../../shared/webhooks/signing';

export const SIGNING_KEYS_MAX = 1_000;

type Held = { tenantId: string; secretCt: string; key: Promise<CryptoKey> };
const current = new Map<string, Held>();
const previous = new Map<string, Held>();

/** One secret's key from `held`, imported on a miss (or a changed ciphertext); a failure is not kept. */
function keyOf(
  held: Map<string, Held>,
  keys: TenantKeys,
  endpointId: string,
  which: 'current' | 'previous',
  secretCt: string,
): Promise<CryptoKey> {
  const hit = held.get(endpointId);
  held.delete(endpointId);
  if (hit && hit.secretCt === secretCt && hit.tenantId === keys.tenantId) {
    held.set(endpointId, hit);
    return hit.key;
  }
  const key = decryptSecret(keys, endpointId, which, secretCt).then(signingKey);
  key.catch(() => {
    if (held.get(endpointId)?.key === key) held.delete(endpointId);
  });
  if (held.size >= SIGNING_KEYS_MAX) held.delete(held.keys().next().value!);
  held.set(endpointId, { tenantId: keys.tenantId, secretCt, key });
  return key;
}

/** The keys that sign at `now`: the current secret's, and the previous one's until it expires. */
export async function signingKeys(
  keys: TenantKeys,
  endpoint: Pick<WebhookEndpoint, 'id' | 'secretCt' | 'previousSecretCt' | 'previousSecretExpiresAt'>,
  now: Date,
): Promise<CryptoKey[]> {
  const signing = [keyOf(current, keys, endpoint.id, 'current', endpoint.secretCt)];
  if (endpoint.previousSecretCt && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now)
    signing.push(keyOf(previous, keys, endpoint.id, 'previous', endpoint.previousSecretCt));
  else previous.delete(endpoint.id);
  return Promise.all(signing);
}
