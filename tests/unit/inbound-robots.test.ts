import { describe, expect, it } from 'vitest';
import { autoReplySubject, detectRobot, isNoReplyAddress } from '../../shared/inbound/auto-reply';
import { detectBounce, parseDeliveryStatus } from '../../shared/inbound/bounce';
import { senderSubject } from '../../shared/inbound/decide';
import { htmlToText } from '../../shared/inbound/html-text';

const h = (key: string, value: string) => ({ key, value });

describe('auto-replies, lists and no-reply senders', () => {
  it.each([
    ['Out of Office: Autumn offers', 'en'],
    ['Automatic reply: News', 'en'],
    ['AW: Abwesenheitsnotiz', 'de'],
    ['Réponse automatique : Nouveautés', 'fr'],
    ['Automatisch antwoord: Nieuws', 'nl'],
    ['Respuesta automática: Ofertas', 'es'],
    ['Risposta automatica: Offerte', 'it'],
    ['Odpowiedź automatyczna: Oferta', 'pl'],
    ['Automatiskt svar: Nyheter', 'sv'],
    ['Resposta automática: Ofertas', 'pt'],
    ['Fraværende: Nyheder', 'da'],
    ['Automatická odpověď: Novinky', 'cs'],
    ['Αυτόματη απάντηση: Προσφορές', 'el'],
    ['Automatski odgovor: Novosti', 'hr'],
    ['Răspuns automat: Oferte', 'ro'],
    ['Автоматичен отговор: Новини', 'bg'],
    ['Vá: Automatikus válasz: Hírlevél', 'hu'],
    ['Mimo kancelárie: Novinky', 'sk'],
    ['Samodejni odgovor: Novice', 'sl'],
    ['Automaattinen vastaus: Uutiskirje', 'fi'],
    ['Automaatvastus: Uudiskiri', 'et'],
    ['Automātiskā atbilde: Jaunumi', 'lv'],
    ['Automatinis atsakymas: Naujienos', 'lt'],
    ['Tweġiba awtomatika: Aħbarijiet', 'mt'],
    ['Freagra uathoibríoch: Nuacht', 'ga'],
    ['Ats: Ne biure: Naujienos', 'lt'],
  ])('%s is an out-of-office subject (%s)', (subject, lang) => {
    expect(autoReplySubject(subject)).toBe(lang);
  });

  it.each([
    'Re: Please delete my data',
    'Auskunft nach Art. 15 DSGVO',
    'Office supplies offer',
    'Absent-minded question',
  ])('%s is not', (subject) => {
    expect(autoReplySubject(subject)).toBeNull();
  });

  it('reads RFC 3834 and vendor headers, Precedence, and lists', () => {
    expect(detectRobot([h('auto-submitted', 'auto-replied (vacation)')], 'x', 'a@b.example').autoReply).toBe(
      true,
    );
    expect(detectRobot([h('auto-submitted', 'no')], 'x', 'a@b.example').autoReply).toBe(false);
    expect(detectRobot([h('x-autorespond', 'x')], 'x', 'a@b.example').rules).toContain(
      'header:x-autorespond',
    );
    expect(detectRobot([h('precedence', 'bulk')], 'x', 'a@b.example').autoReply).toBe(true);
    const list = detectRobot([h('list-id', '<l.example>')], 'x', 'a@b.example');
    expect([list.autoReply, list.list]).toEqual([false, true]);
  });

  it('knows no-reply senders', () => {
    for (const a of [
      'noreply@x.example',
      'no-reply@x.example',
      'Do-Not-Reply@x.example',
      'MAILER-DAEMON@x.example',
      'bounce+abc@x.example',
      null,
    ])
      expect(isNoReplyAddress(a), String(a)).toBe(true);
    for (const a of ['anna@x.example', 'noreen@x.example', 'replyguy@x.example'])
      expect(isNoReplyAddress(a), a).toBe(false);
  });
});

describe('delivery reports', () => {
  it('parses per-recipient blocks, folded lines and statuses', () => {
    const body =
      'Reporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; a@x.example\nAction: failed\nStatus: 5.1.1 (user unknown)\n\nFinal-Recipient: rfc822;\n b@x.example\nAction: delayed\nStatus: 4.4.7\n';
    expect(parseDeliveryStatus(body)).toEqual([
      { address: 'a@x.example', action: 'failed', status: '5.1.1', hard: true },
      { address: 'b@x.example', action: 'delayed', status: '4.4.7', hard: false },
    ]);
  });

  it('tells a hard from a soft report, and ignores a human message', () => {
    const report = (status: string) => ({
      headers: [h('content-type', 'multipart/report; report-type=delivery-status; boundary=x')],
      subject: 'Delivery Status Notification',
      from: 'mailer-daemon@x.example',
      text: '',
      parts: [
        {
          mimeType: 'message/delivery-status',
          text: `Final-Recipient: rfc822; a@x.example\nAction: failed\nStatus: ${status}\n`,
        },
      ],
    });
    expect(detectBounce(report('5.7.1'))?.severity).toBe('hard');
    expect(detectBounce(report('4.2.2'))?.severity).toBe('soft');
    expect(
      detectBounce({
        headers: [],
        subject: 'Undeliverable address?',
        from: 'anna@x.example',
        text: '550 5.1.1',
        parts: [],
      }),
    ).toBeNull();
  });
});

describe('the text we classify', () => {
  it('ignores a reply subject (ours) and keeps a subject the sender wrote', () => {
    expect(senderSubject('Re: Delete old photos')).toBe('');
    expect(senderSubject('AW: WG: Newsletter')).toBe('');
    for (const reply of [
      'Vá: Hírlevél',
      'VS: Uutiskirje',
      'Atb: Jaunumi',
      'Ats: Naujienos',
      'Odg: Novosti',
      'Отг: Новини',
      'RE[2]: News',
    ])
      expect(senderSubject(reply), reply).toBe('');
    expect(senderSubject('Törlés kérése')).toBe('Törlés kérése');
    expect(senderSubject('Löschung meiner Daten')).toBe('Löschung meiner Daten');
  });

  it('makes text of HTML without its quoted part, decoding entities', () => {
    const html =
      '<html><head><style>p{}</style></head><body><p>Bitte l&ouml;schen&nbsp;Sie meine Daten.<br>Danke</p><div class="gmail_quote">On Monday you wrote: unsubscribe</div></body></html>';
    expect(htmlToText(html)).toBe('Bitte löschen Sie meine Daten.\nDanke');
    expect(htmlToText('<p>Usu&#324; moje dane &#x2013; Zbyszek</p><blockquote>quoted</blockquote>')).toBe(
      'Usuń moje dane – Zbyszek',
    );
  });
});

describe('weak out-of-office subjects', () => {
  it.each([
    ['Absence de consentement : suppression de mes données', true],
    ['Assente il consenso: cancellate i miei dati', true],
    ['Ausencia de base legal', true],
    ['Automatic reply: Newsletter', false],
    ['Abwesenheitsnotiz', false],
  ])('%j → subjectOnly %s', (subject, weak) => {
    const verdict = detectRobot([], subject, 'person@example.org');
    expect(verdict.autoReply).toBe(true);
    expect(verdict.subjectOnly).toBe(weak);
  });

  it('headers make a robot whatever the subject', () => {
    expect(
      detectRobot([{ key: 'auto-submitted', value: 'auto-replied' }], 'Absence', 'person@example.org')
        .subjectOnly,
    ).toBe(false);
  });
});
