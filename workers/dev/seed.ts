// Demo data for local development: the tenants `demo-eu` and `demo-us`, each with an API key, an
// admin user, a list with its consent notice, and the credentials to try them. Reachable only
// through the local-only dev routes.

import { createAdminUser } from '../../db/admin-users';
import { createApiKey } from '../../db/api-keys';
import { createForm } from '../../db/forms';
import { lists } from '../../db/schema';
import { publishNotice } from '../../db/notices';
import { regional } from '../../db/regions';
import { createTenant, findTenantBySlug, tenantKeys } from '../../db/tenants';
import { masterKeyring } from '../../shared/crypto/keyring';
import { newId, type Region } from '../../shared/regions';
import { workspaceName } from '../../shared/workspace';
import type { Bindings } from '../env';

export type DemoCredentials = {
  slug: string;
  tenantId: string;
  region: Region;
  apiKey: string;
  /** The owner who signs in to the dashboard: `POST /api/auth/sign-in` with these three. */
  admin: { workspace: string; email: string; password: string };
  listId: string;
  formId: string;
};

/** Pages a developer serves locally (e.g. `python3 -m http.server`) may embed the demo form. */
const DEMO_ORIGINS = ['http://localhost:8000', 'http://127.0.0.1:8000'];

const NOTICE_TEXT =
  'I agree that {tenant} may send me its newsletter by email and record this consent (time, place, address and this text) as proof. I can withdraw at any time through the link in every email.';

/** Creates a demo tenant unless its slug exists (then returns null: its credentials are on disk). */
export async function seedDemoTenant(env: Bindings, region: Region): Promise<DemoCredentials | null> {
  const { db } = regional(env, region);
  const slug = `demo-${region}`;
  if (await findTenantBySlug(db, slug)) return null;
  const ring = await masterKeyring(env.MASTER_KEY);
  const name = region === 'eu' ? 'Demo Shop Europe' : 'Demo Shop US';
  const tenant = await createTenant(db, ring, {
    region,
    slug,
    name,
    settings: {
      controller: { name, contact: `privacy@${slug}.example`, country: region === 'eu' ? 'NL' : 'US' },
    },
  });
  const keys = await tenantKeys(env.MASTER_KEY, tenant);
  const { key } = await createApiKey(db, tenant, { name: 'Demo key' });
  const password = `demo-${crypto.randomUUID().slice(0, 13)}`;
  const adminEmail = `admin@${slug}.example`;
  await createAdminUser(db, keys, { email: adminEmail, role: 'owner', password });
  await publishNotice(db, tenant.id, 'newsletter', 'en', NOTICE_TEXT.replace('{tenant}', name));
  const listId = newId('lst');
  await db.insert(lists).values({
    id: listId,
    tenantId: tenant.id,
    name: 'Newsletter',
    purpose: 'Monthly newsletter and offers',
    noticeKey: 'newsletter',
    doubleOptIn: true,
  });
  const { form } = await createForm(db, tenant, {
    name: 'Demo sign-up',
    listIds: [listId],
    fields: [],
    notice: { key: 'newsletter', language: 'en', text: NOTICE_TEXT.replace('{tenant}', name) },
    thankYouUrl: `https://${slug}.example/thanks`,
    errorUrl: null,
    allowedOrigins: DEMO_ORIGINS,
  });
  return {
    slug,
    tenantId: tenant.id,
    region,
    apiKey: key,
    admin: { workspace: workspaceName(tenant), email: adminEmail, password },
    listId,
    formId: form.id,
  };
}
