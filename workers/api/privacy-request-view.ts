// The API face of a privacy request: dates as ISO strings, internal columns left out.

import type { PrivacyRequest, RequestHistoryEntry } from '../../db/privacy-requests';
import type { PrivacyRequest as PrivacyRequestView } from '../../shared/schemas/privacy-requests';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentRequest(r: PrivacyRequest, history?: RequestHistoryEntry[]): PrivacyRequestView {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    channel: r.channel,
    subscriberId: r.subscriberId,
    language: r.language,
    evidence: r.evidence,
    receivedAt: r.receivedAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    monthDueAt: r.monthDueAt.toISOString(),
    verifiedAt: iso(r.verifiedAt),
    pausedAt: iso(r.pausedAt),
    extendedAt: iso(r.extendedAt),
    extensionReason: r.extensionReason,
    rejectReason: r.rejectReason as PrivacyRequestView['rejectReason'],
    rejectNote: r.rejectNote,
    resolvedAt: iso(r.resolvedAt),
    ...(history
      ? {
          history: history.map((h) => ({
            at: h.at.toISOString(),
            action: h.action,
            from: h.fromStatus as PrivacyRequestView['status'] | null,
            to: h.toStatus as PrivacyRequestView['status'],
            actor: h.actor,
            note: h.note,
          })),
        }
      : {}),
  };
}
