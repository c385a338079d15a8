import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureMail } from '../support/mail';
import { deliver, inboundMessage, rawMail } from '../support/inbound';
import { DOMAIN, inboundSetup, requestsOf } from './helpers';

afterEach(() => vi.restoreAllMocks());

function logLines(spy: { mock: { calls: unknown[][] } }): string {
  return spy.mock.calls.map((c) => String(c[0])).join('\n');
}

describe('email: bad input is rejected with a reason or kept for review, never a crash or a silent loss', () => {
  it('rejects an unknown tenant address with a reason and a log line without the sender', async () => {
    const warn = vi.spyOn(console, 'warn');
    const msg = inboundMessage(
      rawMail({
        from: 'anna@mail.example.org',
        to: `privacy+nobody-here.eu@${DOMAIN}`,
        subject: 'Delete me',
        body: 'Please delete all my data.',
      }),
      { from: 'anna@mail.example.org', to: `privacy+nobody-here.eu@${DOMAIN}` },
    );
    await deliver(msg);
    expect(msg.rejected).toMatch(/unknown recipient/i);
    expect(logLines(warn)).toContain('"code":"unknown_tenant"');
    expect(logLines(warn)).not.toContain('anna');
  });

  it('rejects other addresses on our domain, other domains, and forged reply tokens', async () => {
    const s = await inboundSetup('eu');
    const forged = s.reply.replace(
      /^(r\+.{50})(.)/,
      (_m, head: string, c: string) => head + (c === 'a' ? 'b' : 'a'),
    );
    for (const to of [`hello@${DOMAIN}`, 'privacy+x.eu@elsewhere.example', forged]) {
      const msg = inboundMessage(
        rawMail({ from: s.email, to, subject: 'x', body: 'Please delete all my data.' }),
        { from: s.email, to },
      );
      await deliver(msg);
      expect(msg.rejected, to).toMatch(/unknown recipient/i);
    }
    expect(await requestsOf(s.tenant)).toHaveLength(0);
  });

  it('accepts a reply address whose case an MTA folded', async () => {
    const s = await inboundSetup('eu');
    const upper = s.reply.toUpperCase();
    const msg = inboundMessage(
      rawMail({ from: s.email, to: upper, subject: 'Re: x', body: 'Please delete all my data.' }),
      { from: s.email, to: upper },
    );
    await deliver(msg);
    expect(msg.rejected).toBeNull();
    expect(await requestsOf(s.tenant)).toHaveLength(1);
  });

  it('rejects a message over 25 MB before reading it', async () => {
    const s = await inboundSetup('eu');
    const big = rawMail({
      from: s.email,
      to: s.privacy,
      subject: 'Attachment',
      body: 'x'.repeat(25 * 1024 * 1024 + 10),
    });
    const msg = inboundMessage(big, { from: s.email, to: s.privacy });
    await deliver(msg);
    expect(msg.rejected).toMatch(/25 MB/);
    expect(await requestsOf(s.tenant)).toHaveLength(0);
  });

  it('rejects MIME nested beyond repair with a reason', async () => {
    const s = await inboundSetup('eu');
    let mime = 'Content-Type: text/plain\n\nPlease delete all my data.\n';
    for (let i = 0; i < 80; i++)
      mime = `Content-Type: multipart/mixed; boundary="n${i}"\n\n--n${i}\n${mime}--n${i}--\n`;
    const msg = inboundMessage(rawMail({ from: s.email, to: s.privacy, subject: 'x', mime }), {
      from: s.email,
      to: s.privacy,
    });
    await deliver(msg);
    expect(msg.rejected).toMatch(/could not be parsed/);
    expect(await requestsOf(s.tenant)).toHaveLength(0);
  });

  it('keeps a message with a broken multipart (no boundary, bad base64) as a request rather than losing it', async () => {
    const s = await inboundSetup('eu', {});
    const mime =
      'Content-Type: multipart/mixed\nContent-Transfer-Encoding: base64\n\n--zz\nContent-Type: text/plain\n\n@@@not base64@@@\n--zz';
    const msg = inboundMessage(rawMail({ from: s.email, to: s.reply, subject: 'Re: x', mime }), {
      from: s.email,
      to: s.reply,
    });
    await deliver(msg);
    expect(msg.rejected).toBeNull();
    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({ kind: 'review' });
  });

  it('turns a message with no text part at all into a review item', async () => {
    const s = await inboundSetup('eu', {});
    const mime =
      'Content-Type: image/png\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="scan.png"\n\niVBORw0KGgo=';
    const msg = inboundMessage(rawMail({ from: s.email, to: s.reply, subject: 'Re: x', mime }), {
      from: s.email,
      to: s.reply,
    });
    await deliver(msg);
    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({ kind: 'review', status: 'open' });
    expect(request!.ev).toMatchObject({ reviewReason: 'no_text', textSource: 'none' });
  });

  it('does not let a header smuggled into the subject reach the acknowledgement', async () => {
    const mail = captureMail();
    const s = await inboundSetup('eu');
    const evil = btoa('Delete all my data\r\nBcc: victim@evil.example\r\nX-Injected: yes');
    const msg = inboundMessage(
      rawMail({
        from: s.email,
        to: s.privacy,
        subject: `=?UTF-8?B?${evil}?=`,
        body: 'Please delete all my data.',
        headers: { 'Authentication-Results': 'mx.cloudflare.net; dmarc=pass header.from=mail.example.org' },
      }),
      { from: s.email, to: s.privacy },
    );
    await deliver(msg);
    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({ kind: 'erasure', status: 'open' });
    const sent = await mail.messages();
    expect(sent.map((m) => m.to)).toEqual([s.email]);
    expect(sent[0]!.raw).not.toMatch(/^(bcc|x-injected):/im);
    expect(sent[0]!.parsed.bcc).toBeUndefined();
  });

  it('rethrows a transient failure (database unreachable) so the sending server retries, without rejecting', async () => {
    const s = await inboundSetup('eu');
    const original = env.DB_EU;
    const down = new Proxy(original, {
      get: () => () => {
        throw new Error('D1_ERROR: Network connection lost.');
      },
    });
    Reflect.set(env, 'DB_EU', down);
    const error = vi.spyOn(console, 'error');
    const msg = inboundMessage(
      rawMail({ from: s.email, to: s.reply, subject: 'Re: x', body: 'Please delete all my data.' }),
      { from: s.email, to: s.reply },
    );
    try {
      await expect(deliver(msg)).rejects.toThrow(/Network connection lost/);
    } finally {
      Reflect.set(env, 'DB_EU', original);
    }
    expect(msg.rejected).toBeNull();
    expect(logLines(error)).toContain('email.transient_failure');
    expect(await requestsOf(s.tenant)).toHaveLength(0);
  });
});
