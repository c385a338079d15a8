// Every path that handles personal data writes log lines, and none of them carries any of it: a
// form post (an answered one writes none, a refused one its access line), an API insert with
// evidence, an inbound request mail and a crash whose message quotes its input. Each path is checked to have run (status, its own log events) first.

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

/** The structured log lines written since `from`, as `event route status` summaries. */
function events(lines: string[], from = 0): string[] {
  return lines
    .slice(from)
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { event: string; route?: string; status?: number })
    .map((e) => [e.event, e.route, e.status].filter((v) => v !== undefined).join(' '));
}

afterEach(() => vi.restoreAllMocks());

describe('logs never carry personal data', () => {
  it('through a form post, an API insert with evidence, an inbound request mail and a crash', async () => {
    captureMail();
    const f = await formFixture('eu');
    const lines = captureConsole();

    expect((await postJson(f.formId, { email: 'zoe.secret@example.org', name: 'Zoë Geheim' })).status).toBe(
      200,
    );
    // An answered post is recorded as its consent event, not logged; a refused one logs its line.
    expect(events(lines)).toEqual([]);
    expect(
      (await postJson(f.formId, { email: 'zoe.secret@example.org', name: 'Zoë Geheim', consent: false }))
        .status,
    ).toBe(422);
    expect(events(lines)).toContain('http /f/:formId 422');

    let from = lines.length;
    const inserted = await api(f.apiKey, '/subscribers', {
      method: 'POST',
      json: {
        email: 'ron.private@example.org',
        listIds: [f.singleList],
        evidence: {
          occurredAt: '2026-11-20T09:30:00Z',
          ip: '203.0.113.7',
          userAgent: 'Mozilla/5.0 TestBrowser',
          country: 'NL',
          notice: { text: 'Ja, stuur mij de nieuwsbrief.', language: 'nl' },
        },
      },
    });
    expect(inserted.status).toBe(201);
    expect(events(lines, from)).toContain('http /api/v1/subscribers 201');

    from = lines.length;
    const mail = inboundMessage(
      rawMail({
        from: 'ron.private@example.org',
        to: privacyAddress(f.tenant, env.MAIL_DOMAIN),
        subject: 'Verwijder mijn gegevens',
        headers: passingAuth('example.org'),
        body: 'Verwijder mijn gegevens alstublieft.',
      }),
      { from: 'ron.private@example.org', to: privacyAddress(f.tenant, env.MAIL_DOMAIN) },
    );
    await deliver(mail);
    expect(mail.rejected).toBeNull();
    expect(events(lines, from).some((e) => e.startsWith('email.request_filed'))).toBe(true);

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

    expect(events(lines)).toContain('request.crashed');

    const all = lines.join('\n');
    for (const secret of SECRETS) expect(all, secret).not.toContain(secret);
  });
});
