// `/api/v1/audit-log`: the workspace's audit log for owners and auditors (keys: scope `admin`):
// search newest first, CSV export in chain order, and the verification of the whole hash chain.
// IPs are decrypted for the answer; a row redacted by an erasure shows that it was.

import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { type AuditRow, auditIp, auditRowsInOrder, searchAudit, verifyAuditChain } from '../../db/audit-log';
import { tenantKeys } from '../../db/tenants';
import type { TenantKeys } from '../../shared/crypto/envelope';
import { toCsv } from '../../shared/csv';
import { AuditPageQuery, AuditQuery, AuditRowView, AuditVerdictView } from '../../shared/schemas/admin';
import { errorResponses, ListOf } from '../../shared/schemas/common';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { apiRoute, json } from './openapi-helpers';

const access = { scope: 'admin', permission: 'audit.read' } as const;

const searchRoute = apiRoute(access, {
  method: 'get',
  path: '/',
  tags: ['Audit log'],
  summary: 'Search the audit log, newest first',
  request: { query: AuditPageQuery },
  responses: { 200: json(ListOf(AuditRowView, 'AuditPage'), 'A page of rows'), ...errorResponses(403) },
});
const exportRoute = apiRoute(access, {
  method: 'get',
  path: '/export',
  tags: ['Audit log'],
  summary: 'The matching rows as CSV, oldest first',
  request: { query: AuditQuery },
  responses: {
    200: { description: 'CSV (RFC 4180)', content: { 'text/csv': { schema: z.string() } } },
    ...errorResponses(403),
  },
});
const verifyRoute = apiRoute(access, {
  method: 'get',
  path: '/verify',
  tags: ['Audit log'],
  summary: 'Recompute the hash chain: every row, every link, the stored head',
  responses: { 200: json(AuditVerdictView, 'The verdict'), ...errorResponses(403) },
});

type Filter = z.infer<typeof AuditQuery>;
const filterOf = (q: Filter) => ({
  ...q,
  from: q.from ? new Date(q.from) : undefined,
  to: q.to ? new Date(q.to) : undefined,
});

async function rowView(keys: TenantKeys, row: AuditRow): Promise<z.infer<typeof AuditRowView>> {
  return {
    seq: row.seq,
    id: row.id,
    at: row.at.toISOString(),
    actor: { type: row.actorType, id: row.actorId },
    action: row.action,
    target: row.targetType ? { type: row.targetType, id: row.targetId } : null,
    subjectId: row.subjectId,
    details: row.details,
    country: row.country,
    ip: await auditIp(keys, row),
    redacted: row.redactedBy !== null,
    hash: row.hash,
  };
}

/** A spreadsheet runs a cell that starts like a formula: such cells are written as text. */
const cell = (text: string | null) => (text && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const CSV_HEADERS = [
  'seq',
  'at',
  'actor_type',
  'actor_id',
  'action',
  'target_type',
  'target_id',
  'subject_id',
  'details',
  'country',
  'ip',
  'redacted',
  'hash',
];

const keysOf = (c: Context<AppEnv>) => tenantKeys(c.env.MASTER_KEY, c.get('tenant'));

export const auditLogRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(searchRoute, async (c) => {
    const { cursor, limit, ...q } = c.req.valid('query');
    const rows = await searchAudit(c.get('store').db, c.get('tenant').id, {
      ...filterOf(q),
      beforeSeq: cursor ? Number(cursor) : undefined,
      limit: limit + 1,
    });
    const keys = await keysOf(c);
    const page = rows.slice(0, limit);
    return c.json(
      {
        data: await Promise.all(page.map((r) => rowView(keys, r))),
        nextCursor: rows.length > limit ? String(page[page.length - 1]!.seq) : null,
      },
      200,
    );
  })
  .openapi(exportRoute, async (c) => {
    const keys = await keysOf(c);
    const lines: (string | number | boolean | null)[][] = [];
    for await (const rows of auditRowsInOrder(
      c.get('store').db,
      c.get('tenant').id,
      filterOf(c.req.valid('query')),
    )) {
      for (const row of rows) {
        const v = await rowView(keys, row);
        lines.push([
          v.seq,
          v.at,
          v.actor.type,
          cell(v.actor.id),
          cell(v.action),
          cell(v.target?.type ?? null),
          cell(v.target?.id ?? null),
          v.subjectId,
          cell(JSON.stringify(v.details)),
          v.country,
          v.ip,
          v.redacted,
          v.hash,
        ]);
      }
    }
    return c.body(toCsv(CSV_HEADERS, lines), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="audit-log.csv"',
    });
  })
  .openapi(verifyRoute, async (c) =>
    c.json(await verifyAuditChain(c.get('store').db, c.get('tenant').id), 200),
  );
