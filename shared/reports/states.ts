// The vocabulary of the compliance inventory: the state of a subscription (one per subscriber and
// list), a person's overall state, which states may be mailed lawfully and which count as still
// on a list; and the compliance percentage of a set of cells. The SQL that puts each
// subscription in its state is db/subscription-state.ts.

/** Best first: the order decides a person's overall state (their best subscription). */
export const SUBSCRIPTION_STATES = [
  'valid',
  'other_basis',
  'unknown',
  'pending_confirmation',
  'withdrawn',
  'refused',
  'bounced',
  'erasure_pending',
] as const;
export type SubscriptionState = (typeof SUBSCRIPTION_STATES)[number];

/** A person's overall state: the best of their subscriptions', or `no_list` without any. */
export const PERSON_STATES = [...SUBSCRIPTION_STATES, 'no_list'] as const;
export type PersonState = (typeof PERSON_STATES)[number];

/** May be mailed lawfully: valid consent, or a list on another lawful basis (contract, legitimate interest). */
export const MAILABLE_STATES: readonly PersonState[] = ['valid', 'other_basis'];

/** Still on a list as far as they know: the denominator of the compliance percentage. */
export const ACTIVE_STATES: readonly PersonState[] = [
  'valid',
  'other_basis',
  'unknown',
  'pending_confirmation',
];

export const HOME_REGIONS = ['eu', 'non_eu', 'unknown'] as const;
export type HomeRegion = (typeof HOME_REGIONS)[number];

export type Compliance = {
  /** Everyone in these cells. */
  total: number;
  /** Still on a list: valid, other basis, consent unknown, awaiting confirmation. */
  active: number;
  /** May be mailed lawfully: valid consent or another lawful basis. */
  mailable: number;
  /** mailable / active in percent, one decimal; null when nobody is active. */
  percent: number | null;
};

export function complianceOf(cells: Partial<Record<PersonState, number>>): Compliance {
  const sum = (states: readonly PersonState[]) => states.reduce((n, st) => n + (cells[st] ?? 0), 0);
  const active = sum(ACTIVE_STATES);
  const mailable = sum(MAILABLE_STATES);
  return {
    total: sum(PERSON_STATES),
    active,
    mailable,
    percent: active === 0 ? null : Math.round((mailable / active) * 1000) / 10,
  };
}
