import { describe, expect, it } from 'vitest';
import {
  nextStatus,
  REJECT_REASON_CODES,
  REJECT_REASONS,
  REQUEST_ACTIONS,
  REQUEST_STATUSES,
  verificationLapsedBefore,
  verificationLapsesAt,
  VERIFY_TTL_SECONDS,
  type RequestAction,
  type RequestKind,
  type RequestStatus,
} from '../../shared/request-lifecycle';

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
  ['awaiting_verification', 'close', 'access', 'completed'],
  ['open', 'close', 'portability', 'completed'],
  ['paused', 'close', 'rectification', 'completed'],
  ['executing', 'close', 'access', null],
  ['completed', 'close', 'access', null],
  ['awaiting_verification', 'withdraw', 'erasure', 'withdrawn'],
  ['open', 'withdraw', 'erasure', 'withdrawn'],
  ['paused', 'withdraw', 'access', 'withdrawn'],
  ['executing', 'withdraw', 'erasure', null],
  ['completed', 'withdraw', 'rectification', null],
  ['rejected', 'withdraw', 'erasure', null],
  ['withdrawn', 'withdraw', 'erasure', null],
  ['withdrawn', 'verify', 'erasure', null],
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

  it('ends: nothing leaves completed, rejected or withdrawn', () => {
    for (const status of ['completed', 'rejected', 'withdrawn'] as const) {
      for (const action of REQUEST_ACTIONS) {
        for (const kind of ['erasure', 'access', 'objection'] as const)
          expect(nextStatus(status, action, { kind, extended: false }).ok).toBe(false);
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

  it('an unconfirmed request of any kind can be closed for identity_not_verified (Art. 12(6))', () => {
    for (const kind of [
      'erasure',
      'access',
      'portability',
      'rectification',
      'objection',
      'unsubscribe',
      'review',
    ] as const) {
      expect(nextStatus('awaiting_verification', 'reject', { kind, extended: false })).toEqual({
        ok: true,
        to: 'rejected',
      });
    }
    expect(REJECT_REASON_CODES).toContain('identity_not_verified');
    expect(REJECT_REASONS.identity_not_verified).toMatch(/Art\. 12\(6\)/);
  });

  it('a confirmation request lapses one hour after its last link expires, never before', () => {
    const sent = new Date('2026-03-01T10:00:00Z');
    expect(VERIFY_TTL_SECONDS).toBe(30 * 86_400);
    expect(verificationLapsesAt(sent).toISOString()).toBe('2026-03-31T11:00:00.000Z');
    const lapsed = new Date('2026-03-31T11:00:00Z');
    expect(verificationLapsedBefore(lapsed).getTime()).toBe(sent.getTime());
    expect(verificationLapsedBefore(new Date(lapsed.getTime() - 1)).getTime()).toBeLessThan(sent.getTime());
  });
});
