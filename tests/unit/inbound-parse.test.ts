import { describe, expect, it } from 'vitest';
import { parseInbound } from '../../shared/inbound/parse';

const raw = (headers: string, body: string) =>
  `${headers.trim().replace(/\n/g, '\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}`;

describe('parseInbound', () => {
  it('flattens an encoded subject carrying line breaks and keeps a sane date only', async () => {
    const evil = btoa('Hello\r\nBcc: x@evil.example');
    const mail = await parseInbound(
      raw(
        `From: A <a@x.example>\nSubject: =?UTF-8?B?${evil}?=\nDate: Mon, 1 Jan 12000 00:00:00 +0000\nMessage-ID: <m1@x.example>`,
        'Hi',
      ),
    );
    expect(mail.subject).toBe('Hello Bcc: x@evil.example');
    expect(mail.date).toBeNull();
    expect(mail).toMatchObject({
      messageId: '<m1@x.example>',
      from: { address: 'a@x.example', name: 'A' },
      textSource: 'text',
    });
    expect(mail.text.trim()).toBe('Hi');
  });

  it('reads text from HTML when there is no text part, and nothing from an attachment-only message', async () => {
    const html = await parseInbound(
      raw('From: a@x.example\nContent-Type: text/html; charset=utf-8', '<p>L&ouml;schen&nbsp;bitte</p>'),
    );
    expect([html.text, html.textSource]).toEqual(['Löschen bitte', 'html']);
    const none = await parseInbound(
      raw('From: a@x.example\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64', 'JVBERi0='),
    );
    expect([none.text, none.textSource, none.parts.map((p) => p.mimeType)]).toEqual([
      '',
      'none',
      ['application/pdf'],
    ]);
  });

  it('decodes the delivery-status part of a report and leaves other parts unread', async () => {
    const mail = await parseInbound(
      raw(
        'From: MAILER-DAEMON@x.example\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"',
        '--b\nContent-Type: text/plain\n\nFailed.\n--b\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@y.example\nAction: failed\nStatus: 5.1.1\n--b\nContent-Type: image/png\n\nxx\n--b--',
      ),
    );
    expect(mail.parts[0]).toMatchObject({ mimeType: 'message/delivery-status' });
    expect(mail.parts[0]!.text).toContain('Status: 5.1.1');
    expect(mail.parts[1]).toEqual({ mimeType: 'image/png', text: null });
  });
});
