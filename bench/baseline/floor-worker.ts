// bench/floor's bare Worker: per POST, the form sign-up's read batch and write batch (the same
// statements, bench/baseline/floor-statements.ts) against a copy of the app's tables (its
// migrations), with raw `env.DB.prepare` only: no drizzle, crypto, validation or rate limits.
// The floor two batches stand on; `POST /setup` seeds the form, tenant, list and notice once.

import { FORM, LIST, NOTICE, NOTICE_KEY, type PostValues, READS, TENANT, WRITES } from './floor-statements';

type FloorEnv = { DB: D1Database };

const SETUP = [
  `insert into tenants (id, slug, name, region, wrapped_key, settings) values ('${TENANT}', 'floor', 'Floor', 'eu', 'k1.floor', '{}')`,
  `insert into lists (id, tenant_id, name, purpose, lawful_basis, double_opt_in) values ('${LIST}', '${TENANT}', 'Updates', 'Product updates', 'consent', 0)`,
  `insert into consent_notices (id, tenant_id, key, language, version, text, text_hash) values ('${NOTICE}', '${TENANT}', '${NOTICE_KEY}', 'en', 1, 'Yes, send me the newsletter.', '3a4c9a478a6bae77262b35902e06896fa189e88aa3d465954383bcc189ecb054')`,
  `insert into forms (id, tenant_id, name, list_ids, notice_key, language, thank_you_url, allowed_origins) values ('${FORM}', '${TENANT}', 'Floor', '["${LIST}"]', '${NOTICE_KEY}', 'en', 'http://localhost:8000/thanks', '["http://localhost:8000"]')`,
];

const bound = (db: D1Database, list: typeof READS, v: PostValues) =>
  list.map((s) => db.prepare(s.sql).bind(...s.args(v)));

export default {
  async fetch(request: Request, env: FloorEnv): Promise<Response> {
    if (request.method !== 'POST') return new Response('ok');
    if (new URL(request.url).pathname === '/setup') {
      await env.DB.batch(SETUP.map((q) => env.DB.prepare(q)));
      return Response.json({ ok: true });
    }
    await request.json();
    const id = crypto.randomUUID();
    const v: PostValues = {
      sub: `sub_${id}`,
      index: id.replaceAll('-', '').padEnd(64, '0'),
      consentEvent: `cev_${id}`,
      created: `evt_c${id}`,
      recorded: `evt_r${id}`,
      now: Date.now(),
    };
    const [form] = await env.DB.batch(bound(env.DB, READS, v));
    if (!form?.results.length) return Response.json({ ok: false }, { status: 500 });
    await env.DB.batch(bound(env.DB, WRITES, v));
    return Response.json({ ok: true, status: 'confirmed', message: 'Thank you.' });
  },
} satisfies ExportedHandler<FloorEnv>;
