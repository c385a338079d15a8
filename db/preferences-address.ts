// A person's change of address, once they confirmed the new one by the link mailed to it: the
// blind index and the encrypted address are replaced together, under the tenant's unique index
// of addresses, in the batch that completes the `rectification` request it is recorded by. An
// address that is another subscriber's, or was erased (suppressed), is refused without saying which.

import { and, eq } from 'drizzle-orm';
import { indexFingerprint } from '../shared/address-change';
import { encryptField, type TenantKeys } from '../shared/crypto/envelope';
import type { BatchItem, Db } from './client';
import { currentSubscriber } from './preferences-consent';
import { recordRectification, unchangedSince, writeTime, type Rectification } from './preferences-profile';
import { retryOnConflict } from './retry';
import { subscribers, suppressions, type TenantSettings } from './schema';
import { addressIndex, decryptSubscriber, type Subscriber } from './subscribers';

export type AddressChangeOutcome =
  | ({ status: 'changed'; oldEmail: string } & Rectification)
  /** The address is already the new one: the link was used before. */
  | { status: 'already' }
  /** The subscriber's address changed since the link was sent: it no longer applies. */
  | { status: 'stale' }
  /** Another subscriber has the address, or it was erased: nothing changed. */
  | { status: 'unavailable' };

/** Whether `index` is free for `subscriberId`: no other subscriber holds it and it is not suppressed. */
async function addressFree(db: Db, tenantId: string, index: string): Promise<boolean> {
  const [holder, suppressed] = await db.batch([
    db
      .select({ id: subscribers.id })
      .from(subscribers)
      .where(and(eq(subscribers.tenantId, tenantId), eq(subscribers.emailIndex, index)))
      .limit(1),
    db
      .select({ i: suppressions.emailIndex })
      .from(suppressions)
      .where(and(eq(suppressions.tenantId, tenantId), eq(suppressions.emailIndex, index)))
      .limit(1),
  ]);
  return holder.length === 0 && suppressed.length === 0;
}

function verdict(subscriber: Subscriber, index: string, replaces: string): 'already' | 'stale' | null {
  if (subscriber.emailIndex === index) return 'already';
  if (indexFingerprint(subscriber.emailIndex) !== replaces) return 'stale';
  return null;
}

/**
 * Replaces the subscriber's address with `newEmail` (normalised, from the sealed link). The
 * update is conditional on the address it replaces and commits with the filing of its
 * rectification request; a subscriber who takes the address in the meantime makes the unique
 * index refuse the batch, and the next round answers `unavailable` with nothing written.
 */
export async function applyAddressChange(
  db: Db,
  settings: TenantSettings,
  keys: TenantKeys,
  change: { subscriberId: string; newEmail: string; replaces: string; language: string; at: Date },
): Promise<AddressChangeOutcome> {
  const { email, index } = await addressIndex(keys, change.newEmail);
  return retryOnConflict(async (): Promise<AddressChangeOutcome> => {
    const { subscriber, key } = await currentSubscriber(db, keys, change.subscriberId);
    const early = verdict(subscriber, index, change.replaces);
    if (early) return { status: early };
    if (!(await addressFree(db, keys.tenantId, index))) return { status: 'unavailable' };
    const oldEmail = (await decryptSubscriber(key, subscriber)).email;
    const at = writeTime(subscriber, change.at);
    const queries: BatchItem[] = [
      (await unchangedSince(db, subscriber, at)).statement,
      db
        .update(subscribers)
        .set({ emailIndex: index, emailCt: await encryptField(key, 'email', email), updatedAt: at })
        .where(
          and(
            eq(subscribers.tenantId, keys.tenantId),
            eq(subscribers.id, subscriber.id),
            eq(subscribers.emailIndex, subscriber.emailIndex),
          ),
        ),
    ];
    const recorded = await recordRectification(db, settings, subscriber, {
      fields: ['email'],
      language: change.language,
      at: change.at,
      note: 'address changed by the person, confirmed from the new address',
      queries,
    });
    return { status: 'changed', oldEmail, ...recorded };
  });
}
