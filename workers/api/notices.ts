// `/api/v1/notices`: versioned notice texts (API scope `consent`). Publishing a changed text makes
// a new version; an unchanged text keeps its version.

import { OpenAPIHono } from '@hono/zod-openapi';
import { listNotices } from '../../db/notice-queries';
import { publishNotice } from '../../db/notices';
import { errorResponses, ListOf, PageQuery } from '../../shared/schemas/common';
import { Notice, NoticeInput, NoticeQuery } from '../../shared/schemas/lists';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { apiRoute, json, jsonBody } from './openapi-helpers';
import { noticeView } from './views';

const publishNoticeRoute = apiRoute(
  { scope: 'consent', permission: 'marketing.write' },
  {
    method: 'post',
    path: '/',
    tags: ['Notices'],
    summary: 'Publish a notice text (an unchanged text keeps its version)',
    request: { body: jsonBody(NoticeInput) },
    responses: { 200: json(Notice, 'The current version'), ...errorResponses(403) },
  },
);
const listNoticesRoute = apiRoute(
  { scope: 'consent', permission: 'marketing.read' },
  {
    method: 'get',
    path: '/',
    tags: ['Notices'],
    summary: 'Published notice versions, newest first',
    request: { query: PageQuery.extend(NoticeQuery.shape) },
    responses: { 200: json(ListOf(Notice, 'NoticePage'), 'A page of versions'), ...errorResponses(403) },
  },
);

export const noticeRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(publishNoticeRoute, async (c) => {
    const n = c.req.valid('json');
    return c.json(
      noticeView(await publishNotice(c.get('store').db, c.get('tenant').id, n.key, n.language, n.text)),
      200,
    );
  })
  .openapi(listNoticesRoute, async (c) => {
    const q = c.req.valid('query');
    const page = await listNotices(c.get('store').db, c.get('tenant').id, q, q.cursor, q.limit);
    return c.json({ data: page.rows.map(noticeView), nextCursor: page.nextCursor }, 200);
  });
