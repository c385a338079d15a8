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
