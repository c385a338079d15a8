// Contracts of the forms on the subscriber's own pages: the actions of the preference centre
// (`POST /p/:token`, one form per action, named by its button), the "send me my link" form
// (`POST /p`) and the unsubscribe page's button or RFC 8058 one-click body (`POST /u/:token`).

import { z } from 'zod';

const Id = z.string().min(1).max(64);

/** Profile inputs are named `f_<field key>`; their values are checked against the field definitions. */
export const PROFILE_INPUT_PREFIX = 'f_';
/** Interest checkboxes (boolean fields) post their field keys under this name. */
export const INTEREST_INPUT = 'interest';

export const PreferenceAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('subscribe'), list: Id, notice: z.string().min(1).max(100) }),
  z.object({ action: z.literal('unsubscribe'), list: Id }),
  z.object({ action: z.literal('withdraw_all') }),
  z.object({
    action: z.literal('interests'),
    [INTEREST_INPUT]: z.union([z.string().max(40), z.array(z.string().max(40)).max(100)]).optional(),
  }),
  // Names and values are checked against the tenant's fields (shared/preferences/profile-edit.ts).
  z.looseObject({ action: z.literal('profile'), name: z.string().optional() }),
  z.object({ action: z.literal('address'), email: z.string().max(1000) }),
  z.object({ action: z.literal('download'), format: z.enum(['json', 'zip']) }),
  z.object({ action: z.literal('erase') }),
  z.object({ action: z.literal('cancel'), request: Id }),
]);
export type PreferenceAction = z.infer<typeof PreferenceAction>;

/** Codes of the confirmation a preference centre shows after a change (`?done=`). */
export const PREFERENCE_DONE = [
  'subscribed',
  'unsubscribed',
  'withdrawn_all',
  'interests',
  'profile',
  'address_sent',
  'erasure_filed',
  'cancelled',
  'download_later',
  'nothing_changed',
] as const;
export const PreferenceDone = z.enum(PREFERENCE_DONE);
export type PreferenceDone = z.infer<typeof PreferenceDone>;

export const LinkRequestForm = z.object({
  tenant: z.string().min(1).max(64),
  email: z.string().max(1000),
});

export const LinkRequestQuery = z.object({ tenant: z.string().min(1).max(64) });

/** RFC 8058 §3.1: the body a mail client's one-click unsubscribe POSTs. */
export const ONE_CLICK_BODY = { name: 'List-Unsubscribe', value: 'One-Click' } as const;
