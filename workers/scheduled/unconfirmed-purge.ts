// Sweep: purges double opt-in sign-ups never confirmed within each tenant's window
// (`unconfirmedPurgeDays`, default 14), then hands exactly the events it wrote to the queue.

import { purgeUnconfirmed } from '../../db/double-opt-in';
import { regional } from '../../db/regions';
import { log } from '../../shared/log';
import type { Region } from '../../shared/regions';
import type { Bindings } from '../env';
import { dispatchEvents } from '../outbox/dispatch';

export async function purgeUnconfirmedSignUps(env: Bindings, region: Region, now: Date): Promise<void> {
  const purged = await purgeUnconfirmed(regional(env, region).db, env.MASTER_KEY, now);
  if (purged.subscriptions > 0) {
    log('info', 'doi.purged', {
      region,
      subscriptions: purged.subscriptions,
      subscribers: purged.subscribers,
    });
    await dispatchEvents(env, region, purged.outbox);
  }
}
