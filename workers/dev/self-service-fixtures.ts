// Local-only fixture for trying the preference centre and the unsubscribe page (`npm run dev`,
// the browser tests): `POST /__dev/self-service/links?region=eu` makes a subscriber of the demo
// tenant (confirmed on its newsletter, with a profile and interests) and answers with a
// preference link and an unsubscribe link for them, as the send pipeline would put in a mail.

import { Hono } from 'hono';
import { and, eq } from 'drizzle-orm';
import { captureConsent } from '../../db/consent-capture';
import { createList, createProfileField } from '../../db/lists';
import { currentNotice } from '../../db/notices';
import { regional } from '../../db/regions';
import { lists, profileFields } from '../../db/schema';
import { findTenantBySlug, tenantKeys } from '../../db/tenants';
import type { Db } from '../../db/client';
import { masterKeyring } from '../../shared/crypto/keyring';
import { AppError } from '../../shared/errors';
import { mintPreferenceLink, mintUnsubscribeLink } from '../../shared/link-tokens';
import { isRegion } from '../../shared/regions';
import type { ProfileFieldInput } from '../../shared/schemas/lists';
import type { AppEnv } from '../env';

const DEMO_FIELDS: ProfileFieldInput[] = [
  { key: 'city', label: 'City', type: 'text' },
  { key: 'company', label: 'Company', type: 'text' },
  { key: 'cycling', label: 'Cycling', type: 'boolean' },
  { key: 'running', label: 'Running', type: 'boolean' },
];

/** The demo tenant's profile fields and a second list to subscribe to, made once. */
async function ensureDemoShape(db: Db, tenantId: string) {
  const have = await db
    .select({ key: profileFields.key })
    .from(profileFields)
    .where(eq(profileFields.tenantId, tenantId));
  for (const field of DEMO_FIELDS)
    if (!have.some((h) => h.key === field.key)) await createProfileField(db, tenantId, field);
  const [news] = await db
    .select({ id: lists.id })
    .from(lists)
    .where(and(eq(lists.tenantId, tenantId), eq(lists.name, 'Product news')));
  if (!news)
    await createList(db, tenantId, {
      name: 'Product news',
      purpose: 'New products and events, a few times a year',
      lawfulBasis: 'consent',
      doubleOptIn: true,
    });
}

export const selfServiceFixtures = new Hono<AppEnv>();

selfServiceFixtures.post('/links', async (c) => {
  const region = c.req.query('region') ?? 'eu';
  if (!isRegion(region)) throw new AppError('bad_request', 'region must be eu or us.');
  const { db } = regional(c.env, region);
  const tenant = await findTenantBySlug(db, `demo-${region}`);
  if (!tenant) throw new AppError('not_found', 'Seed the demo tenants first (POST /__dev/seed).');
  await ensureDemoShape(db, tenant.id);
  const [newsletter] = await db
    .select()
    .from(lists)
    .where(and(eq(lists.tenantId, tenant.id), eq(lists.name, 'Newsletter')));
  if (!newsletter) throw new AppError('not_found', 'The demo newsletter list is missing.');
  const notice = newsletter.noticeKey
    ? await currentNotice(db, tenant.id, newsletter.noticeKey, 'en')
    : undefined;
  const captured = await captureConsent(db, await tenantKeys(c.env.MASTER_KEY, tenant), {
    email: c.req.query('email') ?? `reader-${crypto.randomUUID().slice(0, 8)}@example.org`,
    name: 'Alex Demo',
    language: c.req.query('language') ?? 'en',
    profile: { city: 'Utrecht', cycling: true },
    settings: tenant.settings,
    lists: [newsletter],
    occurredAt: new Date(),
    geo: { country: 'NL', region: null, isEU: true },
    ip: null,
    userAgent: null,
    notice: notice ?? null,
    source: { type: 'admin', id: 'dev-fixture' },
    homeRegionSource: 'admin',
    confirmedAt: new Date(),
  });
  const ring = await masterKeyring(c.env.MASTER_KEY);
  const who = { tenantId: tenant.id, subscriberId: captured.subscriber.id };
  const preferences = await mintPreferenceLink(ring, c.env.PUBLIC_ORIGIN, who);
  const unsubscribe = await mintUnsubscribeLink(ring, c.env.PUBLIC_ORIGIN, {
    ...who,
    listId: newsletter.id,
    messageId: null,
  });
  return c.json(
    {
      subscriberId: captured.subscriber.id,
      email: captured.email,
      tenantId: tenant.id,
      preferencesUrl: preferences.url,
      unsubscribeUrl: unsubscribe.url,
      linkFormUrl: `${c.env.PUBLIC_ORIGIN}/p?tenant=${tenant.id}`,
    },
    201,
  );
});
