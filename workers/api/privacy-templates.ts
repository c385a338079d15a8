// `/api/v1/privacy-templates` (API scope `privacy_requests`): the tenant's own wording of each
// requester notification, per stage and language; deleting one goes back to the built-in text.

import { OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteNoticeTemplate, listNoticeTemplates, putNoticeTemplate } from '../../db/privacy-templates';
import { AppError } from '../../shared/errors';
import { PLACEHOLDERS } from '../../shared/privacy-notices';
import { errorResponses } from '../../shared/schemas/common';
import { Template, TemplateBody, TemplateParams } from '../../shared/schemas/privacy-requests';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { apiRoute, json, jsonBody } from './openapi-helpers';

const listTemplates = apiRoute('privacy_requests', {
  method: 'get',
  path: '/',
  tags: ['Privacy settings'],
  summary: "The tenant's own notification texts",
  responses: {
    200: json(z.object({ data: z.array(Template), placeholders: z.array(z.string()) }), 'Templates'),
    ...errorResponses(),
  },
});
const putTemplate = apiRoute(
  { scope: 'privacy_requests', permission: 'privacy_settings.manage' },
  {
    method: 'put',
    path: '/{stage}/{language}',
    tags: ['Privacy settings'],
    summary:
      'Set the text of one stage in one language; placeholders: {{tenant}} {{kind}} {{requestId}} {{dueDate}} {{link}} {{reason}} {{note}}',
    request: { params: TemplateParams, body: jsonBody(TemplateBody) },
    responses: { 200: json(Template, 'Stored'), ...errorResponses() },
  },
);
const deleteTemplate = apiRoute(
  { scope: 'privacy_requests', permission: 'privacy_settings.manage' },
  {
    method: 'delete',
    path: '/{stage}/{language}',
    tags: ['Privacy settings'],
    summary: 'Go back to the built-in text',
    request: { params: TemplateParams },
    responses: { 204: { description: 'Removed' }, ...errorResponses(404) },
  },
);

/** `{{link}}` must survive a tenant's rewording of the mails whose point is the link. */
function checkTemplate(stage: string, text: { subject: string; body: string }) {
  const unknown = [...`${text.subject} ${text.body}`.matchAll(/\{\{\s*(\w+)\s*\}\}/g)]
    .map((m) => m[1]!)
    .filter((n) => !(PLACEHOLDERS as readonly string[]).includes(n));
  if (unknown.length) throw new AppError('validation_failed', `Unknown placeholder {{${unknown[0]}}}.`);
  if ((stage === 'verify' || stage === 'export_ready') && !/\{\{\s*link\s*\}\}/.test(text.body)) {
    throw new AppError('validation_failed', `The ${stage} text must contain {{link}}.`);
  }
}

export const privacyTemplateRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listTemplates, async (c) => {
    const rows = await listNoticeTemplates(c.get('store').db, c.get('tenant').id);
    return c.json(
      {
        data: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
        placeholders: [...PLACEHOLDERS],
      },
      200,
    );
  })
  .openapi(putTemplate, async (c) => {
    const { stage, language } = c.req.valid('param');
    const text = c.req.valid('json');
    checkTemplate(stage, text);
    const row = await putNoticeTemplate(c.get('store').db, c.get('tenant').id, { stage, language, ...text });
    return c.json(
      {
        stage: row.stage,
        language: row.language,
        subject: row.subject,
        body: row.body,
        updatedAt: row.updatedAt.toISOString(),
      },
      200,
    );
  })
  .openapi(deleteTemplate, async (c) => {
    const { stage, language } = c.req.valid('param');
    if (!(await deleteNoticeTemplate(c.get('store').db, c.get('tenant').id, stage, language)))
      throw new AppError('not_found', 'No template of the tenant for this stage and language.');
    return c.body(null, 204);
  });
