// What the privacy-request screens share: the request as the API shows it, the dashboard's
// actions mapped onto the lifecycle (shared/request-lifecycle.ts) to know which a request allows,
// and the API path of each.

import type { z } from 'zod';
import { nextStatus, type RequestAction } from '../shared/request-lifecycle';
import type { PrivacyRequest as PrivacyRequestSchema } from '../shared/schemas/privacy-requests';

export type PrivacyRequest = z.infer<typeof PrivacyRequestSchema>;

/** The dashboard's buttons, each the lifecycle action it performs; `confirm` executes the request. */
export const REQUEST_BUTTONS = [
  'verify',
  'confirm',
  'complete',
  'extend',
  'pause',
  'resume',
  'reject',
] as const;
export type RequestButton = (typeof REQUEST_BUTTONS)[number];

const LIFECYCLE: Record<RequestButton, RequestAction> = {
  verify: 'verify',
  confirm: 'start',
  complete: 'complete',
  extend: 'extend',
  pause: 'pause',
  resume: 'resume',
  reject: 'reject',
};

/** The buttons the request's status and kind allow (the role is checked by the caller). */
export function allowedButtons(r: PrivacyRequest): RequestButton[] {
  return REQUEST_BUTTONS.filter(
    (b) => nextStatus(r.status, LIFECYCLE[b], { kind: r.kind, extended: r.extendedAt !== null }).ok,
  );
}

export const actionPath = (id: string, b: RequestButton) =>
  `/api/v1/privacy-requests/${encodeURIComponent(id)}/${b}`;
