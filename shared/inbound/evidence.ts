// The evidence an inbound request keeps instead of the message: where it arrived, how the sender
// was identified, the message id and date, and which rules (never which words of the text)
// matched with what confidence. Nothing in it is personal data.

export type InboundRoute = 'reply' | 'unsubscribe' | 'privacy';

/** How we know who is asking. */
export type Identification =
  | 'reply_token'
  | 'unsubscribe_token'
  | 'authenticated_sender'
  | 'unauthenticated_sender';

export type InboundEvidenceInput = {
  route: InboundRoute;
  identifiedBy: Identification;
  /** Mechanism that authenticated the From domain, or why it did not. */
  auth: string;
  /** Our edge validated an ARC chain (`arc=pass`): a hint for a reviewer, not verification. */
  arc?: boolean;
  messageId: string | null;
  date: string | null;
  textSource: 'text' | 'html' | 'none';
  classification: {
    kind: string;
    confidence: number;
    language: string | null;
    matched: readonly string[];
  } | null;
  /** Why the request went to human review, when it did. */
  reviewReason?: string;
};

export function inboundEvidence(input: InboundEvidenceInput): Record<string, unknown> {
  return {
    source: 'inbound_email',
    route: input.route,
    identifiedBy: input.identifiedBy,
    auth: input.auth,
    ...(input.arc ? { arc: 'pass' } : {}),
    messageId: input.messageId?.slice(0, 250) ?? null,
    date: input.date,
    textSource: input.textSource,
    ...(input.classification
      ? {
          classifiedAs: input.classification.kind,
          confidence: Math.round(input.classification.confidence * 1000) / 1000,
          language: input.classification.language,
          matched: input.classification.matched.slice(0, 20).map((m) => m.slice(0, 80)),
        }
      : {}),
    ...(input.reviewReason ? { reviewReason: input.reviewReason } : {}),
  };
}
