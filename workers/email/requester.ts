// Who is asking: the subscriber a reply token names (confirmed when the From address is that
// subscriber's, and our edge did not see that From forged), or the subscriber whose blind index
// matches the From address, trusted only when our receiving edge's own stamp shows DMARC, DKIM or
// SPF pass for the From domain. An unconfirmed requester's request waits for a link mailed to
// the subscriber's own address.

import {
  addressIndex,
  decryptSubscriber,
  findSubscriberByBlindIndex,
  loadSubscriberKey,
  type Subscriber,
} from '../../db/subscribers';
import { tenantKeys } from '../../db/tenants';
import { senderTrust } from '../../shared/inbound/auth-results';
import type { Identification } from '../../shared/inbound/evidence';
import type { InboundMail } from '../../shared/schemas/inbound';
import type { Bindings } from '../env';
import type { InboundTarget } from './route';

export type Requester = {
  subscriber: Subscriber | null;
  /** Blind index of the requester's address, for duplicate merging and suppression. */
  subjectIndex: string | null;
  verified: boolean;
  identifiedBy: Identification;
  auth: string;
  /** Our edge validated an ARC chain: a hint for a reviewer, never verification. */
  arc: boolean;
  /** Where mail about the request goes: the subscriber's own address (plain: never logged or stored). */
  mailTo: string | null;
};

/** Authserv-ids of our receiving edge, from `INBOUND_AUTHSERV_IDS` (comma- or space-separated). */
export function trustedAuthservIds(env: Pick<Bindings, 'INBOUND_AUTHSERV_IDS'>): string[] {
  return (env.INBOUND_AUTHSERV_IDS ?? '').split(/[\s,]+/).filter(Boolean);
}

async function indexOf(keys: Awaited<ReturnType<typeof tenantKeys>>, address: string | undefined) {
  if (!address) return null;
  try {
    return await addressIndex(keys, address);
  } catch {
    return null;
  }
}

async function plainAddress(
  env: Bindings,
  target: InboundTarget,
  subscriber: Subscriber,
): Promise<string | null> {
  const keys = await tenantKeys(env.MASTER_KEY, target.tenant);
  const key = await loadSubscriberKey(target.store.db, keys, subscriber.id);
  return key ? (await decryptSubscriber(key, subscriber)).email : null;
}

export async function identifyRequester(
  env: Bindings,
  target: InboundTarget,
  mail: InboundMail,
): Promise<Requester> {
  const keys = await tenantKeys(env.MASTER_KEY, target.tenant);
  const from = await indexOf(keys, mail.from?.address);
  const trust = senderTrust(mail.headers, from?.email ?? null, trustedAuthservIds(env));
  if (target.route === 'reply' && target.subscriber) {
    const same = from !== null && from.index === target.subscriber.emailIndex;
    // The token proves the message answers our mail; a From our edge saw forged proves nothing.
    const forged = trust.via === 'dmarc-fail' || trust.via === 'multiple-from';
    return {
      subscriber: target.subscriber,
      subjectIndex: target.subscriber.emailIndex,
      verified: same && !forged,
      identifiedBy: 'reply_token',
      auth: !same ? 'token-from-mismatch' : forged ? `token+${trust.via}` : 'token+from',
      arc: trust.arc,
      mailTo: same && !forged ? from.email : await plainAddress(env, target, target.subscriber),
    };
  }
  const subscriber = from
    ? ((await findSubscriberByBlindIndex(target.store.db, target.tenant.id, from.index)) ?? null)
    : null;
  return {
    subscriber,
    subjectIndex: from?.index ?? null,
    verified: from !== null && trust.trusted,
    identifiedBy: from !== null && trust.trusted ? 'authenticated_sender' : 'unauthenticated_sender',
    auth: trust.via,
    arc: trust.arc,
    mailTo: from?.email ?? null,
  };
}
