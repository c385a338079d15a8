// Handing committed outbox events to the queue: after a response (exactly the events a request
// wrote, or everything pending in its region) and from the hourly catch-up. A failed hand-off is
// logged; the next catch-up sends whatever was left behind.

import type { Context } from 'hono';
import { dispatchOutbox, dispatchOutboxEvents, type OutboxRef } from '../../db/outbox';
import { regional } from '../../db/regions';
import { describeError, log } from '../../shared/log';
import type { Region } from '../../shared/regions';
import type { AppEnv, Bindings } from '../env';

/** Every undispatched event of one region (the catch-up, and after requests that wrote several). */
export async function dispatchAllPending(env: Bindings, region: Region): Promise<void> {
  try {
    await dispatchOutbox(regional(env, region).db, env.EVENTS, region);
  } catch (err) {
    log('warn', 'outbox.dispatch_failed', { region, ...describeError(err) });
  }
}

/** After a committed batch: dispatch that region's outbox once the response has been sent. */
export function dispatchAfterResponse(c: Context<AppEnv>, region: Region): void {
  c.executionCtx.waitUntil(dispatchAllPending(c.env, region));
}

/** After a committed batch: hand exactly the events this request wrote to the queue. */
export function dispatchEventsAfterResponse(c: Context<AppEnv>, region: Region, events: OutboxRef[]): void {
  if (events.length === 0) return;
  c.executionCtx.waitUntil(
    dispatchOutboxEvents(regional(c.env, region).db, c.env.EVENTS, region, events).catch((err: unknown) => {
      log('warn', 'outbox.dispatch_failed', { region, events: events.length, ...describeError(err) });
    }),
  );
}
