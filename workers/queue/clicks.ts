// Click records arrive by the hundred during a campaign: the consumer takes every
// `click-recorded` message of a batch out of the per-message loop and writes them per region in
// one D1 batch, so a burst of clicks costs one transaction per queue batch, not one per click.

import { recordClicks } from '../../db/link-clicks';
import { regional } from '../../db/regions';
import { describeError, log } from '../../shared/log';
import { REGIONS } from '../../shared/regions';
import { ClickRecordedMessage } from '../../shared/schemas/queue';
import type { Bindings } from '../env';

/** Most clicks per D1 batch (three statements each). */
const CLICKS_PER_BATCH = 50;

/**
 * Records and acks (or retries, per region and chunk) the click messages of a batch; returns the
 * other messages for the ordinary loop.
 */
export async function takeClickMessages(
  messages: readonly Message<unknown>[],
  env: Bindings,
  retryDelaySeconds: (attempts: number) => number,
): Promise<Message<unknown>[]> {
  const rest: Message<unknown>[] = [];
  const byRegion = new Map<string, { message: Message<unknown>; click: ClickRecordedMessage }[]>();
  for (const message of messages) {
    const parsed = ClickRecordedMessage.safeParse(message.body);
    if (!parsed.success) {
      rest.push(message);
      continue;
    }
    const group = byRegion.get(parsed.data.region) ?? [];
    group.push({ message, click: parsed.data });
    byRegion.set(parsed.data.region, group);
  }
  for (const region of REGIONS) {
    const group = byRegion.get(region) ?? [];
    for (let i = 0; i < group.length; i += CLICKS_PER_BATCH) {
      const slice = group.slice(i, i + CLICKS_PER_BATCH);
      try {
        const written = await recordClicks(
          regional(env, region).d1,
          slice.map((s) => s.click),
        );
        if (written < slice.length)
          log('info', 'click.not_recorded', {
            region,
            clicks: slice.length - written,
            reason: 'redelivery_or_subscriber_gone',
          });
        for (const s of slice) s.message.ack();
      } catch (err) {
        log('warn', 'queue.retry', {
          type: 'click-recorded',
          region,
          clicks: slice.length,
          ...describeError(err),
        });
        for (const s of slice) s.message.retry({ delaySeconds: retryDelaySeconds(s.message.attempts) });
      }
    }
  }
  return rest;
}
