// bench/send's baseline: a bare Worker that hands the same fixed, ready-made message to its
// send_email binding n times per POST: no database, no decryption, no composition.

import { EmailMessage } from 'cloudflare:email';

type BaselineEnv = { MAILER: SendEmail };

const RAW = [
  'From: Bench Shop <news@privacy.tailoredmail.example>',
  'To: reader@example.org',
  'Subject: Spring offers',
  'Message-ID: <fixed@privacy.tailoredmail.example>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  `Spring offers. ${'Our selection of light jackets, linen shirts and shoes for warm days. '.repeat(12)}`,
  'https://shop.example.com/spring',
  '',
].join('\r\n');

export default {
  async fetch(request: Request, env: BaselineEnv): Promise<Response> {
    if (request.method !== 'POST') return new Response('ok');
    const n = Number(new URL(request.url).searchParams.get('n') ?? '1');
    for (let i = 0; i < n; i++)
      await env.MAILER.send(new EmailMessage('news@privacy.tailoredmail.example', 'reader@example.org', RAW));
    return Response.json({ n });
  },
} satisfies ExportedHandler<BaselineEnv>;
