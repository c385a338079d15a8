// A message sent to a list, as its recipient reads it: the MIME parsed back with postal-mime, its
// headers (List-Unsubscribe with https and mailto, One-Click, Reply-To, our Message-ID), merge
// values escaped, every original link only as an intercept link that leads to its destination,
// odd links untouched, and the reply and mailto addresses mapped back to the subscriber.

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { masterKeyring } from '../../shared/crypto/keyring';
import { readLinkToken } from '../../shared/link-tokens';
import { openAddressToken } from '../../shared/reply-address';
import { requestsOf } from '../email/helpers';
import { deliver, inboundMessage, rawMail } from '../support/inbound';
import { captureMail } from '../support/mail';
import { api, call, seedTenant } from '../support/seed';
import { drainSending, recipientRows, recordQueue, sendingList, subscribe } from '../support/sending';

const HTML = `<html><head><title>Spring</title></head><body>
<p>Hello {{firstName}} from {{city}}!</p>
<a href="https://shop.example.com/spring?a=1&amp;b=2">Offers</a>
<a href='https://shop.example.com/spring?a=1&amp;b=2'>Offers again</a>
<map name="m"><area shape="rect" coords="0,0,1,1" href="https://maps.example.com/store"></map>
<a href="javascript:alert(1)">script</a>
<a href="http://[broken">broken</a>
<a href="/relative/path">relative</a>
<a href="mailto:shop@example.com">write to us</a>
<a href="{{preferencesUrl}}">Preferences</a> <a href="{{unsubscribeUrl}}">Unsubscribe</a>
</body></html>`;
const TEXT =
  'Hello {{firstName}}, our offers: https://shop.example.com/spring?a=1&b=2.\nMore: http://blog.example.org/news\nUnsubscribe: {{unsubscribeUrl}}';

const hrefs = (html: string) => Array.from(html.matchAll(/href=["']([^"']*)["']/g), (m) => m[1]!);

async function sendOne(region: 'eu' | 'us') {
  const { tenant, apiKey } = await seedTenant(region);
  const field = await api(apiKey, '/profile-fields', {
    method: 'POST',
    json: { key: 'city', label: 'City' },
  });
  expect(field.status).toBe(201);
  const listId = await sendingList(tenant);
  const person = await subscribe(tenant, listId, {
    email: 'anna.berg@example.org',
    name: 'Anna Berg',
    homeRegion: 'eu',
    profile: { city: '<b>Köln</b> & "Bonn"' },
  });
  const queue = recordQueue();
  const mail = captureMail();
  const res = await api(apiKey, '/messages', {
    method: 'POST',
    json: {
      listId,
      subject: 'Für {{firstName}}: Frühling in {{city}}',
      fromName: 'Läden Ünited',
      html: HTML,
      text: TEXT,
    },
  });
  expect(res.status).toBe(201);
  const message = (await res.json()) as { id: string; status: string };
  expect(message.status).toBe('queued');
  await drainSending(queue);
  const sent = await mail.messages();
  expect(sent).toHaveLength(1);
  return { tenant, apiKey, listId, person, message, sent: sent[0]!, queue };
}

describe('composition of a sent message', () => {
  it('carries the list headers, our Message-ID and the reply address, in UTF-8 multipart/alternative', async () => {
    const { tenant, person, message, sent } = await sendOne('eu');
    const { parsed, raw } = sent;
    expect(sent.to).toBe('anna.berg@example.org');
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(parsed.subject).toBe('Für Anna: Frühling in <b>Köln</b> & "Bonn"');
    expect(parsed.from).toMatchObject({ name: 'Läden Ünited', address: `news@${env.MAIL_DOMAIN}` });
    const header = (name: string) => parsed.headers.find((h) => h.key === name)?.value ?? '';
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<(https:\/\/privacy\.test\/u\/[^>]+)>,\s*<mailto:(u\+[a-z0-9]+@[^>]+)>$/.exec(
      header('list-unsubscribe').replace(/\s+/g, ' '),
    );
    expect(unsubscribe).not.toBeNull();
    const ring = await masterKeyring(env.MASTER_KEY);
    expect(await openAddressToken(ring, unsubscribe![2]!.split('@')[0]!)).toMatchObject({
      kind: 'u',
      tenantId: tenant.id,
      subscriberId: person.id,
    });
    const replyTo = parsed.replyTo?.[0]?.address ?? '';
    expect(await openAddressToken(ring, replyTo.split('@')[0]!)).toMatchObject({
      kind: 'r',
      tenantId: tenant.id,
      subscriberId: person.id,
    });
    const rows = await recipientRows(tenant, message.id);
    expect(rows.get(person.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(parsed.messageId).toBe(rows.get(person.id)!.mail_message_id);
    expect(parsed.messageId).toMatch(new RegExp(`@${env.MAIL_DOMAIN.replace(/\./g, '\\.')}>$`));
  });

  it('puts merge values in escaped and turns every http(s) link into one intercept link per destination', async () => {
    const { tenant, person, message, sent } = await sendOne('eu');
    const html = sent.parsed.html!;
    expect(html).toContain('Hello Anna from &lt;b&gt;Köln&lt;/b&gt; &amp; &quot;Bonn&quot;!');
    expect(html).not.toContain('<b>Köln');
    const links = hrefs(html);
    expect(links).toContain('javascript:alert(1)');
    expect(links).toContain('http://[broken');
    expect(links).toContain('/relative/path');
    expect(links).toContain('mailto:shop@example.com');
    expect(links.some((l) => l.startsWith('https://privacy.test/p/'))).toBe(true);
    expect(links.some((l) => l.startsWith('https://privacy.test/u/'))).toBe(true);
    expect(html).not.toContain('shop.example.com');
    expect(html).not.toContain('maps.example.com');
    const tracked = links.filter((l) => l.startsWith('https://privacy.test/l/'));
    expect(tracked).toHaveLength(3);
    expect(tracked[0]).toBe(tracked[1]);
    const text = sent.parsed.text!;
    expect(text).not.toContain('shop.example.com');
    expect(text).not.toContain('blog.example.org');
    const textLinks = Array.from(text.matchAll(/https:\/\/privacy\.test\/l\/\w+\.[\w-]+/g), (m) => m[0]);
    expect(textLinks).toHaveLength(2);
    expect(textLinks[0]).toBe(tracked[0]);
    expect(text).toMatch(/offers: https:\/\/privacy\.test\/l\/\w+\.[\w-]+\.\n/);

    const ring = await masterKeyring(env.MASTER_KEY);
    const destinations: string[] = [];
    for (const link of [...new Set([...tracked, ...textLinks])]) {
      const claims = await readLinkToken(ring, link.split('/l/')[1]!);
      expect(claims).toMatchObject({ tenantId: tenant.id, subscriberId: person.id, messageId: message.id });
      const res = await call(new URL(link).pathname, { redirect: 'manual', headers: { 'x-dev-geo': 'US' } });
      expect(res.status).toBe(302);
      destinations.push(res.headers.get('location')!);
    }
    expect(destinations.sort()).toEqual([
      'http://blog.example.org/news',
      'https://maps.example.com/store',
      'https://shop.example.com/spring?a=1&b=2',
    ]);
  });

  it('maps a reply to the Reply-To address back to the subscriber and files their erasure request', async () => {
    const { tenant, person, sent } = await sendOne('us');
    const replyTo = sent.parsed.replyTo![0]!.address!;
    await deliver(
      inboundMessage(
        rawMail({
          from: person.email,
          to: replyTo,
          subject: `Re: ${sent.parsed.subject}`,
          body: 'Please delete my data.',
        }),
        { from: person.email, to: replyTo },
      ),
    );
    const requests = await requestsOf(tenant);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ kind: 'erasure', subscriber_id: person.id });
  });

  it('files a verified unsubscribe for the mailto address of List-Unsubscribe', async () => {
    const { tenant, person, sent } = await sendOne('eu');
    const header = sent.parsed.headers.find((h) => h.key === 'list-unsubscribe')!.value;
    const mailto = /<mailto:([^>]+)>/.exec(header)![1]!;
    await deliver(
      inboundMessage(rawMail({ from: person.email, to: mailto, subject: 'unsubscribe' }), {
        from: person.email,
        to: mailto,
      }),
    );
    const requests = await requestsOf(tenant);
    expect(requests[0]).toMatchObject({ kind: 'unsubscribe', subscriber_id: person.id });
  });
});
