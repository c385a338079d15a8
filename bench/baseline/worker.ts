// bench/consent's baseline: a bare Worker that inserts one row per POST into a local D1 table
// and answers JSON, with no validation, crypto or chain: the floor a form endpoint stands on.

type BaselineEnv = { DB: D1Database };

let ready: Promise<unknown> | null = null;

export default {
  async fetch(request: Request, env: BaselineEnv): Promise<Response> {
    if (request.method !== 'POST') return new Response('ok');
    ready ??= env.DB.exec(
      'create table if not exists signups (id text primary key, email text not null, created_at integer not null)',
    );
    await ready;
    const body = (await request.json()) as { email?: string };
    await env.DB.prepare('insert into signups (id, email, created_at) values (?, ?, ?)')
      .bind(crypto.randomUUID(), String(body.email), Date.now())
      .run();
    return Response.json({ ok: true });
  },
} satisfies ExportedHandler<BaselineEnv>;
