// Minting tracked links for the API: the subscriber and list must belong to the tenant; the
// tokens themselves come from the pure minting function the send pipeline uses too.

import { and, eq } from 'drizzle-orm';
import type { MasterKeyring } from '../shared/crypto/keyring';
import { AppError } from '../shared/errors';
import { linkUrl, mintLinkToken } from '../shared/link-tokens';
import type { TrackedLink } from '../shared/schemas/links';
import type { Db } from './client';
import { lists } from './schema';
import { findSubscriber } from './subscribers';

export type MintLinksInput = {
  subscriberId: string;
  listId: string;
  messageId?: string | null;
  destinations: string[];
  expiresAt?: Date;
};

/** Mints one tracked link per destination; 404 when the subscriber or list is not the tenant's. */
export async function mintTrackedLinks(
  db: Db,
  ring: MasterKeyring,
  tenantId: string,
  publicOrigin: string,
  input: MintLinksInput,
  now = Date.now(),
): Promise<TrackedLink[]> {
  const [subscriber, list] = await Promise.all([
    findSubscriber(db, tenantId, input.subscriberId),
    db.query.lists.findFirst({
      columns: { id: true },
      where: and(eq(lists.tenantId, tenantId), eq(lists.id, input.listId)),
    }),
  ]);
  if (!subscriber) throw new AppError('not_found', 'No subscriber with this id in this tenant.');
  if (!list) throw new AppError('not_found', 'No list with this id in this tenant.');
  return Promise.all(
    input.destinations.map(async (destination) => {
      const minted = await mintLinkToken(
        ring,
        {
          tenantId,
          subscriberId: subscriber.id,
          listId: list.id,
          messageId: input.messageId ?? null,
          destination,
          expiresAt: input.expiresAt?.getTime(),
        },
        now,
      );
      return {
        destination: new URL(destination).href,
        url: linkUrl(publicOrigin, minted.token),
        token: minted.token,
        expiresAt: new Date(minted.expiresAt).toISOString(),
      };
    }),
  );
}
