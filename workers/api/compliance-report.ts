// GET /api/v1/reports/compliance: aggregate counts of the tenant (no person appears in it).

import { OpenAPIHono, z } from '@hono/zod-openapi';
import { complianceReport } from '../../db/compliance-report';
import { errorResponses } from '../../shared/schemas/common';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { apiRoute, json } from './openapi-helpers';

const Counts = z.record(z.string(), z.number());
const ComplianceReport = z
  .object({
    generatedAt: z.string(),
    subscribers: z.object({
      total: z.number(),
      byRegion: Counts,
      byStatus: Counts,
      erased: z.number(),
      erasedByRegion: Counts,
      everByRegion: Counts,
    }),
    consentEvents: z.object({ live: Counts, erased: Counts, ever: Counts, total: z.number() }),
    privacyRequests: z.object({ byKind: Counts, byStatus: Counts, overdue: z.number() }),
    erasures: z.number(),
    suppressions: Counts,
  })
  .meta({ id: 'ComplianceReport' });

const report = apiRoute('reports', {
  method: 'get',
  path: '/',
  tags: ['Reports'],
  summary:
    'Subscribers by region and status, consent events, privacy requests and erasures; erased people stay in the totals as counts',
  responses: { 200: json(ComplianceReport, 'The report'), ...errorResponses(403) },
});

export const complianceReportRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
complianceReportRoutes.openapi(report, async (c) =>
  c.json(await complianceReport(c.get('store').db, c.get('tenant').id), 200),
);
