// Table-driven tests for stripQuotedReply: only what the sender wrote now must survive.
// Fixtures are written for these tests and cover quote headers in the supported languages,
// forwarded/original-message blocks, signatures and "sent from my phone" lines.

import { describe, expect, it } from 'vitest';
import { stripQuotedReply } from '../../shared/intent/quoted';

const REPLY = 'Please remove me from this list.';

const CASES: readonly (readonly [label: string, text: string, expected: string])[] = [
  ['plain text is unchanged', REPLY, REPLY],
  ['">" quoted lines', `${REPLY}\n\n> Our spring offers\n> Unsubscribe here`, REPLY],
  [
    'English "On … wrote:"',
    `${REPLY}\n\nOn Mon, 3 Jun 2024 at 10:15, Shop News <news@shop.example> wrote:\n> Hello`,
    REPLY,
  ],
  [
    'English header broken over two lines',
    `${REPLY}\n\nOn Mon, 3 Jun 2024 at 10:15, Shop News <news@shop.example>\nwrote:\n\nHello again`,
    REPLY,
  ],
  [
    'German "Am … schrieb …:"',
    `${REPLY}\n\nAm 03.06.2024 um 10:15 schrieb Shop News <news@shop.example>:\n> Hallo`,
    REPLY,
  ],
  [
    'French "Le … a écrit :"',
    `${REPLY}\n\nLe lun. 3 juin 2024 à 10:15, Shop News <news@shop.example> a écrit :\n> Bonjour`,
    REPLY,
  ],
  [
    'Dutch "Op … schreef …:"',
    `${REPLY}\n\nOp ma 3 jun. 2024 om 10:15 schreef Shop News <news@shop.example>:\n> Hallo`,
    REPLY,
  ],
  [
    'Spanish "El … escribió:"',
    `${REPLY}\n\nEl lun, 3 jun 2024 a las 10:15, Shop News (<news@shop.example>) escribió:\n> Hola`,
    REPLY,
  ],
  [
    'Italian "Il … ha scritto:"',
    `${REPLY}\n\nIl giorno lun 3 giu 2024 alle ore 10:15 Shop News <news@shop.example> ha scritto:\n> Ciao`,
    REPLY,
  ],
  ['Polish "W dniu … pisze:"', `${REPLY}\n\nW dniu 3.06.2024 o 10:15, Shop News pisze:\n> Cześć`, REPLY],
  [
    'Swedish "Den … skrev …:"',
    `${REPLY}\n\nDen 3 juni 2024 kl. 10:15 skrev Shop News <news@shop.example>:\n> Hej`,
    REPLY,
  ],
  [
    'Danish "Den … skrev …:"',
    `${REPLY}\n\nDen man. 3. jun. 2024 kl. 10.15 skrev Shop News <news@shop.example>:\n> Hej`,
    REPLY,
  ],
  [
    'Portuguese "Em … escreveu:"',
    `${REPLY}\n\nEm seg., 3 de jun. de 2024 às 10:15, Shop News <news@shop.example> escreveu:\n> Olá`,
    REPLY,
  ],
  [
    'Outlook original message',
    `${REPLY}\n\n-----Original Message-----\nFrom: Shop News\nSent: Monday, June 3, 2024 10:15\nTo: me\nSubject: Offers`,
    REPLY,
  ],
  [
    'German original message',
    `${REPLY}\n\n-----Ursprüngliche Nachricht-----\nVon: Shop News\nGesendet: Montag, 3. Juni 2024 10:15\nAn: mich`,
    REPLY,
  ],
  [
    'forwarded message separator',
    `${REPLY}\n\n---------- Forwarded message ---------\nFrom: Shop News <news@shop.example>\nDate: Mon, 3 Jun 2024`,
    REPLY,
  ],
  [
    'Outlook underscore line with From block',
    `${REPLY}\n\n________________________________\nFrom: Shop News\nSent: 3 June 2024 10:15`,
    REPLY,
  ],
  [
    'French De:/Envoyé: block',
    `${REPLY}\n\nDe : Shop News <news@shop.example>\nEnvoyé : lundi 3 juin 2024 10:15\nÀ : moi\nObjet : Offres`,
    REPLY,
  ],
  [
    'Dutch Van:/Verzonden: block',
    `${REPLY}\n\nVan: Shop News <news@shop.example>\nVerzonden: maandag 3 juni 2024 10:15\nAan: mij`,
    REPLY,
  ],
  ['signature separator', `${REPLY}\n\n-- \nJane Example\nExample Ltd`, REPLY],
  ['Sent from my iPhone', `${REPLY}\n\nSent from my iPhone`, REPLY],
  ['Gesendet von meinem iPhone', `${REPLY}\n\nVon meinem iPhone gesendet`, REPLY],
  ['Envoyé de mon iPhone', `${REPLY}\n\nEnvoyé de mon iPhone`, REPLY],
  ['everything quoted', '> Our spring offers\n> Unsubscribe here', ''],
  [
    'inline answers below a top quote header',
    'On Mon, 3 Jun 2024 at 10:15, Shop News <news@shop.example> wrote:\n> Do you want our offers?\n\nNo, unsubscribe me.',
    'No, unsubscribe me.',
  ],
  [
    'a body line starting with "On" is not a header',
    'On reflection, please delete my data.\nOn second thought, all of it.',
    'On reflection, please delete my data.\nOn second thought, all of it.',
  ],
  ['CRLF line endings', `${REPLY}\r\n\r\n> quoted\r\n`, REPLY],
];

describe('stripQuotedReply', () => {
  it.each(CASES)('%s', (_label, text, expected) => {
    expect(stripQuotedReply(text)).toBe(expected);
  });

  it('keeps a multi-line reply intact above the quote', () => {
    const reply = 'Hello,\n\nplease delete my account.\n\nThanks,\nJane';
    expect(
      stripQuotedReply(`${reply}\n\nOn 3 Jun 2024, at 10:15, Shop <news@shop.example> wrote:\n> hi`),
    ).toBe(reply);
  });
});
