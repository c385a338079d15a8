// GET/PATCH /api/v1/tenant/settings: the link intercept, the intercept's NO, inbound-mail
// handling, the unconfirmed sign-up purge, the branding of subscriber pages and the controller,
// data protection officer and EU representative they name (API scope `admin`).

import { OpenAPIHono } from '@hono/zod-openapi';
import type { OutboxRef } from '../../db/outbox';
import { settingsView, updateTenantSettings } from '../../db/tenant-settings';
import { TENANT_CACHE_TTL_MS } from '../../db/tenant-cache';
import { tenantKeys } from '../../db/tenants';
import { errorResponses } from '../../shared/schemas/common';
import { TenantSettingsPatch, TenantSettingsView } from '../../shared/schemas/tenant-settings';
import type { AppEnv } from '../env';
import { originOf } from '../http/actor';
import { validationHook } from '../http/errors';
import { dispatchEventsAfterResponse } from '../outbox/dispatch';
import { apiRoute, json, jsonBody } from './openapi-helpers';

const view = (description: string) => json(TenantSettingsView, description);

const getSettings = apiRoute('admin', {
  method: 'get',
  path: '/',
  tags: ['Tenant'],
  summary: "The tenant's settings (null: the built-in default)",
  responses: { 200: view('The settings'), ...errorResponses() },
});
const patchSettings = apiRoute('admin', {
  method: 'patch',
  path: '/',
  tags: ['Tenant'],
  summary: `Change some settings; null goes back to the default. Takes effect at once, on link clicks within ${TENANT_CACHE_TTL_MS / 1000} s`,
  description:
    'Pages, mails and API answers read the new settings at once. Link clicks read tenants through a per-isolate cache: the isolate that made the change forgets it at once, every other isolate within the cache TTL. URLs are stored normalised (https only, no credentials), colours in lower case.',
  request: { body: jsonBody(TenantSettingsPatch) },
  responses: { 200: view('The settings after the change'), ...errorResponses() },
});

export const tenantSettingsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

tenantSettingsRoutes
  .openapi(getSettings, (c) => c.json(settingsView(c.get('tenant').settings), 200))
  .openapi(patchSettings, async (c) => {
    const keys = await tenantKeys(c.env.MASTER_KEY, c.get('tenant'));
    const events: OutboxRef[] = [];
    const view = await updateTenantSettings(
      c.get('store').db,
      keys,
      c.req.valid('json'),
      originOf(c),
      events,
    );
    c.set('audited', true);
    dispatchEventsAfterResponse(c, c.get('region'), events);
    return c.json(view, 200);
  });
