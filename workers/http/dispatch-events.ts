// After a committed batch: hand exactly the outbox events this request wrote to the queue once
// the response is on its way. The hourly sweep sends whatever this attempt leaves behind.

import type { Context } from 'hono';
import { dispatchOutboxEvents, type OutboxRef } from '../../db/outbox';
import { regional } from '../../db/regions';
import { describeError, log } from '../../shared/log';
import type { Region } from '../../shared/regions';
import type { AppEnv } from '../env';

export function dispatchEventsAfterResponse(c: Context<AppEnv>, region: Region, events: OutboxRef[]): void {
  if (events.length === 0) return;
  c.executionCtx.waitUntil(
    dispatchOutboxEvents(regional(c.env, region).db, c.env.EVENTS, region, events).catch((err: unknown) => {
      log('warn', 'outbox.dispatch_failed', { region, events: events.length, ...describeError(err) });
    }),
  );
}
