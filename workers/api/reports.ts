// `/api/v1/reports` (API scope `reports`): the real-time compliance report (JSON and CSV) read
// from the counters, its daily history, the record of processing activities (JSON and a
// printable page), and the profile report of the pseudonymised-profiles alpha. Counts only: no
// person appears in any of them.

import { OpenAPIHono } from '@hono/zod-openapi';
import { complianceReport } from '../../db/compliance-report';
import { errorResponses } from '../../shared/schemas/common';
import { ComplianceQuery, ComplianceReport } from '../../shared/schemas/reports';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { apiRoute, json } from './openapi-helpers';

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

export const reportRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  compliance,
  async (c) => {
    const { listId } = c.req.valid('query');
    const { report } = await complianceReport(c.get('store').d1, c.get('tenant').id, new Date(), listId);
    return c.json(report, 200);
  },
);
