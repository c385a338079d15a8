// `/api/v1/reports` (API scope `reports`): the real-time compliance report (JSON and CSV) read
// from the counters, its daily history, the record of processing activities (JSON and a
// printable page), and the profile report of the pseudonymised-profiles alpha. Counts and
// configuration only: no person appears in any of them.

import { OpenAPIHono } from '@hono/zod-openapi';
import { complianceReport } from '../../db/compliance-report';
import { processingRecordOf } from '../../db/processing-record';
import { profileReport } from '../../db/profile-counters';
import { snapshotsOf, SNAPSHOT_DAYS } from '../../db/report-snapshots';
import { backfillState } from '../../db/profile-backfill';
import { tenantKeys } from '../../db/tenants';
import { AppError } from '../../shared/errors';
import { daysBefore, dayOf } from '../../shared/reports/calendar';
import { complianceCsv } from '../../shared/reports/compliance-csv';
import { errorResponses } from '../../shared/schemas/common';
import {
  ComplianceHistory,
  ComplianceQuery,
  ComplianceReport,
  HistoryQuery,
  ProcessingRecord,
  ProfileQuery,
  ProfileReport,
} from '../../shared/schemas/reports';
import { DEFAULT_MIN_AGGREGATE } from '../../shared/schemas/tenant-settings';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { brandingOf } from '../../shared/branding';
import { renderPage } from '../http/pages/layout';
import { apiRoute, json } from './openapi-helpers';
import { ProcessingRecordPage } from './processing-record-page';

const tags = ['Reports'];

const compliance = apiRoute('reports', {
  method: 'get',
  path: '/compliance',
  tags,
  summary:
    'The compliance inventory in real time: people and each list by home region and state, with the share that may be mailed lawfully',
  description:
    'Read from counters that move in the same transaction as every state change (a few indexed reads, whatever the number of subscribers), reconciled hourly. Also: open, overdue and soon-due privacy requests, the median time to close, home regions resolved per week, and the totals of earlier versions of this report (erased people stay in totals "ever").',
  request: { query: ComplianceQuery },
  responses: { 200: json(ComplianceReport, 'The report'), ...errorResponses(403, 404) },
});

const complianceCsvRoute = apiRoute('reports', {
  method: 'get',
  path: '/compliance.csv',
  tags,
  summary: 'The compliance inventory as CSV: one row per list (and all lists) and home region',
  request: { query: ComplianceQuery },
  responses: {
    200: { description: 'RFC 4180 CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
    ...errorResponses(403, 404),
  },
});

const history = apiRoute('reports', {
  method: 'get',
  path: '/compliance/history',
  tags,
  summary: `The inventory of each day (a chart's data), kept ${SNAPSHOT_DAYS} days`,
  request: { query: HistoryQuery },
  responses: { 200: json(ComplianceHistory, 'Snapshots, oldest first'), ...errorResponses(400, 403) },
});

const record = apiRoute('reports', {
  method: 'get',
  path: '/processing-record',
  tags,
  summary: 'The record of processing activities (GDPR Art. 30), generated from the live configuration',
  responses: { 200: json(ProcessingRecord, 'The record'), ...errorResponses(403) },
});

const recordPage = apiRoute('reports', {
  method: 'get',
  path: '/processing-record.html',
  tags,
  summary: 'The same record as a printable page',
  responses: {
    200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } },
    ...errorResponses(403),
  },
});

const profiles = apiRoute('reports', {
  method: 'get',
  path: '/profiles',
  tags,
  summary:
    'Alpha (tenant setting pseudonymisedProfiles): people by the values of one profile field; EU and unknown-region people only in cells of at least k',
  request: { query: ProfileQuery },
  responses: { 200: json(ProfileReport, 'The cells'), ...errorResponses(403, 409) },
});

export const reportRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(compliance, async (c) => {
    const { listId } = c.req.valid('query');
    const { report } = await complianceReport(c.get('store').d1, c.get('tenant').id, new Date(), listId);
    return c.json(report, 200);
  })
  .openapi(complianceCsvRoute, async (c) => {
    const { listId } = c.req.valid('query');
    const now = new Date();
    const { report } = await complianceReport(c.get('store').d1, c.get('tenant').id, now, listId);
    return c.body(complianceCsv(report.inventory), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="compliance-${dayOf(now)}.csv"`,
    });
  })
  .openapi(history, async (c) => {
    const today = dayOf(new Date());
    const q = c.req.valid('query');
    const data = await snapshotsOf(
      c.get('store').db,
      c.get('tenant').id,
      q.from ?? daysBefore(today, SNAPSHOT_DAYS - 1),
      q.to ?? today,
    );
    return c.json({ data }, 200);
  })
  .openapi(record, async (c) => c.json(await processingRecordOf(c.get('store').db, c.get('tenant')), 200))
  .openapi(recordPage, async (c) => {
    const tenant = c.get('tenant');
    const data = await processingRecordOf(c.get('store').db, tenant);
    return renderPage(
      c,
      { lang: 'en', title: 'Record of processing activities', branding: brandingOf(tenant) },
      <ProcessingRecordPage record={data} />,
    );
  })
  .openapi(profiles, async (c) => {
    const tenant = c.get('tenant');
    if (!tenant.settings.pseudonymisedProfiles)
      throw new AppError(
        'conflict',
        'Profile reports are off: set pseudonymisedProfiles in the tenant settings.',
      );
    const keys = await tenantKeys(c.env.MASTER_KEY, tenant);
    const k = tenant.settings.minAggregate ?? DEFAULT_MIN_AGGREGATE;
    const { db } = c.get('store');
    const [report, backfill] = await Promise.all([
      profileReport(db, keys, c.req.valid('query').field, k),
      backfillState(db, tenant.id),
    ]);
    const counting = {
      complete: !backfill.running,
      since: backfill.startedAt?.toISOString() ?? null,
      completedAt: backfill.doneAt?.toISOString() ?? null,
    };
    return c.json({ ...report, counting }, 200);
  });
