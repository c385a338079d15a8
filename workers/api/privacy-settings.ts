// `/api/v1/privacy-settings` (API scope `privacy_requests`): due days per kind, the reminder lead
// time and which requester notifications go out.

import { OpenAPIHono } from '@hono/zod-openapi';
import { updatePrivacySettings } from '../../db/privacy-templates';
import type { TenantSettings } from '../../db/schema';
import { errorResponses } from '../../shared/schemas/common';
import { PrivacySettings } from '../../shared/schemas/privacy-requests';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { apiRoute, json, jsonBody } from './openapi-helpers';

const pick = (s: TenantSettings) => ({
  dueDays: s.dueDays ?? {},
  reminderDays: s.reminderDays ?? 7,
  notify: s.notify ?? {},
});

const getSettings = apiRoute('privacy_requests', {
  method: 'get',
  path: '/',
  tags: ['Privacy settings'],
  summary: 'Due days, reminder lead time and notification switches',
  responses: { 200: json(PrivacySettings, 'The settings'), ...errorResponses() },
});
const putSettings = apiRoute('privacy_requests', {
  method: 'put',
  path: '/',
  tags: ['Privacy settings'],
  summary: 'Change the privacy settings (merged)',
  request: { body: jsonBody(PrivacySettings) },
  responses: { 200: json(PrivacySettings, 'The settings after the change'), ...errorResponses() },
});

export const privacySettingsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getSettings, (c) => c.json(pick(c.get('tenant').settings), 200))
  .openapi(putSettings, async (c) =>
    c.json(
      pick(await updatePrivacySettings(c.get('store').db, c.get('tenant').id, c.req.valid('json'))),
      200,
    ),
  );
