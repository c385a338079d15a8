// Plain personal data lives only in the consumer's memory while composing: after a message went
// out, no queue body, no row of any table in either database and no log line holds the
// recipient's address, name or profile values; the stored message keeps its template, and a
// profile filter only encrypted.

import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { captureMail } from '../support/mail';
import { api, seedTenant } from '../support/seed';
import { drainSending, recordQueue, sendingList, subscribe } from '../support/sending';

const ADDRESS = 'margarethe.quist@example.org';
const NAME = 'Margarethe Quist';
const CITY = 'Quedlinburg-Nord';

async function everyRow(d1: D1Database): Promise<string> {
  const { results } = await d1
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%'",
    )
    .all<{ name: string }>();
  const dump: string[] = [];
  for (const { name } of results) {
    const rows = await d1.prepare(`select * from "${name}"`).all();
    dump.push(`${name}: ${JSON.stringify(rows.results)}`);
  }
  return dump.join('\n');
}

describe('personal data while sending', () => {
  it.each(['eu', 'us'] as const)(
    '[%s] appears in the mail only: never in queue bodies, tables or logs',
    async (region) => {
      const { tenant, apiKey } = await seedTenant(region);
      await api(apiKey, '/profile-fields', { method: 'POST', json: { key: 'city', label: 'City' } });
      const listId = await sendingList(tenant);
      await subscribe(tenant, listId, { email: ADDRESS, name: NAME, profile: { city: CITY } });
      const queue = recordQueue();
      const mail = captureMail();
      const logs = vi.spyOn(console, 'log');
      const res = await api(apiKey, '/messages', {
        method: 'POST',
        json: {
          listId,
          subject: 'For {{firstName}} in {{city}}',
          html: '<p>Dear {{firstName}} of {{city}}, see <a href="https://shop.example.com/">the shop</a></p>',
          text: 'Dear {{firstName}} of {{city}}: https://shop.example.com/',
        },
      });
      expect(res.status).toBe(201);
      await drainSending(queue);

      const sent = await mail.messages();
      expect(sent).toHaveLength(1);
      expect(sent[0]!.to).toBe(ADDRESS);
      expect(sent[0]!.parsed.subject).toBe(`For Margarethe in ${CITY}`);

      const secrets = [ADDRESS, 'margarethe', 'Quist', CITY];
      const bodies = JSON.stringify(queue.map((q) => q.body));
      expect(queue.some((q) => q.body.type === 'message-send')).toBe(true);
      const tables = `${await everyRow(env.DB_EU)}\n${await everyRow(env.DB_US)}`;
      expect(tables).toContain('message_recipients');
      expect(tables).toContain('{{firstName}}');
      const lines = logs.mock.calls.map((c) => c.map(String).join(' ')).join('\n');
      expect(lines).toContain('message.batch');
      for (const secret of secrets) {
        expect(bodies.toLowerCase()).not.toContain(secret.toLowerCase());
        expect(tables.toLowerCase()).not.toContain(secret.toLowerCase());
        expect(lines.toLowerCase()).not.toContain(secret.toLowerCase());
      }
    },
  );

  it('targets EU people by profile value without their values reaching queue bodies, tables or logs', async () => {
    const { tenant, apiKey } = await seedTenant('eu');
    await api(apiKey, '/profile-fields', { method: 'POST', json: { key: 'city', label: 'City' } });
    const listId = await sendingList(tenant);
    await subscribe(tenant, listId, {
      email: ADDRESS,
      name: NAME,
      profile: { city: CITY },
      homeRegion: 'eu',
    });
    const other = { email: 'hjalmar.oddny@example.org', city: 'Vestmannaeyjar-Sud' };
    await subscribe(tenant, listId, { email: other.email, profile: { city: other.city }, homeRegion: 'eu' });
    const queue = recordQueue();
    const mail = captureMail();
    const logs = vi.spyOn(console, 'log');
    const res = await api(apiKey, '/messages', {
      method: 'POST',
      headers: { 'idempotency-key': 'targeted-once' },
      json: { listId, subject: 'Nearby', text: 'Dear {{firstName}}', profile: { city: CITY } },
    });
    expect(res.status).toBe(201);
    await drainSending(queue);

    const sent = await mail.messages();
    expect(sent.map((m) => m.to)).toEqual([ADDRESS]);
    const bodies = JSON.stringify(queue.map((q) => q.body));
    const tables = `${await everyRow(env.DB_EU)}\n${await everyRow(env.DB_US)}`;
    expect(tables).toContain('profile_mismatch');
    const lines = logs.mock.calls.map((c) => c.map(String).join(' ')).join('\n');
    expect(lines).toContain('message.batch');
    for (const secret of [ADDRESS, 'Quist', CITY, other.email, other.city]) {
      expect(bodies.toLowerCase()).not.toContain(secret.toLowerCase());
      expect(tables.toLowerCase()).not.toContain(secret.toLowerCase());
      expect(lines.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });
});
