// The tenant settings a client changes through the API (/api/v1/tenant/settings): the link
// intercept, the intercept's NO, inbound-mail handling, the unconfirmed sign-up purge, the
// branding of the pages a subscriber sees and the people responsible for their data (controller,
// data protection officer, EU representative), home-region rules, the tenant's processors and
// the reporting of profiles. Null in a patch removes a setting (the default).

import { z } from 'zod';
import { isDomainName } from '../crypto/blind-index';
import { parseDestination } from '../link-tokens';

/** The URL in canonical form when it is https with a host and no credentials; else null. */
export function publicHttpsUrl(value: string): string | null {
  const url = parseDestination(value);
  return url?.startsWith('https://') ? url : null;
}

const HttpsUrl = z
  .string()
  .max(2048)
  .refine((v) => publicHttpsUrl(v) !== null, 'must be an absolute https URL with a host and no credentials')
  .overwrite((v) => publicHttpsUrl(v) ?? v);

/** One line of text people read: no control characters (it also names the sender of mails). */
const Line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must be one line without control characters');

const Country = z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 country code, e.g. NL.');
const PostalAddress = z
  .string()
  .overwrite((v) => v.replace(/\r\n?/g, '\n'))
  .trim()
  .min(1)
  .max(500)
  .regex(/^[^\p{Cc}]*(?:\n[^\p{Cc}]*)*$/u, 'lines of text, separated by line breaks')
  .meta({ description: 'Postal address; lines separated by \\n' });
const contactFields = {
  name: Line(200),
  email: z.email().max(320).optional(),
  address: PostalAddress.optional(),
};
const reachable = (c: { email?: string; address?: string }) =>
  c.email !== undefined || c.address !== undefined;

export const Controller = z
  .strictObject({
    ...contactFields,
    contact: z.string().trim().min(1).max(320).optional().meta({ description: 'Free-text contact' }),
    country: Country.optional(),
  })
  .meta({ id: 'Controller', description: 'The controller named on pages and in consent records' });
export type Controller = z.infer<typeof Controller>;

export const PrivacyOfficer = z
  .strictObject(contactFields)
  .refine(reachable, 'Give an email or a postal address.')
  .meta({ id: 'PrivacyOfficer', description: 'The data protection officer (Art. 37 GDPR)' });
export type PrivacyOfficer = z.infer<typeof PrivacyOfficer>;

export const EuRepresentative = z
  .strictObject({ ...contactFields, country: Country.optional() })
  .refine(reachable, 'Give an email or a postal address.')
  .meta({ id: 'EuRepresentative', description: 'The representative in the EU (Art. 27 GDPR)' });
export type EuRepresentative = z.infer<typeof EuRepresentative>;

export const DisplayName = Line(100);

/** A domain as an address ends in it: lower case, IDN in ASCII, at least two labels. */
const DomainName = z
  .string()
  .trim()
  .max(253)
  .overwrite((v) => asciiDomain(v) ?? v)
  .refine(
    (v) => asciiDomain(v) === v,
    'must be a domain such as example.de that an address can end in (no @, no scheme, no wildcard)',
  );

/** The domain in the form an address's domain takes after normalisation, or null. */
function asciiDomain(value: string): string | null {
  const input = value.normalize('NFC').toLowerCase().replace(/\.$/, '');
  if (!/^[^\s@/\\:*?#%]+$/.test(input)) return null;
  try {
    const host = new URL(`http://${input}`).hostname;
    return isDomainName(host) ? host : null;
  } catch {
    return null;
  }
}

export const HomeRegionRules = z
  .strictObject({
    euCountryDomains: z.boolean().optional().meta({
      description: 'An address whose domain ends in the ccTLD of an EU member state, or .eu, is in the EU',
    }),
    domains: z
      .array(z.strictObject({ domain: DomainName, region: z.enum(['eu', 'non_eu']) }))
      .max(500)
      .optional()
      .meta({ description: 'An address at this domain or one of its subdomains is in this region' }),
  })
  .refine(
    (r) => r.euCountryDomains === true || (r.domains?.length ?? 0) > 0,
    'This rule set matches no address: set euCountryDomains to true or name at least one domain.',
  )
  .refine(
    (r) => new Set(r.domains?.map((d) => d.domain)).size === (r.domains?.length ?? 0),
    'Each domain may appear once.',
  )
  .meta({
    id: 'HomeRegionRules',
    description:
      'Applied to new subscribers whose location is unknown and by POST /subscribers/home-regions/evaluate; never turns an EU region into non-EU unless a rule set it',
  });
export type HomeRegionRules = z.infer<typeof HomeRegionRules>;

export const SubProcessor = z
  .strictObject({
    name: Line(200),
    purpose: Line(500),
    country: Country.meta({ description: 'Where it processes the data (ISO 3166-1 alpha-2)' }),
    transferMechanism: Line(300)
      .optional()
      .meta({ description: 'For a transfer out of the EU: adequacy decision, SCCs, …' }),
  })
  .meta({
    id: 'SubProcessor',
    description: 'A processor or recipient of the tenant, named in the Art. 30 record',
  });
export type SubProcessor = z.infer<typeof SubProcessor>;

/** The smallest k of k-anonymous report cells; below 2 every cell could be one person. */
export const MinAggregate = z.number().int().min(2).max(1000);
/** k when the tenant sets none. */
export const DEFAULT_MIN_AGGREGATE = 5;

export const AccentColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb')
  .overwrite((v) => v.toLowerCase());

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
  displayName: DisplayName.meta({ description: 'The name pages and mails show (default: the tenant name)' }),
  logoUrl: HttpsUrl.meta({ description: 'Logo shown on every page a subscriber sees (https only)' }),
  accentColor: AccentColor.meta({
    description: 'Accent of buttons and the page header, #rrggbb; text on it is black or white by contrast',
  }),
  privacyPolicyUrl: HttpsUrl.meta({ description: 'Linked in the footer of every page (https only)' }),
  privacyOfficer: PrivacyOfficer,
  euRepresentative: EuRepresentative,
  homeRegionRules: HomeRegionRules,
  subProcessors: z.array(SubProcessor).max(50).meta({
    description: 'Processors and recipients of the tenant, listed in the record of processing activities',
  }),
  pseudonymisedProfiles: z.boolean().meta({
    description:
      'Alpha: profile reports by value (GET /reports/profiles); EU and unknown-region people only in cells of at least minAggregate',
  }),
  minAggregate: MinAggregate.meta({
    description: `k: no report cell about EU people counts fewer (default ${DEFAULT_MIN_AGGREGATE}, at least 2)`,
  }),
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
    displayName: fields.displayName.nullable().optional(),
    logoUrl: fields.logoUrl.nullable().optional(),
    accentColor: fields.accentColor.nullable().optional(),
    privacyPolicyUrl: fields.privacyPolicyUrl.nullable().optional(),
    privacyOfficer: fields.privacyOfficer.nullable().optional(),
    euRepresentative: fields.euRepresentative.nullable().optional(),
    homeRegionRules: fields.homeRegionRules.nullable().optional(),
    subProcessors: fields.subProcessors.nullable().optional(),
    pseudonymisedProfiles: fields.pseudonymisedProfiles.nullable().optional(),
    minAggregate: fields.minAggregate.nullable().optional(),
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
    displayName: fields.displayName.nullable(),
    logoUrl: fields.logoUrl.nullable(),
    accentColor: fields.accentColor.nullable(),
    privacyPolicyUrl: fields.privacyPolicyUrl.nullable(),
    privacyOfficer: fields.privacyOfficer.nullable(),
    euRepresentative: fields.euRepresentative.nullable(),
    homeRegionRules: fields.homeRegionRules.nullable(),
    subProcessors: fields.subProcessors.nullable(),
    pseudonymisedProfiles: fields.pseudonymisedProfiles.nullable(),
    minAggregate: fields.minAggregate.nullable(),
  })
  .meta({ id: 'TenantSettings' });
export type TenantSettingsView = z.infer<typeof TenantSettingsView>;

export const TENANT_SETTING_KEYS = Object.keys(fields) as (keyof TenantSettingsView)[];
