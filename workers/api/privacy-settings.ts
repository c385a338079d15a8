// `/api/v1/privacy-settings` (API scope `privacy_requests`): due days per kind, the reminder lead
// time and which requester notifications go out; a change is audited and announced.

import { OpenAPIHono } from '@hono/zod-openapi';
import { updatePrivacySettings } from '../../db/privacy-templates';
import { tenantKeys } from '../../db/tenants';
import type { TenantSettings } from '../../db/schema';
import { errorResponses } from '../../shared/schemas/common';
import { PrivacySettings, PrivacySettingsChange } from '../../shared/schemas/privacy-requests';
import type { AppEnv } from '../env';
import { validationHook } from '../http/errors';
import { originOf } from '../http/actor';
import { dispatchEventsAfterResponse } from '../outbox/dispatch';
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
const putSettings = apiRoute(
  { scope: 'privacy_requests', permission: 'privacy_settings.manage' },
  {
    method: 'put',
    path: '/',
    tags: ['Privacy settings'],
    summary: 'Change the privacy settings (merged); audited and announced as tenant.settings_changed',
    request: { body: jsonBody(PrivacySettingsChange) },
    responses: { 200: json(PrivacySettings, 'The settings after the change'), ...errorResponses() },
  },
);

export const privacySettingsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getSettings, (c) => c.json(pick(c.get('tenant').settings), 200))
  .openapi(putSettings, async (c) => {
    const { settings, events } = await updatePrivacySettings(
      c.get('store').db,
      await tenantKeys(c.env.MASTER_KEY, c.get('tenant')),
      c.req.valid('json'),
      originOf(c),
    );
    c.set('audited', true);
    dispatchEventsAfterResponse(c, c.get('region'), events);
    return c.json(pick(settings), 200);
  });
