// The life of a privacy request as an explicit state machine: which action may move a request
// from which status to which, and which kinds the system fulfils itself (erasure, access,
// portability) versus the kinds the client fulfils and marks complete. Pure: no I/O.

export const REQUEST_KINDS = [
  'erasure',
  'access',
  'portability',
  'rectification',
  'objection',
  'unsubscribe',
  'review',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const REQUEST_STATUSES = [
  'awaiting_verification',
  'open',
  'paused',
  'executing',
  'completed',
  'rejected',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_CHANNELS = [
  'preference_centre',
  'unsubscribe_page',
  'link_intercept',
  'email',
  'api',
  'admin',
] as const;

export const REQUEST_ACTIONS = [
  'verify',
  'pause',
  'resume',
  'extend',
  'start',
  'finish',
  'reject',
  'complete',
  'close',
  'withdraw',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** Kinds the product carries out itself: `confirm` executes them (and the clock, for erasures). */
export const SYSTEM_FULFILLED: readonly RequestKind[] = ['erasure', 'access', 'portability'];

/** Kinds the client carries out in its own systems and then marks `complete`. */
export const CLIENT_FULFILLED: readonly RequestKind[] = [
  'rectification',
  'objection',
  'unsubscribe',
  'review',
];

/** Statuses in which a request is still open, and so absorbs duplicates. */
export const OPEN_STATUSES: readonly RequestStatus[] = [
  'awaiting_verification',
  'open',
  'paused',
  'executing',
];

/** How long a confirmation link (Art. 12(6)) stays valid after it was mailed. */
export const VERIFY_TTL_SECONDS = 30 * 86_400;

/** Slack after the last link's expiry, so no link sealed a moment after its record still works. */
export const VERIFY_GRACE_MS = 3_600_000;

/**
 * When a request still awaiting confirmation lapses: once every confirmation link it may have
 * been sent has expired. `lastLinkAt` is the newest moment a link can have gone out (its filing,
 * or a duplicate merged into it, which an inbound mail answers with a fresh link).
 */
export function verificationLapsesAt(lastLinkAt: Date): Date {
  return new Date(lastLinkAt.getTime() + VERIFY_TTL_SECONDS * 1000 + VERIFY_GRACE_MS);
}

/** The latest `lastLinkAt` whose links have all lapsed by `now`: the inverse of `verificationLapsesAt`. */
export function verificationLapsedBefore(now: Date): Date {
  return new Date(now.getTime() - VERIFY_TTL_SECONDS * 1000 - VERIFY_GRACE_MS);
}

type Rule = { from: readonly RequestStatus[]; to: RequestStatus | 'same'; kinds?: readonly RequestKind[] };

/**
 * The transition table. `start` also accepts `executing`, so an execution interrupted after it
 * claimed the request (a crash, an evicted object) can be resumed by the next alarm.
 */
export const TRANSITIONS: Record<RequestAction, Rule> = {
  verify: { from: ['awaiting_verification'], to: 'open' },
  pause: { from: ['open'], to: 'paused' },
  resume: { from: ['paused'], to: 'open' },
  extend: { from: ['open', 'paused'], to: 'same' },
  start: { from: ['open', 'executing'], to: 'executing', kinds: SYSTEM_FULFILLED },
  finish: { from: ['executing'], to: 'completed', kinds: SYSTEM_FULFILLED },
  reject: { from: ['awaiting_verification', 'open', 'paused'], to: 'rejected' },
  complete: { from: ['open', 'paused'], to: 'completed', kinds: CLIENT_FULFILLED },
  // The person's data was erased by another request: nothing of theirs is left to access,
  // correct or object to, so their other requests are answered by that erasure.
  close: { from: ['awaiting_verification', 'open', 'paused'], to: 'completed' },
  // The requester takes the request back (cancel in the preference centre) while nothing has
  // been carried out yet; an erasure already executing can no longer be withdrawn.
  withdraw: { from: ['awaiting_verification', 'open', 'paused'], to: 'withdrawn' },
};

export type TransitionContext = { kind: RequestKind; extended: boolean };

export type TransitionResult = { ok: true; to: RequestStatus } | { ok: false; reason: string };

/** Where `action` takes a request in `status`, or why it may not. */
export function nextStatus(
  status: RequestStatus,
  action: RequestAction,
  ctx: TransitionContext,
): TransitionResult {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    return { ok: false, reason: `A request that is ${status.replace('_', ' ')} cannot be ${PAST[action]}.` };
  }
  if (rule.kinds && !rule.kinds.includes(ctx.kind)) {
    return action === 'complete'
      ? {
          ok: false,
          reason: `The product fulfils ${ctx.kind} requests itself: confirm it instead of completing it.`,
        }
      : { ok: false, reason: `A ${ctx.kind} request is fulfilled by the client: mark it complete instead.` };
  }
  // Art. 12(3): the period may be extended once, by up to two further months.
  if (action === 'extend' && ctx.extended)
    return { ok: false, reason: 'The request has already been extended once.' };
  return { ok: true, to: rule.to === 'same' ? status : rule.to };
}

const PAST: Record<RequestAction, string> = {
  verify: 'verified',
  pause: 'paused',
  resume: 'resumed',
  extend: 'extended',
  start: 'executed',
  finish: 'finished',
  reject: 'rejected',
  complete: 'completed',
  close: 'closed',
  withdraw: 'withdrawn',
};

/**
 * Reasons to refuse a request: the Art. 17(3) exemptions from erasure, and the two Art. 12
 * grounds that apply to every kind (manifestly unfounded or excessive; identity not established).
 */
export const REJECT_REASONS = {
  freedom_of_expression: 'Art. 17(3)(a): exercising the right of freedom of expression and information',
  legal_obligation: 'Art. 17(3)(b): compliance with a legal obligation or a task in the public interest',
  public_health: 'Art. 17(3)(c): reasons of public interest in the area of public health',
  archiving_research:
    'Art. 17(3)(d): archiving in the public interest, scientific or historical research, statistics',
  legal_claims: 'Art. 17(3)(e): the establishment, exercise or defence of legal claims',
  manifestly_unfounded: 'Art. 12(5): the request is manifestly unfounded or excessive',
  identity_not_verified: 'Art. 12(6) and 11(2): the identity of the requester could not be established',
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;
export const REJECT_REASON_CODES = Object.keys(REJECT_REASONS) as [RejectReason, ...RejectReason[]];
