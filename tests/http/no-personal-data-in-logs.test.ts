import { env } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { app } from '../../workers/http/app';
import { formFixture, postJson } from '../support/consent';
import { captureMail } from '../support/mail';
import { deliver, inboundMessage, passingAuth, rawMail } from '../support/inbound';
import { api, call } from '../support/seed';
import { privacyAddress } from '../../shared/reply-address';

const SECRETS = [
  'zoe.secret',
  '203.0.113.7',
  'TestBrowser',
  'Zoë Geheim',
  'ron.private',
  'Verwijder mijn gegevens',
];

function captureConsole() {
  const lines: string[] = [];
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
  }
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe('logs never carry personal data', () => {
  it('through a form post, an API insert, an inbound mail and a crash', async () => {
    captureMail();
    const f = await formFixture('eu');
    const lines = captureConsole();

    expect((await postJson(f.formId, { email: 'zoe.secret@example.org', name: 'Zoë Geheim' })).status).toBe(
      200,
    );
    const inserted = await api(f.apiKey, '/subscribers', {
      method: 'POST',
      headers: { 'cf-connecting-ip': '203.0.113.7', 'user-agent': 'TestBrowser' },
      json: {
        email: 'ron.private@example.org',
        lists: [{ listId: f.singleList, consent: { unknown: true } }],
      },
    });
    expect(inserted.status).toBeLessThan(500);
    await deliver(
      inboundMessage(
        rawMail({
          from: 'ron.private@example.org',
          to: privacyAddress(f.tenant, env.MAIL_DOMAIN),
          subject: 'Verwijder mijn gegevens',
          headers: passingAuth('example.org'),
          body: 'Verwijder mijn gegevens alstublieft.',
        }),
        { from: 'ron.private@example.org', to: privacyAddress(f.tenant, env.MAIL_DOMAIN) },
      ),
    );
    // A crash whose message quotes its input: the JSON body of an unparseable API call.
    const broken = {
      ...env,
      DB_EU: {
        prepare: () => {
          throw new SyntaxError('Unexpected token, "zoe.secret@example.org" is not valid JSON');
        },
      } as unknown as D1Database,
    };
    const crash = await app.fetch(
      new Request(`https://privacy.test/api/v1/tenant`, { headers: { authorization: `Bearer ${f.apiKey}` } }),
      broken,
      createExecutionContext(),
    );
    expect(crash.status).toBe(500);
    expect((await call('/health')).status).toBe(200);

    expect(lines.length).toBeGreaterThan(3);
    const all = lines.join('\n');
    for (const secret of SECRETS) expect(all, secret).not.toContain(secret);
    expect(all).toContain('request.crashed');
  });
});
