import { describe, expect, it } from 'vitest';
import { captureMail } from '../support/mail';
import { deliver, inboundMessage, passingAuth, rawMail } from '../support/inbound';
import { inboundSetup, requestsOf } from './helpers';

// Short requests the way people write them, each answered in the writer's language.
const CASES = [
  ['nl', 'Verwijder alstublieft al mijn gegevens.', 'erasure', 'Wij hebben uw privacyverzoek ontvangen'],
  [
    'es',
    'Por favor, borren todos mis datos personales.',
    'erasure',
    'Hemos recibido su solicitud de privacidad',
  ],
  [
    'it',
    'Vi prego di cancellare tutti i miei dati personali.',
    'erasure',
    'Abbiamo ricevuto la sua richiesta sulla privacy',
  ],
  [
    'pl',
    'Proszę o usunięcie moich danych osobowych.',
    'erasure',
    'Otrzymaliśmy Twoje żądanie dotyczące danych osobowych',
  ],
  ['sv', 'Vänligen radera alla mina personuppgifter.', 'erasure', 'Vi har tagit emot din begäran'],
  [
    'pt',
    'Por favor, apaguem todos os meus dados pessoais.',
    'erasure',
    'Recebemos o seu pedido de privacidade',
  ],
  ['da', 'Venligst slet alle mine personoplysninger.', 'erasure', 'Vi har modtaget din anmodning'],
  [
    'de',
    'Ich bitte um Auskunft über meine gespeicherten Daten gemäß Art. 15 DSGVO.',
    'access',
    'Wir haben Ihre Datenschutzanfrage erhalten',
  ],
] as const;

describe('email: requests in the languages of our markets', () => {
  it.each(CASES)(
    '%s: files %s and acknowledges in the same language',
    async (lang, body, kind, ackSubject) => {
      const mail = captureMail();
      const s = await inboundSetup('eu', { acknowledgeInbound: true }, `writer.${lang}@mail.example.org`);
      const mime = `Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n${btoa(String.fromCharCode(...new TextEncoder().encode(body)))}`;
      await deliver(
        inboundMessage(
          rawMail({
            from: s.email,
            to: s.privacy,
            subject: '-',
            mime,
            headers: passingAuth('mail.example.org'),
          }),
          { from: s.email, to: s.privacy },
        ),
      );
      const [request] = await requestsOf(s.tenant);
      expect(request).toMatchObject({ kind, status: 'open', language: lang });
      const [ack] = await mail.messages();
      expect(ack!.parsed.subject).toBe(ackSubject);
    },
  );

  // The ten languages added last; the acknowledgement texts (not this test's concern) fall back to a supported language.
  it.each([
    ['bg', 'Моля, изтрийте всички мои лични данни.', 'erasure'],
    ['hu', 'Kérem, töröljék az összes személyes adatomat.', 'erasure'],
    ['sk', 'Žiadam o vymazanie všetkých mojich osobných údajov.', 'erasure'],
    ['sl', 'Zahtevam, da izbrišete vse moje osebne podatke in moj račun.', 'erasure'],
    ['fi', 'Pyydän poistamaan kaikki henkilötietoni.', 'erasure'],
    ['et', 'Palun kustutage kõik minu isikuandmed.', 'erasure'],
    ['lv', 'Lūdzu, dzēsiet visus manus personas datus.', 'erasure'],
    ['lt', 'Prašau ištrinti visus mano asmens duomenis.', 'erasure'],
    ['mt', 'Nitlob li tħassru d-data personali kollha tiegħi, jekk jogħġbok.', 'erasure'],
    ['ga', 'Scrios mo chuntas agus mo chuid sonraí go léir, le do thoil.', 'erasure'],
    ['hu', 'Milyen személyes adatokat tárolnak rólam?', 'access'],
    ['fi', 'En halua enää vastaanottaa uutiskirjettänne.', 'unsubscribe'],
    ['lt', 'Mano pavardė parašyta neteisingai: turėtų būti Jansen.', 'rectification'],
    ['ga', "B'fhéidir go scriosfaidh mé mo chuntas lá éigin.", 'review'],
  ] as const)('%s: files "%s" as %s', async (lang, body, kind) => {
    const mail = captureMail();
    const s = await inboundSetup('eu', { acknowledgeInbound: true }, `writer.${lang}@mail.example.org`);
    const mime = `Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n${btoa(String.fromCharCode(...new TextEncoder().encode(body)))}`;
    await deliver(
      inboundMessage(
        rawMail({
          from: s.email,
          to: s.privacy,
          subject: '-',
          mime,
          headers: passingAuth('mail.example.org'),
        }),
        { from: s.email, to: s.privacy },
      ),
    );
    const [request, ...rest] = await requestsOf(s.tenant);
    expect(rest).toHaveLength(0);
    expect(request).toMatchObject({ kind, status: 'open' });
    if (kind !== 'review') expect(request).toMatchObject({ language: lang });
    expect((await mail.messages()).map((m) => m.to)).toEqual([s.email]);
  });

  it('sets a Finnish out-of-office reply aside', async () => {
    const s = await inboundSetup('eu', { acknowledgeInbound: true });
    await deliver(
      inboundMessage(
        rawMail({
          from: s.email,
          to: s.reply,
          subject: 'Automaattinen vastaus: Uutiskirje',
          body: 'Olen lomalla 14.8. asti. Poistakaa viestit, jotka eivät ole kiireellisiä.',
        }),
        { from: s.email, to: s.reply },
      ),
    );
    expect(await requestsOf(s.tenant)).toHaveLength(0);
  });

  it('sends a reminder about an earlier request to review, not to erasure', async () => {
    const s = await inboundSetup('eu', {});
    const body = 'I am writing again because you have not answered my request from last month.';
    await deliver(
      inboundMessage(
        rawMail({
          from: s.email,
          to: s.privacy,
          subject: 'Second reminder',
          body,
          headers: passingAuth('mail.example.org'),
        }),
        { from: s.email, to: s.privacy },
      ),
    );
    const [request] = await requestsOf(s.tenant);
    expect(request).toMatchObject({ kind: 'review' });
  });
});
