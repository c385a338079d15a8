// bench/send's baseline: a bare Worker that hands the same fixed, ready-made message (one
// recipient's composed mail, POSTed once to `/message`) to its send_email binding n times per
// POST (`lanes` at a time): no database, no decryption, no composition.

import { EmailMessage } from 'cloudflare:email';

type BaselineEnv = { MAILER: SendEmail };

let raw = 'Subject: empty\r\n\r\nNo message was set.\r\n';

export default {
  async fetch(request: Request, env: BaselineEnv): Promise<Response> {
    if (request.method !== 'POST') return new Response('ok');
    const url = new URL(request.url);
    if (url.pathname === '/message') {
      raw = await request.text();
      return Response.json({ bytes: raw.length });
    }
    const n = Number(url.searchParams.get('n') ?? '1');
    const lanes = Number(url.searchParams.get('lanes') ?? '1');
    let left = n;
    // As many sends in flight as the app has (SEND_CONCURRENCY), so both wait on the binding alike.
    const lane = async () => {
      while (left-- > 0)
        await env.MAILER.send(
          new EmailMessage('news@privacy.tailoredmail.example', 'reader@example.org', raw),
        );
    };
    await Promise.all(Array.from({ length: lanes }, lane));
    return Response.json({ n });
  },
} satisfies ExportedHandler<BaselineEnv>;
