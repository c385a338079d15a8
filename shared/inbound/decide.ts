// What an inbound message asks for, as the pipeline acts on it: the new text (quoted reply
// stripped), the classifier's verdict, and the tenant's threshold. Below the threshold, or when
// the classifier itself wants a person, the request is `review`; a message with no intent at all
// "fits nothing" (forwarded to the tenant's inbox when one is configured).

import { classifyIntent, type IntentKind, type IntentResult } from '../intent/classify';
import { normaliseText, REPLY_PREFIX_RE } from '../intent/normalise';
import { stripQuotedReply } from '../intent/quoted';

export const DEFAULT_AUTO_THRESHOLD = 0.6;

export type IntentDecision = {
  kind: IntentKind;
  classification: IntentResult | null;
  reviewReason?: 'no_text' | 'no_intent' | 'classifier_review' | 'low_confidence' | 'possible_auto_reply';
  /** No intent recognised at all: forward to the tenant's inbox when set, else a review item. */
  fitsNothing: boolean;
};

/**
 * The subject counts only when the sender wrote it: on a reply ("Re: …") it is our own
 * newsletter's subject, and "Re: Delete old photos in one tap" must not read as an erasure.
 */
export function senderSubject(subject: string): string {
  return REPLY_PREFIX_RE.test(normaliseText(subject)) ? '' : subject;
}

export function clampThreshold(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.min(1, Math.max(0, value))
    : DEFAULT_AUTO_THRESHOLD;
}

export function decideIntent(
  mail: { subject: string; text: string; textSource: 'text' | 'html' | 'none' },
  threshold: number | undefined,
): IntentDecision {
  const text = mail.textSource === 'none' ? '' : stripQuotedReply(mail.text).trim();
  const subject = senderSubject(mail.subject).trim();
  if (!text && !subject)
    return { kind: 'review', classification: null, reviewReason: 'no_text', fitsNothing: false };
  const classification = classifyIntent({ subject, text });
  if (classification.kind === 'review') {
    const none = classification.matched.length === 0;
    return {
      kind: 'review',
      classification,
      reviewReason: none ? 'no_intent' : 'classifier_review',
      fitsNothing: none,
    };
  }
  if (classification.confidence < clampThreshold(threshold))
    return { kind: 'review', classification, reviewReason: 'low_confidence', fitsNothing: false };
  return { kind: classification.kind, classification, fitsNothing: false };
}
