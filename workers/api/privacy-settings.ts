// /api/v1/privacy-settings and /api/v1/privacy-templates: due days per kind, the reminder lead
// time, which requester notifications go out (a change is audited and announced), and the
// tenant's own wording of each of them.

import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  deleteNoticeTemplate,
  listNoticeTemplates,
  putNoticeTemplate,
  updatePrivacySettings,
} from '../../db/privacy-templates';
import type { TenantSettings } from '../../db/schema';
import { AppError } from '../../shared/errors';
import { PLACEHOLDERS } from '../../shared/privacy-notices';
import { errorResponses } from '../../shared/schemas/common';
import {
  PrivacySettings,
  PrivacySettingsChange,
  Template,
  TemplateBody,
  TemplateParams,
} from '../../shared/schemas/privacy-requests';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { dispatchEventsAfterResponse } from '../outbox/dispatch';
import { requireScope } from './auth';
import { json, jsonBody, security } from './openapi-helpers';

const pick = (s: TenantSettings) => ({
  dueDays: s.dueDays ?? {},
  reminderDays: s.reminderDays ?? 7,
  notify: s.notify ?? {},
});

const getSettings = createRoute({
  method: 'get',
  path: '/',
  tags: ['Privacy settings'],
  security,
  summary: 'Due days, reminder lead time and notification switches',
  responses: { 200: json(PrivacySettings, 'The settings'), ...errorResponses() },
});
const putSettings = createRoute({
  method: 'put',
  path: '/',
  tags: ['Privacy settings'],
  security,
  summary: 'Change the privacy settings (merged); audited and announced as tenant.settings_changed',
  request: { body: jsonBody(PrivacySettingsChange) },
  responses: { 200: json(PrivacySettings, 'The settings after the change'), ...errorResponses() },
});
const listTemplates = createRoute({
  method: 'get',
  path: '/',
  tags: ['Privacy settings'],
  security,
  summary: "The tenant's own notification texts",
  responses: {
    200: json(z.object({ data: z.array(Template), placeholders: z.array(z.string()) }), 'Templates'),
    ...errorResponses(),
  },
});
const putTemplate = createRoute({
  method: 'put',
  path: '/{stage}/{language}',
  tags: ['Privacy settings'],
  security,
  summary:
    'Set the text of one stage in one language; placeholders: {{tenant}} {{kind}} {{requestId}} {{dueDate}} {{link}} {{reason}} {{note}}',
  request: { params: TemplateParams, body: jsonBody(TemplateBody) },
  responses: { 200: json(Template, 'Stored'), ...errorResponses() },
});
const deleteTemplate = createRoute({
  method: 'delete',
  path: '/{stage}/{language}',
  tags: ['Privacy settings'],
  security,
  summary: 'Go back to the built-in text',
  request: { params: TemplateParams },
  responses: { 204: { description: 'Removed' }, ...errorResponses(404) },
});

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

export const privacySettingsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
privacySettingsRoutes.use('*', requireScope('privacy_requests'));

privacySettingsRoutes
  .openapi(getSettings, (c) => c.json(pick(c.get('tenant').settings), 200))
  .openapi(putSettings, async (c) => {
    const actor = { type: 'api_key' as const, id: c.get('principal').apiKeyId };
    const { settings, events } = await updatePrivacySettings(
      c.get('store').db,
      c.get('tenant').id,
      c.req.valid('json'),
      actor,
    );
    dispatchEventsAfterResponse(c, c.get('region'), events);
    return c.json(pick(settings), 200);
  });

export const privacyTemplateRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
privacyTemplateRoutes.use('*', requireScope('privacy_requests'));

privacyTemplateRoutes
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
