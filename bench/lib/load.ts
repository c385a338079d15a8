// Load from Node: a closed loop of concurrent clients for a time (each sends its next request when
// the previous one is answered), a fixed number of requests with a bounded number in flight, and
// time-sliced rounds that cycle through scenarios so that every scenario shares a round's window.

import { addSample, emptySample, type Sample } from './stats';

export type Send = (i: number) => Promise<Response>;

/** `concurrency` clients for `seconds`; a request counts when its status is `expect`. */
export async function closedLoop(
  send: Send,
  seconds: number,
  concurrency: number,
  expect: (status: number) => boolean = (s) => s >= 200 && s < 300,
): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          const res = await send(next++);
          await res.arrayBuffer();
          if (expect(res.status)) latencies.push(performance.now() - t0);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, requests: latencies.length, seconds: (performance.now() - started) / 1000, errors };
}

/** `total` requests with `concurrency` in flight; returns the failures and the seconds it took. */
export async function drive(
  total: number,
  concurrency: number,
  send: Send,
): Promise<{ failed: number; seconds: number }> {
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const res = await send(next++);
        if (!res.ok) failed++;
        await res.arrayBuffer();
      }
    }),
  );
  return { failed, seconds: (performance.now() - started) / 1000 };
}

/** A scenario of a time-sliced round: `run` loads it for the seconds it is given. */
export type SlicedScenario = { name: string; run: (seconds: number) => Promise<Sample> };

/**
 * One round: every scenario gets `seconds` in `slices` turns, cycling through them in `order`
 * (callers reverse it every other round), so slow drift on a shared machine hits all alike.
 */
export async function slicedRound(
  order: SlicedScenario[],
  seconds: number,
  slices: number,
): Promise<Map<string, Sample>> {
  const samples = new Map(order.map((s) => [s.name, emptySample()]));
  for (let slice = 0; slice < slices; slice++) {
    for (const s of order) addSample(samples.get(s.name)!, await s.run(seconds / slices));
  }
  return samples;
}
