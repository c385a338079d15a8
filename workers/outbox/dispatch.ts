// Handing committed outbox events to the queue. Every route, sweep and alarm hands over exactly
// the events it wrote (`dispatchEvents`, or `dispatchEventsAfterResponse` from a route); only the
// hourly catch-up sends a region's whole backlog (`dispatchBacklog`). A failed hand-off is
// logged; the next catch-up sends whatever was left behind.

import type { Context } from 'hono';
import { dispatchOutbox, dispatchOutboxEvents, type OutboxRef } from '../../db/outbox';
import { regional } from '../../db/regions';
import { describeError, log } from '../../shared/log';
import type { Region } from '../../shared/regions';
import type { AppEnv, Bindings } from '../env';

/** Every undispatched event of one region: the hourly catch-up's alone. */
export async function dispatchBacklog(env: Bindings, region: Region): Promise<void> {
  try {
    await dispatchOutbox(regional(env, region).db, env.EVENTS, region);
  } catch (err) {
    log('warn', 'outbox.dispatch_failed', { region, ...describeError(err) });
  }
}

/** Hands exactly `events` (committed by the caller) to the queue; failures are left to the catch-up. */
export async function dispatchEvents(
  env: Bindings,
  region: Region,
  events: readonly OutboxRef[],
): Promise<void> {
  if (events.length === 0) return;
  try {
    await dispatchOutboxEvents(regional(env, region).db, env.EVENTS, region, [...events]);
  } catch (err) {
    log('warn', 'outbox.dispatch_failed', { region, events: events.length, ...describeError(err) });
  }
}

/** From a route: hands exactly the events this request wrote to the queue once the response is sent. */
export function dispatchEventsAfterResponse(
  c: Context<AppEnv>,
  region: Region,
  events: readonly OutboxRef[],
): void {
  if (events.length === 0) return;
  c.executionCtx.waitUntil(dispatchEvents(c.env, region, events));
}
