// Whether one subscriber of a list may be sent a message, from the compliance state of their
// subscription (shared/reports/states.ts): a mailable state, no suppression, and where the
// tenant's link intercept would ask for consent (EU subscribers, or everyone), the valid consent
// the intercept accepts, not another lawful basis alone. Otherwise why the recipient is skipped.

import type { InterceptMode } from '../intercept-answer';
import { MAILABLE_STATES, type SubscriptionState } from '../reports/states';

export type SkipReason =
  | Exclude<SubscriptionState, 'valid' | 'other_basis'>
  | 'suppressed'
  | 'consent_required'
  | 'erased'
  | 'cancelled'
  /** Outside the message's profile filter (decided while composing, shared/sending/profile-filter.ts). */
  | 'profile_mismatch';

/** Whether the intercept would ask this subscriber for consent (their home region, the tenant's mode). */
export function interceptWantsConsent(mode: InterceptMode | undefined, homeRegion: string): boolean {
  const m = mode ?? 'eu';
  return m === 'all' || (m === 'eu' && homeRegion === 'eu');
}

/** Null when the recipient may be sent the message; otherwise why not. */
export function skipReason(
  recipient: { state: SubscriptionState; consentValid: boolean; suppressed: boolean; homeRegion: string },
  mode: InterceptMode | undefined,
): SkipReason | null {
  if (recipient.suppressed) return 'suppressed';
  if (!MAILABLE_STATES.includes(recipient.state))
    return recipient.state as Exclude<SubscriptionState, 'valid' | 'other_basis'>;
  if (!recipient.consentValid && interceptWantsConsent(mode, recipient.homeRegion)) return 'consent_required';
  return null;
}
