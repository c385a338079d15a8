// Contracts of the reports (`/api/v1/reports/*`): the real-time compliance report, its daily
// history, and the profile report of the pseudonymised-profiles alpha. No person appears in any
// of them, only counts.

import { z } from 'zod';
import { PERSON_STATES, SUBSCRIPTION_STATES } from '../reports/states';

const Counts = z.record(z.string(), z.number());

const complianceFields = {
  total: z.number().meta({ description: 'Everyone in these cells' }),
  active: z
    .number()
    .meta({ description: 'Still on a list: valid, other basis, consent unknown, awaiting confirmation' }),
  mailable: z
    .number()
    .meta({ description: 'May be mailed lawfully: valid consent, or a list on another lawful basis' }),
  percent: z
    .number()
    .nullable()
    .meta({ description: 'mailable / active in percent (one decimal); null when nobody is active' }),
};

const cellsOf = <S extends string>(states: readonly S[]) =>
  z.object(Object.fromEntries(states.map((s) => [s, z.number()])) as Record<S, z.ZodNumber>);

const regionsOf = <C extends z.ZodType>(cells: C, id: string) => {
  const region = z.object({ cells, ...complianceFields });
  return z
    .object({ eu: region, non_eu: region, unknown: region, all: region })
    .meta({ id, description: 'By home region, and all regions together' });
};

const PersonRegions = regionsOf(cellsOf(PERSON_STATES), 'PeopleByRegion');
const ListRegions = regionsOf(cellsOf(SUBSCRIPTION_STATES), 'ListSubscribersByRegion');

export const ComplianceReport = z
  .object({
    generatedAt: z.string(),
    day: z.string().meta({ description: 'The UTC day of generatedAt' }),
    inventory: z.object({
      overall: PersonRegions.meta({
        description:
          'People by home region and overall state (the best state of their subscriptions; `no_list`: none). States: valid (consent with evidence, or a confirmed double opt-in), other_basis (a list on contract or legitimate interest), unknown (imported without evidence), pending_confirmation (awaiting the double opt-in click), withdrawn, refused, bounced, erasure_pending (an identity-confirmed erasure is open)',
      }),
      lists: z.array(
        z.object({ listId: z.string(), name: z.string(), lawfulBasis: z.string(), regions: ListRegions }),
      ),
    }),
    regionsResolved: z
      .array(z.object({ week: z.string(), total: z.number(), bySource: Counts, byRegion: Counts }))
      .meta({
        description:
          'Unknown home regions resolved per ISO week (named by its Monday), newest first, last 26 weeks: by source (form_geo, click_geo, api, rule, …) and by resulting region',
      }),
    subscribers: z.object({
      total: z.number(),
      byRegion: Counts,
      byStatus: Counts,
      erased: z.number(),
      erasedByRegion: Counts,
      everByRegion: Counts,
    }),
    consentEvents: z.object({ live: Counts, erased: Counts, ever: Counts, total: z.number() }),
    privacyRequests: z.object({
      byKind: Counts,
      byStatus: Counts,
      overdue: z.number(),
      open: z.object({
        total: z.number(),
        byKind: Counts,
        overdue: z.number(),
        dueIn7Days: z.number().meta({ description: 'Open requests due within the next 7 days' }),
      }),
      closedLast90Days: z.number(),
      medianDaysToClose: z.number().nullable().meta({
        description: 'Median days from receipt to resolution of requests resolved in the last 90 days',
      }),
    }),
    erasures: z.number(),
    suppressions: Counts,
  })
  .meta({ id: 'ComplianceReport' });
export type ComplianceReport = z.infer<typeof ComplianceReport>;

export const ComplianceQuery = z.object({
  listId: z
    .string()
    .max(40)
    .optional()
    .meta({ description: 'Only this list in `inventory.lists` (404 if unknown)' }),
});

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

export const HistoryQuery = z
  .object({
    from: Day.optional().meta({ description: 'First day (default: 400 days ago)' }),
    to: Day.optional().meta({ description: 'Last day (default: today)' }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, 'from must not be after to.');

export const ComplianceHistory = z
  .object({
    data: z.array(
      z.object({
        day: z.string(),
        overall: PersonRegions,
        lists: z.array(z.object({ listId: z.string(), name: z.string(), regions: ListRegions })),
      }),
    ),
  })
  .meta({ id: 'ComplianceHistory', description: 'One snapshot a day (UTC), oldest first, kept 400 days' });

export const ProfileQuery = z.object({
  field: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a profile field key')
    .meta({ description: 'The profile field to break down' }),
});

const Value = z.union([z.string(), z.number(), z.boolean()]);

export const ProfileReport = z
  .object({
    field: z.string(),
    k: z.number().meta({ description: 'No aggregate cell counts fewer people' }),
    detail: z
      .array(z.object({ value: Value, n: z.number() }))
      .meta({ description: 'Non-EU subscribers, value by value' }),
    aggregate: z
      .object({
        cells: z.array(z.object({ value: Value, n: z.number() })),
        other: z.number().meta({ description: 'People in merged smaller cells (at least k), or 0' }),
        suppressed: z.boolean().meta({ description: 'Fewer than k people in all: nothing is shown' }),
      })
      .meta({ description: 'EU and unknown-region subscribers: cells of at least k people only' }),
    counting: z
      .object({
        complete: z.boolean().meta({
          description:
            'False while the backfill is still counting the people who were there before the setting was turned on: the cells are not complete yet',
        }),
        since: z.string().nullable().meta({ description: 'When the backfill began (null: not yet)' }),
        completedAt: z.string().nullable().meta({ description: 'When the backfill counted the last person' }),
      })
      .meta({ description: 'Whether every subscriber is counted' }),
  })
  .meta({ id: 'ProfileReport' });

const Contact = z.object({ name: z.string() }).passthrough();
const Retention = z.object({ data: z.string(), period: z.string(), implementedBy: z.string() });

export const ProcessingRecord = z
  .object({
    generatedAt: z.string(),
    controller: Contact,
    privacyOfficer: Contact.nullable(),
    euRepresentative: Contact.nullable(),
    purposes: z.array(
      z.object({
        listId: z.string(),
        name: z.string(),
        purpose: z.string(),
        lawfulBasis: z.string(),
        doubleOptIn: z.boolean(),
        forms: z.array(
          z.object({
            formId: z.string(),
            name: z.string(),
            notices: z.array(z.object({ language: z.string(), version: z.number() })),
          }),
        ),
      }),
    ),
    dataSubjects: z.array(z.string()),
    personalData: z.object({
      alwaysHeld: z.array(z.string()),
      profileFields: z.array(z.object({ key: z.string(), label: z.string(), type: z.string() })),
    }),
    recipients: z.object({
      webhookHosts: z.array(z.string()).meta({ description: 'Active webhook endpoints, by host' }),
      subProcessors: z.array(
        z.object({ name: z.string(), purpose: z.string(), country: z.string() }).passthrough(),
      ),
    }),
    storage: z.object({ region: z.string(), location: z.string(), meaning: z.string() }),
    transfers: z.array(z.object({ to: z.string(), what: z.string(), mechanism: z.string() })),
    retention: z.array(Retention),
    technicalMeasures: z.array(
      z.object({
        measure: z.string(),
        detail: z.string(),
        implementedBy: z.string().meta({ description: 'The setting or module that implements it' }),
      }),
    ),
  })
  .meta({ id: 'ProcessingRecord', description: 'GDPR Art. 30(1), generated from the live configuration' });
