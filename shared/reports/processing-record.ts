// The record of processing activities (GDPR Art. 30(1)) of one tenant, assembled from its live
// configuration: contacts, lists and forms, profile fields, recipients, storage location,
// retention and the technical measures in force, each measure naming the setting or module that
// implements it. Pure: db/processing-record.ts reads the rows, this shapes them.

import type { Controller, EuRepresentative, PrivacyOfficer, SubProcessor } from '../schemas/tenant-settings';

export type RecordInput = {
  tenant: { name: string; region: 'eu' | 'us' };
  settings: {
    controller?: Controller;
    privacyOfficer?: PrivacyOfficer;
    euRepresentative?: EuRepresentative;
    subProcessors?: SubProcessor[];
    unconfirmedPurgeDays?: number;
    pseudonymisedProfiles?: boolean;
    minAggregate?: number;
    homeRegionRules?: unknown;
  };
  lists: {
    id: string;
    name: string;
    purpose: string;
    lawfulBasis: string;
    doubleOptIn: boolean;
    retentionDays: number | null;
  }[];
  forms: { id: string; name: string; listIds: string[]; notices: { language: string; version: number }[] }[];
  profileFields: { key: string; label: string; type: string }[];
  webhookHosts: string[];
  periods: {
    unconfirmedPurgeDays: number;
    idempotencyHours: number;
    snapshotDays: number;
    requestDueDays: number;
    minAggregate: number;
  };
};

export type Measure = { measure: string; detail: string; implementedBy: string };

/** Fields held about every subscriber, whatever the tenant configures. */
const ALWAYS_HELD = [
  'email address (encrypted; blind index for lookups)',
  'name, when given (encrypted)',
  'IP address and user agent at consent (encrypted with the consent evidence)',
  'country and home region (EU, non-EU, unknown) with its source',
  'consent events (hash-chained) and link clicks (time, country, outcome)',
];

export function processingRecord(input: RecordInput, generatedAt: Date) {
  const { tenant, settings, periods } = input;
  const eu = tenant.region === 'eu';
  const measures: Measure[] = [
    {
      measure: 'Field encryption with a key per subscriber',
      detail:
        "Address, name, profile and evidence are encrypted (AES-256-GCM) under the subscriber's own data key, wrapped by the tenant key",
      implementedBy: 'shared/crypto/envelope.ts',
    },
    {
      measure: 'Blind index',
      detail: 'Addresses are found by a keyed HMAC of the normalised address, never by the address itself',
      implementedBy: 'shared/crypto/blind-index.ts',
    },
    {
      measure: 'Crypto-shredding on erasure',
      detail:
        "An erasure deletes the subscriber's data key with every personal row in one transaction; only counts and a suppression index remain",
      implementedBy: 'db/erasure.ts',
    },
    {
      measure: 'Jurisdiction pinning',
      detail: eu
        ? 'Rows live in the EU database (created with jurisdiction eu); Durable Objects are pinned to the EU jurisdiction'
        : 'Rows live in the US database',
      implementedBy: `tenant region "${tenant.region}"; db/regions.ts`,
    },
    {
      measure: 'Pseudonyms for EU and unlocated subscribers',
      detail: 'The API shows them as anon-… without address or name',
      implementedBy: 'db/subscribers.ts isAnonymised',
    },
    {
      measure: 'Tamper-evident consent log',
      detail: 'Each consent event is hashed over its content and the previous event',
      implementedBy: 'db/consent-log.ts',
    },
    ...(settings.pseudonymisedProfiles
      ? [
          {
            measure: 'Pseudonymised profile reports (alpha)',
            detail: `EU and unlocated subscribers appear only in cells of at least ${periods.minAggregate} people`,
            implementedBy:
              'tenant settings pseudonymisedProfiles, minAggregate; shared/reports/k-anonymity.ts',
          },
        ]
      : []),
    ...(settings.homeRegionRules
      ? [
          {
            measure: 'Home-region rules',
            detail:
              'Unlocated subscribers are placed by the domain of their address; a rule never takes anyone out of the EU that anything else placed there',
            implementedBy: 'tenant setting homeRegionRules; shared/home-region-rules.ts',
          },
        ]
      : []),
  ];
  return {
    generatedAt: generatedAt.toISOString(),
    controller: settings.controller ?? { name: tenant.name },
    privacyOfficer: settings.privacyOfficer ?? null,
    euRepresentative: settings.euRepresentative ?? null,
    purposes: input.lists.map((l) => ({
      listId: l.id,
      name: l.name,
      purpose: l.purpose,
      lawfulBasis: l.lawfulBasis,
      doubleOptIn: l.doubleOptIn,
      forms: input.forms
        .filter((f) => f.listIds.includes(l.id))
        .map((f) => ({ formId: f.id, name: f.name, notices: f.notices })),
    })),
    dataSubjects: [
      'Subscribers to the lists above and people who signed up through the forms above',
      'People who filed a privacy request',
    ],
    personalData: {
      alwaysHeld: ALWAYS_HELD,
      profileFields: input.profileFields,
    },
    recipients: {
      webhookHosts: input.webhookHosts,
      subProcessors: settings.subProcessors ?? [],
    },
    storage: {
      region: tenant.region,
      location: eu ? 'European Union' : 'United States',
      meaning: eu
        ? 'Personal data is stored and processed in the EU database and EU-pinned Durable Objects'
        : "Personal data is stored in the US database; EU residents' data leaves the EU (see transfers)",
    },
    transfers: [
      ...(eu
        ? []
        : [
            {
              to: 'United States',
              what: 'All personal data of this tenant',
              mechanism: 'Set by the controller',
            },
          ]),
      ...(settings.subProcessors ?? [])
        .filter((p) => p.transferMechanism)
        .map((p) => ({ to: `${p.name} (${p.country})`, what: p.purpose, mechanism: p.transferMechanism! })),
    ],
    retention: [
      {
        data: 'Unconfirmed double opt-in sign-ups',
        period: `${periods.unconfirmedPurgeDays} days`,
        implementedBy: 'tenant setting unconfirmedPurgeDays; hourly sweep unconfirmed-purge',
      },
      {
        data: 'Stored API answers (Idempotency-Key)',
        period: `${periods.idempotencyHours} hours`,
        implementedBy: 'hourly sweep idempotency-keys',
      },
      {
        data: 'Daily report snapshots (counts only)',
        period: `${periods.snapshotDays} days`,
        implementedBy: 'hourly sweep report-snapshots',
      },
      {
        data: 'Privacy requests',
        period: `answered within ${periods.requestDueDays} days unless extended; kept as the record of the answer`,
        implementedBy: 'tenant privacy settings; shared/due-dates.ts',
      },
      ...input.lists.map((l) => ({
        data: `Subscribers of "${l.name}"`,
        period: l.retentionDays ? `${l.retentionDays} days` : 'until withdrawal, objection or erasure',
        implementedBy: 'list retentionDays',
      })),
    ],
    technicalMeasures: measures,
  };
}

export type ProcessingRecord = ReturnType<typeof processingRecord>;
