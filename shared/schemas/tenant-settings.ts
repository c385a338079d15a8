// The tenant settings a client changes through the API (/api/v1/tenant/settings): the link
// intercept, the intercept's NO, inbound-mail handling, the unconfirmed sign-up purge and the
// controller named in consent records. Null in a patch removes a setting (the built-in default).

import { z } from 'zod';

export const Controller = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    contact: z.string().trim().min(1).max(320).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 country code, e.g. NL.')
      .optional(),
  })
  .meta({ id: 'Controller' });

const fields = {
  intercept: z
    .enum(['off', 'eu', 'all'])
    .meta({ description: 'Link intercept: off, EU clickers only (default), or everyone' }),
  interceptNoAction: z
    .enum(['objection', 'unsubscribe'])
    .meta({ description: 'What a NO on the intercept page files (default unsubscribe)' }),
  inboundAutoThreshold: z
    .number()
    .min(0)
    .max(1)
    .meta({ description: 'Confidence an inbound mail needs to be acted on without review' }),
  acknowledgeInbound: z
    .boolean()
    .meta({ description: 'Answer inbound privacy mail with an acknowledgement' }),
  inboundForwardTo: z.email().max(320).meta({ description: 'Where inbound mail that needs a person goes' }),
  unconfirmedPurgeDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .meta({ description: 'Days after which unconfirmed double opt-in sign-ups are purged' }),
  controller: Controller,
};

export const TenantSettingsPatch = z
  .strictObject({
    intercept: fields.intercept.nullable().optional(),
    interceptNoAction: fields.interceptNoAction.nullable().optional(),
    inboundAutoThreshold: fields.inboundAutoThreshold.nullable().optional(),
    acknowledgeInbound: fields.acknowledgeInbound.nullable().optional(),
    inboundForwardTo: fields.inboundForwardTo.nullable().optional(),
    unconfirmedPurgeDays: fields.unconfirmedPurgeDays.nullable().optional(),
    controller: fields.controller.nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'Name at least one setting to change.')
  .meta({ id: 'TenantSettingsPatch' });
export type TenantSettingsPatch = z.infer<typeof TenantSettingsPatch>;

/** The settings as stored; null where the tenant keeps the built-in default. */
export const TenantSettingsView = z
  .object({
    intercept: fields.intercept.nullable(),
    interceptNoAction: fields.interceptNoAction.nullable(),
    inboundAutoThreshold: fields.inboundAutoThreshold.nullable(),
    acknowledgeInbound: fields.acknowledgeInbound.nullable(),
    inboundForwardTo: fields.inboundForwardTo.nullable(),
    unconfirmedPurgeDays: fields.unconfirmedPurgeDays.nullable(),
    controller: fields.controller.nullable(),
  })
  .meta({ id: 'TenantSettings' });
export type TenantSettingsView = z.infer<typeof TenantSettingsView>;

export const TENANT_SETTING_KEYS = Object.keys(fields) as (keyof TenantSettingsView)[];
