import { describe, expect, it } from 'vitest';
import { nextStatus, REQUEST_ACTIONS, REQUEST_STATUSES, type RequestAction, type RequestKind, type RequestStatus } from '../../shared/request-lifecycle';

type Row = [RequestStatus, RequestAction, RequestKind, RequestStatus | null, boolean?];

// [from, action, kind, to (null = refused), already extended]
const TABLE: Row[] = [
  ['awaiting_verification', 'verify', 'erasure', 'open'],
  ['open', 'verify', 'erasure', null],
  ['open', 'pause', 'access', 'paused'],
  ['paused', 'pause', 'access', null],
  ['paused', 'resume', 'access', 'open'],
  ['open', 'resume', 'access', null],
  ['open', 'extend', 'erasure', 'open'],
  ['paused', 'extend', 'erasure', 'paused'],
  ['open', 'extend', 'erasure', null, true],
  ['completed', 'extend', 'erasure', null],
  ['awaiting_verification', 'extend', 'erasure', null],
  ['open', 'start', 'erasure', 'executing'],
  ['executing', 'start', 'erasure', 'executing'],
  ['open', 'start', 'portability', 'executing'],
  ['open', 'start', 'rectification', null],
  ['awaiting_verification', 'start', 'erasure', null],
  ['paused', 'start', 'erasure', null],
  ['completed', 'start', 'erasure', null],
  ['rejected', 'start', 'erasure', null],
  ['executing', 'finish', 'access', 'completed'],
  ['open', 'finish', 'access', null],
  ['awaiting_verification', 'reject', 'erasure', 'rejected'],
  ['open', 'reject', 'erasure', 'rejected'],
  ['paused', 'reject', 'objection', 'rejected'],
  ['executing', 'reject', 'erasure', null],
  ['completed', 'reject', 'erasure', null],
  ['rejected', 'reject', 'erasure', null],
  ['open', 'complete', 'objection', 'completed'],
  ['paused', 'complete', 'unsubscribe', 'completed'],
  ['open', 'complete', 'erasure', null],
  ['open', 'complete', 'access', null],
  ['completed', 'complete', 'rectification', null],
  ['awaiting_verification', 'complete', 'rectification', null],
];

describe('request lifecycle', () => {
  it.each(TABLE)('%s --%s--> (%s) = %s', (from, action, kind, to, extended = false) => {
    const result = nextStatus(from, action, { kind, extended });
    if (to === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
    } else {
      expect(result).toEqual({ ok: true, to });
    }
  });

  it('ends: nothing leaves completed or rejected', () => {
    for (const status of ['completed', 'rejected'] as const) {
      for (const action of REQUEST_ACTIONS) {
        for (const kind of ['erasure', 'access', 'objection'] as const) expect(nextStatus(status, action, { kind, extended: false }).ok).toBe(false);
      }
    }
  });

  it('every status is reachable and every action legal somewhere', () => {
    const reached = new Set<string>(['awaiting_verification', 'open']);
    const used = new Set<string>();
    for (const from of REQUEST_STATUSES) {
      for (const action of REQUEST_ACTIONS) {
        for (const kind of ['erasure', 'objection'] as const) {
          const r = nextStatus(from, action, { kind, extended: false });
          if (r.ok) {
            reached.add(r.to);
            used.add(action);
          }
        }
      }
    }
    expect([...reached].sort()).toEqual([...REQUEST_STATUSES].sort());
    expect([...used].sort()).toEqual([...REQUEST_ACTIONS].sort());
  });
});
